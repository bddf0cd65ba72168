"""Coming home: a verified work-experience record, and the returnee may apply again."""
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.domain.application_gates import ALREADY_PLACED
from app.extensions import db as _db
from app.models import AuditEntry, Experience, SeekerProfile
from app.services import applications
from app.services.returns import record_return_experience
from tests.factories import make_employer, make_user
from tests.services.helpers_applications import make_opening
from tests.services.helpers_monitoring import worker_abroad


def _experiences(seeker_id: int) -> list[Experience]:
    return list(_db.session.scalars(select(Experience).where(Experience.seeker_id == seeker_id)))


def test_coming_home_records_a_verified_experience_from_departure_to_return(db):
    coordinator = make_user("coordinator")
    employer = make_employer(legal_name="Toyama Care Homes")
    placement = worker_abroad(employer, departed=date(2023, 1, 31), stage="completed", title="Care worker",
                              city="Toyama", occupation_code=None)
    applications.move(placement, "returned", coordinator, today=date(2025, 2, 28))
    [entry] = _experiences(placement.seeker_id)
    assert (entry.title, entry.place, entry.months, entry.verified) == (
        "Care worker", "Toyama Care Homes, Toyama", 25, True)
    assert _db.session.get(SeekerProfile, placement.seeker_id).experience_years == Decimal("2.1")
    recorded = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "return_experience_recorded"))
    assert recorded.details == {"placement_id": placement.id, "experience_id": entry.id, "months": 25}


def test_an_early_return_counts_its_months_too(db):
    coordinator = make_user("coordinator")
    placement = worker_abroad(departed=date(2025, 1, 15), stage="arrived")
    applications.move(placement, "returned", coordinator, reason_code="early_return_family",
                      today=date(2025, 4, 20))
    assert [e.months for e in _experiences(placement.seeker_id)] == [3]


def test_the_record_is_kept_once_and_only_for_a_return(db):
    placement = worker_abroad(stage="arrived")
    assert record_return_experience(placement) is None
    placement.stage, placement.returned_on = "returned", date(2026, 1, 1)
    _db.session.commit()
    assert record_return_experience(placement) is not None
    assert record_return_experience(placement) is None
    assert len(_experiences(placement.seeker_id)) == 1


def test_a_returnee_is_not_placed_any_more_and_may_apply_again(db):
    coordinator = make_user("coordinator")
    placement = worker_abroad(departed=date(2024, 1, 10), stage="arrived")
    seeker = placement.seeker
    assert applications.is_placed(seeker.id)
    applications.move(placement, "returned", coordinator, reason_code="early_return_health")
    assert not applications.is_placed(seeker.id)
    new_opening = make_opening()
    assert ALREADY_PLACED not in applications.blockers(seeker, new_opening)
    assert applications.blockers(seeker, new_opening) == []
    applications.apply(seeker, new_opening, applications.Actor.for_user(seeker.user))
