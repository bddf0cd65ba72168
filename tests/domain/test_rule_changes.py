"""Which openings a destination-rule change affects: only those whose verdict changes."""
from datetime import date

import pytest

from app.domain.destinations import RuleFacts
from app.domain.rule_changes import OpeningFacts, VerdictChange, affected_by_change, judged_on, with_rule

TODAY = date(2026, 3, 1)
JP_ALLOWED = RuleFacts(1, "JP", None, "allowed", date(2020, 1, 1))
KR_ALLOWED = RuleFacts(2, "KR", None, "allowed", date(2020, 1, 1))
CURRENT = [JP_ALLOWED, KR_ALLOWED]

CARE_JP = OpeningFacts(10, "JP", "care", date(2026, 6, 1))
WELD_JP = OpeningFacts(11, "JP", "manufacturing", date(2026, 6, 1))
CARE_KR = OpeningFacts(12, "KR", "care", date(2026, 6, 1))
LATE_JP = OpeningFacts(13, "JP", "care", date(2027, 6, 1))
PAST_JP = OpeningFacts(14, "JP", "care", date(2025, 1, 1))
OPENINGS = [CARE_JP, WELD_JP, CARE_KR, LATE_JP, PAST_JP]


@pytest.mark.parametrize(("proposed", "expected"), [
    pytest.param(RuleFacts(None, "JP", None, "allowed", date(2026, 1, 1)), [], id="same-status-changes-nothing"),
    pytest.param(RuleFacts(None, "JP", None, "blocked", date(2026, 1, 1)),
                 [(10, "allowed", "blocked"), (11, "allowed", "blocked"), (13, "allowed", "blocked"),
                  (14, "allowed", "blocked")], id="country-block-hits-every-sector"),
    pytest.param(RuleFacts(None, "JP", "care", "blocked", date(2026, 1, 1)),
                 [(10, "allowed", "blocked"), (13, "allowed", "blocked"), (14, "allowed", "blocked")],
                 id="sector-rule-hits-only-its-sector"),
    pytest.param(RuleFacts(None, "JP", "care", "caution", date(2027, 1, 1)), [(13, "allowed", "caution")],
                 id="future-rule-hits-openings-starting-after-it"),
    pytest.param(RuleFacts(None, "JP", "care", "blocked", date(2026, 1, 1), valid_to=date(2026, 12, 31)),
                 [(10, "allowed", "blocked"), (14, "allowed", "blocked")], id="ended-rule-spares-later-starts"),
    pytest.param(RuleFacts(1, "JP", None, "caution", date(2020, 1, 1)),
                 [(10, "allowed", "caution"), (11, "allowed", "caution"), (13, "allowed", "caution"),
                  (14, "allowed", "caution")], id="editing-a-rule-replaces-it"),
    pytest.param(RuleFacts(1, "JP", None, "allowed", date(2020, 1, 1), valid_to=date(2026, 12, 31)),
                 [(13, "allowed", "caution")], id="closing-a-rule-leaves-the-default-caution"),
    pytest.param(RuleFacts(2, "JP", None, "allowed", date(2020, 1, 1)),
                 [(12, "allowed", "caution")], id="moving-a-rule-to-another-country-uncovers-the-old-one"),
    pytest.param(RuleFacts(None, "KR", None, "caution", date(2026, 1, 1)), [(12, "allowed", "caution")],
                 id="the-strictest-rule-in-force-applies"),
])
def test_only_openings_whose_verdict_changes_are_listed(proposed, expected):
    changes = affected_by_change(OPENINGS, CURRENT, with_rule(CURRENT, proposed), TODAY)
    assert [(c.opening_id, c.before, c.after) for c in changes] == expected


def test_an_opening_is_judged_on_its_start_date_or_today_once_that_has_passed():
    assert judged_on(CARE_JP, TODAY) == date(2026, 6, 1)
    assert judged_on(PAST_JP, TODAY) == TODAY
    assert judged_on(OpeningFacts(1, "JP", "care", None), TODAY) == TODAY


def test_a_new_rule_is_added_and_an_edited_one_replaces_its_old_self():
    added = RuleFacts(None, "TW", None, "allowed", TODAY)
    assert with_rule(CURRENT, added) == [JP_ALLOWED, KR_ALLOWED, added]
    edited = RuleFacts(2, "KR", None, "blocked", TODAY)
    assert with_rule(CURRENT, edited) == [JP_ALLOWED, edited]


@pytest.mark.parametrize(("before", "after", "stricter"), [
    ("allowed", "blocked", True), ("caution", "blocked", True), ("allowed", "caution", True),
    ("blocked", "allowed", False), ("caution", "allowed", False),
])
def test_a_change_knows_whether_it_tightens(before, after, stricter):
    assert VerdictChange(1, before, after).is_stricter is stricter
