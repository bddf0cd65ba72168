"""Issue 6's walk, in services: a cohort run to completion makes its graduate eligible in the ranking at once."""
from datetime import date, timedelta

from app.domain.eligibility import Gate
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.matcher.rank import rank_candidates, rank_openings
from app.services.training_completion import complete_cohort
from tests.factories import make_user
from tests.services.helpers_matching import make_candidate, make_opening
from tests.services.helpers_training import make_cohort, make_enrolment


def caregiver_opening():
    start = local_today() + timedelta(days=120)
    return make_opening(skills=(("elderly care", "must"),), schemes=("BLK-CAREGIVER",), language=None,
                        sector_code="care", occupation_code="5322", start_date=start)


def test_a_graduate_moves_from_the_ineligible_list_to_the_ranking_when_the_cohort_completes(db):
    opening = caregiver_opening()
    graduate = make_candidate(skills=("elderly care",), schemes=(), language=None, birth_date=date(2001, 3, 3))
    before = rank_candidates(opening, top_k=10, with_ineligible=True)
    assert graduate.id not in [c.seeker_id for c in before.candidates]
    assert [c.gates for c in before.ineligible if c.seeker_id == graduate.id] == [(Gate.CERT_MISSING,)]

    cohort = make_cohort(starts_in=-60, days=59, status="running")
    make_enrolment(cohort, graduate, attendance_pct=96, passed=True)
    complete_cohort(cohort, Actor.for_user(make_user("coordinator")))

    after = rank_candidates(opening, top_k=10, with_ineligible=True)
    assert [c.seeker_id for c in after.candidates] == [graduate.id]
    assert graduate.id not in [c.seeker_id for c in after.ineligible]
    assert [o.opening_id for o in rank_openings(graduate, top_k=5).openings] == [opening.id]


def test_a_failed_graduate_stays_ineligible(db):
    opening = caregiver_opening()
    seeker = make_candidate(skills=("elderly care",), schemes=(), language=None, birth_date=date(2001, 3, 3))
    cohort = make_cohort(starts_in=-60, days=59, status="running")
    make_enrolment(cohort, seeker, attendance_pct=50, passed=False)
    complete_cohort(cohort, Actor.for_user(make_user("coordinator")))
    assert rank_candidates(opening, top_k=10).candidates == []
