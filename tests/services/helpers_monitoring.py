"""Factories for the monitoring tests: a worker abroad, a check-in, an alert, a case, a safe word."""
from datetime import date, timedelta

from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Alert, Case, CheckIn, Employer, Placement, User
from app.services.catalogue import local_today
from tests import factories
from tests.services.helpers_applications import make_opening, make_placement, seeker_user

SAFE_WORD = "Kenari"
factories.SENSITIVE.add(SAFE_WORD.lower())  # the log check fails the run if it ever shows up


def worker_abroad(employer: Employer | None = None, departed: date | None = None, stage: str = "arrived",
                  user: User | None = None, **opening_fields) -> Placement:
    """A seeker with an account, placed with `employer` and abroad since `departed` (default 40 days ago)."""
    user = user or seeker_user()
    opening = make_opening(employer=employer, **opening_fields)
    placement = make_placement(user.seeker, opening, stage)
    placement.departure_date = departed or local_today() - timedelta(days=40)
    db.session.commit()
    return placement


def give_safe_word(user: User, word: str = SAFE_WORD) -> None:
    user.seeker.safe_word_hash = generate_password_hash(word.lower(), method="pbkdf2:sha256:1000")
    db.session.commit()


def make_checkin(placement: Placement, due_on: date | None = None, **fields) -> CheckIn:
    checkin = CheckIn(placement_id=placement.id, due_on=due_on or local_today(), **fields)
    db.session.add(checkin)
    db.session.commit()
    return checkin


def make_alert(placement: Placement, kind: str = "distress", severity: str = "critical", **details) -> Alert:
    alert = Alert(kind=kind, severity=severity, placement_id=placement.id, seeker_id=placement.seeker_id,
                  details=details)
    db.session.add(alert)
    db.session.commit()
    return alert


def make_case(placement: Placement | None, owner: User, **fields) -> Case:
    values = {"category": "unpaid_wages", "severity": "high", "status": "open", "source": "phone",
              "summary": "Wages two months late.", "owner_id": owner.id, "opened_by_id": owner.id,
              "placement_id": placement.id if placement else None,
              "seeker_id": placement.seeker_id if placement else None}
    case = Case(**{**values, **fields})
    db.session.add(case)
    db.session.commit()
    return case
