"""Figures by place: every kelurahan (zeros included) and kecamatan, kelurahan binaan first with their trend."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select

from app.domain import report_layouts as layouts
from app.domain.report_tables import (
    OPEN_CASE_STATUSES,
    Period,
    Place,
    PlaceRow,
    Trend,
    binaan_first,
    kecamatan_rows,
    next_month,
    place_rows,
    trend_months,
    trends,
)
from app.extensions import db
from app.models import Case, Kecamatan, Kelurahan, SeekerProfile
from app.services import audit
from app.services.audit import Actor
from app.services.report_queries import count_of, registered_seekers, seeker_flags, utc_start_of


@dataclass(frozen=True)
class Places:
    kelurahan: list[PlaceRow]  # all of them, kecamatan by kecamatan
    kecamatan: list[PlaceRow]
    binaan: list[Trend]  # the kelurahan binaan with their registrations per month
    months: list[date]
    outside_city: int  # registered seekers who live outside the city's kelurahan

    @property
    def binaan_first(self) -> list[PlaceRow]:
        return binaan_first(self.kelurahan)


def reference_places() -> list[Place]:
    """Every kelurahan of the city with its kecamatan."""
    return [Place(*row) for row in db.session.execute(
        select(Kelurahan.code, Kelurahan.name, Kecamatan.code, Kecamatan.name, Kelurahan.is_binaan)
        .join(Kecamatan, Kelurahan.kecamatan_code == Kecamatan.code))]


SEEKER_FLAGS = ("verified", "eligible", "applied", "placed", "abroad", "returned")
_MEASURE_OF_FLAG = {"registered": "registered", "certified": "verified", "placed": "placed", "abroad": "abroad",
                    "returned": "returned"}


def seeker_counts(period: Period, today: date) -> dict[str | None, dict[str, int]]:
    """Per kelurahan (None: outside the city), the seekers registered in the period and how many of them are
    verified, eligible, applied, placed, abroad now and returned: one GROUP BY for the funnel and the places."""
    flags = seeker_flags(today)
    rows = db.session.execute(
        select(SeekerProfile.kelurahan_code, func.count(SeekerProfile.id), *(count_of(flags[f]) for f in SEEKER_FLAGS))
        .where(*registered_seekers(period)).group_by(SeekerProfile.kelurahan_code))
    return {code: dict(zip(("registered", *SEEKER_FLAGS), map(int, counts), strict=True)) for code, *counts in rows}


def place_measures(period: Period, today: date,
                   counts: dict[str | None, dict[str, int]] | None = None) -> dict[str, dict[str, int]]:
    """Per kelurahan, of the seekers registered in the period: how many are certified, placed, abroad now,
    returned, and how many open cases concern them."""
    counts = counts if counts is not None else seeker_counts(period, today)
    measures = {measure: {code: c[flag] for code, c in counts.items() if code is not None}
                for measure, flag in _MEASURE_OF_FLAG.items()}
    measures["open_cases"] = dict(db.session.execute(
        select(SeekerProfile.kelurahan_code, func.count(Case.id))
        .join(SeekerProfile, Case.seeker_id == SeekerProfile.id)
        .where(*registered_seekers(period), SeekerProfile.kelurahan_code.is_not(None),
               Case.status.in_(OPEN_CASE_STATUSES)).group_by(SeekerProfile.kelurahan_code)).all())
    return measures


def registrations_by_month(codes: list[str], months: list[date]) -> dict[tuple[str, date], int]:
    """Seekers (not erased) who registered in each local month, per kelurahan."""
    if not codes or not months:
        return {}
    created = SeekerProfile.created_at
    columns = [count_of(and_(created >= utc_start_of(m), created < utc_start_of(next_month(m)))) for m in months]
    rows = db.session.execute(
        select(SeekerProfile.kelurahan_code, *columns)
        .where(SeekerProfile.kelurahan_code.in_(codes), SeekerProfile.erased_at.is_(None),
               created >= utc_start_of(months[0]), created < utc_start_of(next_month(months[-1])))
        .group_by(SeekerProfile.kelurahan_code))
    return {(code, month): int(n) for code, *counts in rows for month, n in zip(months, counts, strict=True)}


def places(period: Period, today: date, counts: dict[str | None, dict[str, int]] | None = None) -> Places:
    """The by-place figures for the period; the trend covers the six months up to the period's end (or today)."""
    counts = counts if counts is not None else seeker_counts(period, today)
    rows = place_rows(reference_places(), place_measures(period, today, counts))
    binaan = [row for row in rows if row.is_binaan]
    months = trend_months(period.end or today)
    registrations = registrations_by_month([row.code for row in binaan], months)
    return Places(kelurahan=rows, kecamatan=kecamatan_rows(rows), binaan=trends(binaan, months, registrations),
                  months=months, outside_city=counts.get(None, {}).get("registered", 0))


def kelurahan_rows(period: Period, today: date) -> list[PlaceRow]:
    """All kelurahan of the city, zeros included, kecamatan by kecamatan."""
    return place_rows(reference_places(), place_measures(period, today))


def table(name: str, period: Period, today: date) -> layouts.Table:
    """The `kelurahan`, `kecamatan` or `binaan_trend` table."""
    rows = kelurahan_rows(period, today)
    if name == "kecamatan":
        return layouts.places_table(name, kecamatan_rows(rows))
    if name == "kelurahan":
        return layouts.places_table(name, rows)
    binaan = [row for row in rows if row.is_binaan]
    months = trend_months(period.end or today)
    return layouts.trend_table(trends(binaan, months, registrations_by_month([r.code for r in binaan], months)),
                               months)


def set_binaan(kelurahan: Kelurahan, is_binaan: bool, by: Actor) -> bool:
    """Mark or unmark a kelurahan binaan; audited. False when it already was as asked."""
    if kelurahan.is_binaan == is_binaan:
        return False
    kelurahan.is_binaan = is_binaan
    audit.record(by, "kelurahan_binaan_marked" if is_binaan else "kelurahan_binaan_unmarked",
                 object_type="kelurahan", object_id=kelurahan.code)
    db.session.commit()
    return True
