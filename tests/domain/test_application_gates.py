"""Who may apply to an opening before the matcher's full gates arrive: age, consent, status, placed, applied."""
from dataclasses import replace
from datetime import date

import pytest

from app.domain import application_gates as gates
from app.domain.application_gates import ApplicationFacts, application_blockers

TODAY = date(2026, 3, 1)
START = date(2026, 6, 1)
FACTS = ApplicationFacts(today=TODAY, opening_status="approved", employer_verified=True, deadline=date(2026, 4, 1),
                         start_date=START, min_age=18, max_age=35, birth_date=date(2000, 5, 17),
                         consents_to_matching=True)


def test_an_adult_who_consents_may_apply_to_an_open_opening():
    assert application_blockers(FACTS) == []


@pytest.mark.parametrize("change,code", [
    ({"opening_status": "closed"}, gates.OPENING_NOT_OPEN),
    ({"opening_status": "submitted"}, gates.OPENING_NOT_OPEN),
    ({"employer_verified": False}, gates.OPENING_NOT_OPEN),
    ({"deadline": date(2026, 2, 28)}, gates.DEADLINE_PASSED),
    ({"consents_to_matching": False}, gates.NO_MATCHING_CONSENT),
    ({"birth_date": date(2008, 6, 2)}, gates.UNDER_18_ON_START),        # 18 the day after the start date
    ({"birth_date": date(2007, 6, 1), "min_age": 21}, gates.BELOW_MIN_AGE),
    ({"birth_date": date(1990, 6, 1)}, gates.ABOVE_MAX_AGE),             # 36 on the start date
    ({"already_placed": True}, gates.ALREADY_PLACED),
    ({"existing_stage": "applied"}, gates.ALREADY_APPLIED),
    ({"existing_stage": "rejected"}, gates.ALREADY_APPLIED),
    ({"existing_stage": "withdrawn"}, gates.WITHDRAWN_BEFORE),
])
def test_each_blocker_is_reported_with_its_code(change, code):
    assert application_blockers(replace(FACTS, **change)) == [code]


@pytest.mark.parametrize("change", [
    {"deadline": TODAY},                                 # the deadline day itself is still open
    {"deadline": None},
    {"birth_date": date(2008, 6, 1)},                   # 18 exactly on the start date
    {"birth_date": date(1991, 6, 1)},                   # 35 exactly on the start date
    {"max_age": None, "birth_date": date(1970, 1, 1)},
])
def test_boundaries_that_still_allow_applying(change):
    assert application_blockers(replace(FACTS, **change)) == []


def test_age_counts_on_the_start_date_not_today():
    seventeen_today = replace(FACTS, birth_date=date(2008, 4, 1))
    assert application_blockers(seventeen_today) == []
    assert application_blockers(replace(seventeen_today, start_date=None)) == [gates.UNDER_18_ON_START]


def test_every_blocker_is_listed_at_once():
    facts = replace(FACTS, opening_status="closed", consents_to_matching=False, already_placed=True,
                    birth_date=date(2010, 1, 1))
    assert application_blockers(facts) == [gates.OPENING_NOT_OPEN, gates.NO_MATCHING_CONSENT,
                                           gates.UNDER_18_ON_START, gates.ALREADY_PLACED]
