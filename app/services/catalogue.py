"""Read-only look-ups for the public catalogue: what is on offer right now."""
from datetime import date, datetime

from babel.dates import get_timezone
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Cohort, Opening

UPCOMING_COHORT_STATUSES = ("planned", "open")


def local_today() -> date:
    """Today's date in the programme's time zone (Pangkalpinang), not the server's."""
    # Babel's look-up works from pytz's bundled data too, on hosts without a system tz database.
    return datetime.now(get_timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def approved_openings_count() -> int:
    """How many openings are approved and therefore public."""
    return db.session.scalar(select(func.count(Opening.id)).where(Opening.status == "approved")) or 0


def _is_upcoming(today: date | None):
    return Cohort.status.in_(UPCOMING_COHORT_STATUSES), Cohort.starts_on >= (today or local_today())


def upcoming_cohorts_count(today: date | None = None) -> int:
    """How many training cohorts are planned or open and have not started yet."""
    return db.session.scalar(select(func.count(Cohort.id)).where(*_is_upcoming(today))) or 0


def upcoming_cohorts(limit: int = 5, today: date | None = None) -> list[Cohort]:
    """The next training cohorts that have not started and are not cancelled, soonest first."""
    query = (
        select(Cohort)
        .options(joinedload(Cohort.programme))
        .where(*_is_upcoming(today))
        .order_by(Cohort.starts_on, Cohort.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))
