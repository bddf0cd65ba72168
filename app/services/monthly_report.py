"""The month's figures for the mayor's report: what happened in the month, and where people stand at its end."""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from app.domain.report_tables import (
    ABROAD_STAGES,
    OPEN_CASE_STATUSES,
    MonthRow,
    Period,
    month_period,
    sum_by_parent,
)
from app.extensions import db
from app.models import Case, CheckIn, Kecamatan, Opening, Placement, PlacementEvent, SeekerProfile
from app.services.report_places import place_measures, reference_places
from app.services.report_queries import registered_seekers, utc_start_of, within
from app.services.reports import placements_by_stage, verified_count

MOVES = ("accepted", "departed", "arrived", "returned", "repatriated")


@dataclass(frozen=True)
class MonthlyReport:
    month: date  # its first day
    period: Period
    is_complete: bool  # False while the month is still running
    registrations: int
    registered_total: int
    certifications_verified: int
    applications: int
    moves: dict[str, int]  # placements that reached each stage in the month
    abroad_at_end: int
    help_requests: int
    checkins_overdue: int
    cases_opened: int
    cases_resolved: int
    cases_open_now: int
    kecamatan: list[MonthRow]
    binaan: list[MonthRow]
    departures_by_country: list[tuple[str, int]]


def _count(query) -> int:
    return db.session.scalar(query) or 0


def _moves(period: Period) -> dict[str, int]:
    counts = dict(db.session.execute(select(PlacementEvent.to_stage, func.count(PlacementEvent.id))
                                     .where(PlacementEvent.to_stage.in_(MOVES), *within(PlacementEvent.at, period))
                                     .group_by(PlacementEvent.to_stage)).all())
    return {stage: counts.get(stage, 0) for stage in MOVES}


def abroad_on(day: date) -> int:
    """Placements whose latest move up to the end of local `day` left them abroad (departed or arrived)."""
    last = (select(func.max(PlacementEvent.id).label("id"))
            .where(PlacementEvent.at < utc_start_of(day + timedelta(days=1)))
            .group_by(PlacementEvent.placement_id).subquery())
    return _count(select(func.count(PlacementEvent.id)).join(last, PlacementEvent.id == last.c.id)
                  .where(PlacementEvent.to_stage.in_(ABROAD_STAGES)))


def _departures(period: Period, key):
    """Departures in the period grouped by `key` (a seeker's kelurahan or an opening's country)."""
    return dict(db.session.execute(
        select(key, func.count(PlacementEvent.id)).select_from(PlacementEvent)
        .join(Placement, PlacementEvent.placement_id == Placement.id)
        .join(SeekerProfile, Placement.seeker_id == SeekerProfile.id)
        .join(Opening, Placement.opening_id == Opening.id)
        .where(PlacementEvent.to_stage == "departed", *within(PlacementEvent.at, period)).group_by(key)).all())


def _places(period: Period, last_day: date, today: date) -> tuple[list[MonthRow], list[MonthRow]]:
    """Per kecamatan and per kelurahan binaan: registrations and departures in the month, registrations up to
    `last_day`, and how many of those are abroad now."""
    places = reference_places()
    month, ever = place_measures(period, today), place_measures(Period(end=last_day), today)
    departures = _departures(period, SeekerProfile.kelurahan_code)
    parent = {p.code: p.kecamatan_code for p in places}
    by_kecamatan = [sum_by_parent(counts, parent) for counts in (month["registered"], departures,
                                                                  ever["registered"], ever["abroad"])]
    kecamatan = [MonthRow(k.code, k.name, *(counts.get(k.code, 0) for counts in by_kecamatan))
                 for k in db.session.scalars(select(Kecamatan).order_by(Kecamatan.code))]
    binaan = [MonthRow(p.code, p.name, month["registered"].get(p.code, 0), departures.get(p.code, 0),
                       ever["registered"].get(p.code, 0), ever["abroad"].get(p.code, 0))
              for p in sorted(places, key=lambda p: p.name) if p.is_binaan]
    return kecamatan, binaan


def monthly_report(year: int, month: int, today: date) -> MonthlyReport:
    """Everything the mayor's page shows for one month."""
    period = month_period(year, month)
    last_day = min(period.end, today)
    kecamatan, binaan = _places(period, last_day, today)
    countries = _departures(period, Opening.country_code)
    return MonthlyReport(
        month=period.start, period=period, is_complete=period.end < today,
        registrations=_count(select(func.count(SeekerProfile.id)).where(*registered_seekers(period))),
        registered_total=_count(select(func.count(SeekerProfile.id)).where(*registered_seekers(Period(end=last_day)))),
        certifications_verified=verified_count(period),
        applications=sum(n for _stage, n in placements_by_stage(period)),
        moves=_moves(period), abroad_at_end=abroad_on(last_day),
        help_requests=_count(select(func.count(CheckIn.id)).where(
            CheckIn.answer == "distress", *within(CheckIn.answered_at, period))),
        checkins_overdue=_count(select(func.count(CheckIn.id)).where(*within(CheckIn.overdue_at, period))),
        cases_opened=_count(select(func.count(Case.id)).where(*within(Case.created_at, period))),
        cases_resolved=_count(select(func.count(Case.id)).where(*within(Case.resolved_at, period))),
        cases_open_now=_count(select(func.count(Case.id)).where(Case.status.in_(OPEN_CASE_STATUSES))),
        kecamatan=kecamatan, binaan=binaan,
        departures_by_country=sorted(countries.items(), key=lambda pair: (-pair[1], pair[0])),
    )


def month_choices(today: date, count: int = 12) -> list[date]:
    """The first days of the last `count` months, this one first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return months
