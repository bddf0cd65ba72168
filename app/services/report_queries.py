"""SQL pieces the report queries share: local periods as UTC bounds, and per-seeker conditions.

Timestamps are stored as naive UTC; a period is in local dates (Asia/Jakarta), so 23:30 on the 31st
local time belongs to the 31st even though it is 16:30 UTC.
"""
from datetime import UTC, date, datetime, time, timedelta

from babel.dates import get_timezone
from flask import current_app
from sqlalchemy import and_, case, exists, func, or_

from app.domain.report_tables import ABROAD_STAGES, EVER_PLACED_STAGES, Period, latest_birth_date_for_age
from app.models import Certification, Consent, Placement, SeekerProfile


def utc_start_of(day: date) -> datetime:
    """The UTC moment local `day` begins."""
    zone = get_timezone(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = datetime.combine(day, time())
    aware = zone.localize(local) if hasattr(zone, "localize") else local.replace(tzinfo=zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def within(column, period: Period) -> list:
    """Conditions that a UTC timestamp column falls on a local date of the period."""
    conditions = []
    if period.start is not None:
        conditions.append(column >= utc_start_of(period.start))
    if period.end is not None:
        conditions.append(column < utc_start_of(period.end + timedelta(days=1)))
    return conditions


def registered_seekers(period: Period) -> list:
    """Seekers who registered in the period and were not erased."""
    return [SeekerProfile.erased_at.is_(None), *within(SeekerProfile.created_at, period)]


def seeker_flags(today: date) -> dict:
    """Per-seeker conditions, each a correlated EXISTS on an indexed seeker_id: verified, eligible (approximated),
    applied, placed, abroad, returned. Count seekers with `count_of(flag)`.

    EXISTS rather than joins to per-seeker GROUP BY subqueries: those are faster once the planner has statistics,
    but PostgreSQL without them (just after a bulk import) turns them into nested loops that take minutes."""
    def placement_at(stages=None):
        return exists().where(Placement.seeker_id == SeekerProfile.id,
                              *([] if stages is None else [Placement.stage.in_(stages)]))

    def certificate(*conditions):
        return exists().where(Certification.seeker_id == SeekerProfile.id, Certification.status == "verified",
                              *conditions)

    consents = exists().where(Consent.seeker_id == SeekerProfile.id, Consent.purpose == "matching",
                              Consent.withdrawn_at.is_(None))
    # Approximation until the matcher can count: adult, consents to matching, a verified unexpired certificate.
    eligible = and_(SeekerProfile.birth_date <= latest_birth_date_for_age(today, 18), consents,
                    certificate(or_(Certification.expires_on.is_(None), Certification.expires_on >= today)))
    return {"verified": certificate(), "eligible": eligible, "applied": placement_at(),
            "placed": placement_at(EVER_PLACED_STAGES), "abroad": placement_at(ABROAD_STAGES),
            "returned": placement_at(("returned",))}


def count_of(condition):
    """How many rows meet the condition (0, not NULL, when there are none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

