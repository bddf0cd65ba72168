"""What is kept of an erased seeker: an age band and an outcome; which stages block erasure."""
from datetime import date

import pytest

from app.domain.erasure import PlacementTrace, age_band, blocks_erasure, outcome
from app.domain.vocab import CLOSED_STAGES


@pytest.mark.parametrize("born, band", [
    (date(2011, 6, 2), "<15"),
    (date(2010, 6, 1), "15-17"),
    (date(2007, 6, 2), "15-17"),    # 18 tomorrow
    (date(2007, 6, 1), "18-24"),    # 18 today
    (date(2000, 6, 2), "18-24"),
    (date(2000, 6, 1), "25-34"),
    (date(1990, 6, 1), "35-44"),
    (date(1980, 6, 2), "35-44"),
    (date(1980, 6, 1), "45+"),
])
def test_the_age_band_on_the_day_of_erasure(born, band):
    assert age_band(born, date(2025, 6, 1)) == band


@pytest.mark.parametrize("stage, blocks", [
    *[(s, True) for s in ("applied", "shortlisted", "interview", "offered", "accepted", "contract_signed",
                          "documents_verified", "departed", "arrived")],
    ("completed", False), ("returned", False), *[(s, False) for s in CLOSED_STAGES],
])
def test_only_a_placement_still_moving_blocks_erasure(stage, blocks):
    assert blocks_erasure(stage) is blocks


@pytest.mark.parametrize("placements, expected", [
    ([], "registered"),
    ([PlacementTrace("withdrawn", ("applied",))], "withdrawn"),
    ([PlacementTrace("rejected", ("applied",)), PlacementTrace("returned", ("applied", "departed", "completed"))],
     "returned"),
    ([PlacementTrace("repatriated", ("applied", "departed", "arrived")), PlacementTrace("rejected", ("applied",))],
     "repatriated"),
    # As far as the other, but ended early: the closed stage says more.
    ([PlacementTrace("arrived", ("departed",)), PlacementTrace("terminated", ("departed", "arrived"))],
     "terminated"),
    ([PlacementTrace("completed")], "completed"),
])
def test_the_outcome_is_the_stage_of_the_placement_that_got_furthest(placements, expected):
    assert outcome(placements) == expected
