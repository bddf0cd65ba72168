"""Time helpers: the app stores naive UTC datetimes everywhere."""
from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def whole_years_between(born: date, on: date) -> int:
    """Age in completed years on a given date (a 29 February birthday counts on 1 March)."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years
