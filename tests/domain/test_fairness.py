"""Fairness figures: places in the top 10 against each group's share of the eligible, and selection rates."""
import pytest

from app.domain.fairness import Decision, OpeningExposure, exposure, is_selected, selection_rates


def by_group(rows):
    return {row.group: row for row in rows}


@pytest.mark.parametrize("openings, people, expected", [
    # In proportion: half the pool, half the places.
    ([OpeningExposure(["F"] * 5 + ["M"] * 5, {"F": 50, "M": 50})], {"F": 50, "M": 50}, {"F": 1.0, "M": 1.0}),
    # Women are a third of the pool but get one place in ten.
    ([OpeningExposure(["F"] + ["M"] * 9, {"F": 10, "M": 20})], {"F": 10, "M": 20}, {"F": 0.3, "M": 1.35}),
    # Expected places are counted per opening: a small pool where everyone is shown is always in proportion.
    ([OpeningExposure(["F", "M"], {"F": 1, "M": 1}), OpeningExposure(["M"] * 10, {"F": 20, "M": 20})],
     {"F": 20, "M": 20}, {"F": 1 / 6, "M": 11 / 6}),
    # Fewer than five different people: too few to compare, no ratio.
    ([OpeningExposure(["F"] * 4 + ["M"] * 6, {"F": 4, "M": 6})], {"F": 4, "M": 6}, {"F": None, "M": 1.0}),
    # A group in the pools but never shown gets a ratio of 0.
    ([OpeningExposure(["M"] * 10, {"F": 10, "M": 10})], {"F": 10, "M": 10}, {"F": 0.0, "M": 2.0}),
    # An opening nobody is eligible for counts for nothing.
    ([OpeningExposure([], {}), OpeningExposure(["F", "M"], {"F": 5, "M": 5})], {"F": 5, "M": 5},
     {"F": 1.0, "M": 1.0}),
])
def test_exposure_ratio_is_places_shown_over_places_expected_from_each_pool(openings, people, expected):
    rows = by_group(exposure(openings, people))
    assert {g: (None if r.ratio is None else pytest.approx(r.ratio)) for g, r in rows.items()} == expected
    assert sum(r.shown_share for r in rows.values()) == pytest.approx(1.0)
    assert sum(r.expected_share for r in rows.values()) == pytest.approx(1.0)


def test_a_group_too_small_to_compare_is_marked_and_keeps_no_ratio():
    rows = by_group(exposure([OpeningExposure(["F", None, "M"], {"F": 3, None: 1, "M": 6})],
                             {"F": 3, None: 1, "M": 6}))
    assert rows["F"].too_few and rows[None].too_few and not rows["M"].too_few
    assert rows["F"].ratio is None and rows[None].ratio is None
    assert [r.group for r in exposure([OpeningExposure(["M", None], {"M": 5, None: 5})], {})][-1] is None


@pytest.mark.parametrize("reached, stage, expected", [
    (["applied"], "applied", None),
    (["applied", "shortlisted"], "shortlisted", True),
    (["applied", "shortlisted", "interview", "rejected"], "rejected", True),
    (["applied", "shortlisted", "interview", "offered", "accepted", "departed"], "departed", True),
    (["applied", "rejected"], "rejected", False),
    (["applied", "withdrawn"], "withdrawn", None),
    (["applied", "cancelled"], "cancelled", None),
])
def test_an_application_is_selected_once_shortlisted_not_selected_when_rejected_before(reached, stage, expected):
    assert is_selected(reached, stage) is expected


def decisions(group, people, selected, applications=None):
    """`people` different seekers of a group, `applications` decisions among them, the first `selected` selected."""
    applications = applications or people
    return [Decision(group, i % people, i < selected) for i in range(applications)]


@pytest.mark.parametrize("rows, expected", [
    # 50% and 40%: 0.8 of the best, exactly at the line, not flagged.
    (decisions("F", 10, 5) + decisions("M", 10, 4), {"F": (1.0, False), "M": (0.8, False)}),
    # 50% and 30%: 0.6 of the best, flagged.
    (decisions("F", 10, 3) + decisions("M", 10, 5), {"F": (0.6, True), "M": (1.0, False)}),
    # A group of four people is too few: no ratio, not flagged, and not the best-off either.
    (decisions("F", 4, 4) + decisions("M", 10, 2) + decisions("X", 10, 4),
     {"F": (None, False), "M": (0.5, True), "X": (1.0, False)}),
    # Nobody selected anywhere: no ratio can be computed.
    (decisions("F", 6, 0) + decisions("M", 6, 0), {"F": (None, False), "M": (None, False)}),
    # People count, not applications: one person applying six times is still one person.
    ([Decision("F", 1, True)] * 6 + decisions("M", 5, 1), {"F": (None, False), "M": (1.0, False)}),
])
def test_selection_rates_are_compared_to_the_best_off_group_with_the_four_fifths_rule(rows, expected):
    found = by_group(selection_rates(rows))
    assert {g: (None if r.ratio_to_best is None else pytest.approx(r.ratio_to_best), r.flagged)
            for g, r in found.items()} == expected


def test_a_selection_rate_counts_applications_and_people():
    rows = by_group(selection_rates(decisions("F", 5, 3, applications=8)))
    assert (rows["F"].people, rows["F"].applications, rows["F"].selected) == (5, 8, 3)
    assert rows["F"].rate == pytest.approx(3 / 8)
