"""Factories for the training tests: a programme, a cohort of it, an enrolment at a status."""
import itertools
from datetime import datetime, timedelta

from app.extensions import db
from app.models import Cohort, Enrolment, SeekerProfile, TrainingProgramme
from app.services.catalogue import local_today

_n = itertools.count(1)


def make_programme(**overrides) -> TrainingProgramme:
    n = next(_n)
    fields = {"name": f"Caregiver training {n}", "scheme_code": "BLK-CAREGIVER", "provider": "UPTD BLK Test",
              "provider_kind": "BLK", "hours": 480, "cost_idr": 0, "language": "Indonesian"}
    programme = TrainingProgramme(**{**fields, **overrides})
    db.session.add(programme)
    db.session.commit()
    return programme


def make_cohort(programme: TrainingProgramme | None = None, starts_in: int = 30, days: int = 60,
                **overrides) -> Cohort:
    """A cohort starting `starts_in` days from today, open by default."""
    programme = programme or make_programme()
    starts = local_today() + timedelta(days=starts_in)
    fields = {"programme_id": programme.id, "starts_on": starts, "ends_on": starts + timedelta(days=days),
              "place": "BLK Pangkalpinang", "capacity": 2, "status": "open"}
    cohort = Cohort(**{**fields, **overrides})
    db.session.add(cohort)
    db.session.commit()
    return cohort


def make_enrolment(cohort: Cohort, seeker: SeekerProfile, status: str = "enrolled", minute: int = 0,
                   **overrides) -> Enrolment:
    enrolment = Enrolment(cohort_id=cohort.id, seeker_id=seeker.id, status=status,
                          enrolled_at=datetime(2026, 1, 1, 8, 0) + timedelta(minutes=minute), **overrides)
    db.session.add(enrolment)
    db.session.commit()
    return enrolment
