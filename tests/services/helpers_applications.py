"""Factories for the applications tests: an approved opening, a seeker with an account, a placement at a stage."""
import itertools
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.domain.vocab import ACTIVE_STAGES, PRE_DEPARTURE_ITEMS
from app.extensions import db
from app.models import Employer, Opening, Placement, PlacementEvent, PreDepartureItem, SeekerProfile, User
from app.services.catalogue import local_today
from tests.factories import make_employer, make_user

_codes = itertools.count(1)


def make_opening(employer: Employer | None = None, **overrides) -> Opening:
    """An approved, open opening starting in three months, for ages 18 to 40."""
    n = next(_codes)
    employer = employer or make_employer()
    today = local_today()
    fields = {"employer_id": employer.id, "title": f"Care worker {n}", "sector_code": "care", "city": "Toyama",
              "country_code": "JP", "positions": 2, "min_age": 18, "max_age": 40,
              "start_date": today + timedelta(days=90), "deadline": today + timedelta(days=30),
              "monthly_wage": Decimal("180000"), "currency": "JPY", "status": "approved",
              "code": f"JBT-TEST-{n:04d}", "contract_months": 24, "hours_per_week": 40}
    opening = Opening(**{**fields, **overrides})
    db.session.add(opening)
    db.session.commit()
    return opening


def seeker_user(**profile_overrides) -> User:
    """A seeker with an account; profile fields are overridden after creation."""
    user = make_user("seeker")
    profile = user.seeker
    for name, value in profile_overrides.items():
        setattr(profile, name, value)
    db.session.commit()
    return user


def make_placement(seeker: SeekerProfile, opening: Opening, stage: str = "applied") -> Placement:
    """A placement that walked the active stages up to `stage` (or was closed from `applied`)."""
    path = list(ACTIVE_STAGES[:ACTIVE_STAGES.index(stage) + 1]) if stage in ACTIVE_STAGES else ["applied", stage]
    placement = Placement(seeker_id=seeker.id, opening_id=opening.id, stage=stage)
    previous = None
    for to_stage in path:
        placement.events.append(PlacementEvent(from_stage=previous, to_stage=to_stage, actor_label="test"))
        previous = to_stage
    db.session.add(placement)
    db.session.commit()
    return placement


def verify_all_items(placement: Placement) -> None:
    for kind in PRE_DEPARTURE_ITEMS:
        placement.items.append(PreDepartureItem(item=kind, status="verified"))
    db.session.commit()


def years_ago(years: int, on: date | None = None, days: int = 0) -> date:
    on = on or local_today()
    return date(on.year - years, on.month, min(on.day, 28)) - timedelta(days=days)


def reload(model, id_):
    db.session.expire_all()
    return db.session.scalar(select(model).where(model.id == id_))
