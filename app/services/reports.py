"""Read-only figures for the coordinators' reports and dashboard: each is one GROUP BY query, shaped in domain.

The period selects seekers by when they registered, placements by when they were applied for, certificates by
when they were verified, and cohorts by whether they run in it. Without a period everything counts (and, for
training, the cohorts not yet finished or cancelled).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.domain import report_layouts as layouts
from app.domain.report_tables import (
    ABROAD_STAGES,
    CURRENT_COHORT_STATUSES,
    EVER_PLACED_STAGES,
    SEAT_TAKING_ENROLMENTS,
    CapacityRow,
    FunnelStep,
    Period,
    Reach,
    add_up,
    by_reach,
    capacity_rows,
    funnel,
    in_order,
    month_period,
)
from app.domain.vocab import STAGES
from app.extensions import db
from app.models import (
    Certification,
    CertificationScheme,
    Cohort,
    Employer,
    Enrolment,
    Opening,
    OpeningCertification,
    PartnerCity,
    Placement,
    Sector,
    TrainingProgramme,
)
from app.services import report_places
from app.services.report_queries import count_of, within

# No matcher function counts the seekers eligible for at least one opening yet: the funnel approximates.
ELIGIBLE_IS_APPROXIMATE = True


@dataclass(frozen=True)
class Report:
    period: Period
    today: date
    funnel: list[FunnelStep]
    stages: list[tuple[str, int]]
    countries: list[Reach]
    partner_cities: list[Reach]
    sectors: list[Reach]
    certifications: list[tuple[str, str, int]]
    verified_this_month: int
    training: list[CapacityRow]
    places: report_places.Places
    abroad_now: int
    eligible_is_approximate: bool = ELIGIBLE_IS_APPROXIMATE


def funnel_steps(period: Period, today: date,
                 counts: dict[str | None, dict[str, int]] | None = None) -> list[FunnelStep]:
    """Seekers registered in the period, and how many of them reached each later step."""
    counts = counts if counts is not None else report_places.seeker_counts(period, today)
    return funnel(add_up(counts.values()))


def placements_by_stage(period: Period) -> list[tuple[str, int]]:
    """Placements applied for in the period, per stage, every stage in journey order."""
    counts = dict(db.session.execute(select(Placement.stage, func.count(Placement.id))
                                     .where(*within(Placement.created_at, period)).group_by(Placement.stage)).all())
    return in_order(counts, STAGES)


def placements_by(dimension: str, period: Period) -> list[Reach]:
    """Placements applied for in the period per country, partner city or sector: all, placed, abroad now."""
    keys = {"countries": (Opening.country_code,), "sectors": (Opening.sector_code,),
            "partner_cities": (PartnerCity.id, PartnerCity.name, PartnerCity.country_code)}[dimension]
    query = (select(*keys, func.count(Placement.id), count_of(Placement.stage.in_(EVER_PLACED_STAGES)),
                    count_of(Placement.stage.in_(ABROAD_STAGES)))
             .select_from(Placement).join(Opening, Placement.opening_id == Opening.id)
             .where(*within(Placement.created_at, period)).group_by(*keys))
    if dimension == "partner_cities":
        query = query.join(Employer, Opening.employer_id == Employer.id).join(
            PartnerCity, Employer.partner_city_id == PartnerCity.id)
        return by_reach(Reach(str(city_id), name, country, *counts)
                        for city_id, name, country, *counts in db.session.execute(query))
    return by_reach(Reach(key, key, "", *counts) for key, *counts in db.session.execute(query))


def _verified_in(period: Period) -> list:
    return [Certification.status == "verified",
            *within(func.coalesce(Certification.reviewed_at, Certification.created_at), period)]


def certifications_verified(period: Period) -> list[tuple[str, str, int]]:
    """Certificates verified in the period, per scheme, most first."""
    rows = db.session.execute(
        select(Certification.scheme_code, CertificationScheme.name, func.count(Certification.id))
        .join(CertificationScheme, Certification.scheme_code == CertificationScheme.code)
        .where(*_verified_in(period)).group_by(Certification.scheme_code, CertificationScheme.name))
    return sorted(((code, name, n) for code, name, n in rows), key=lambda r: (-r[2], r[0]))


def verified_count(period: Period) -> int:
    return db.session.scalar(select(func.count(Certification.id)).where(*_verified_in(period))) or 0


def _cohorts_in(period: Period) -> list:
    if not period.is_bounded:
        return [Cohort.status.in_(CURRENT_COHORT_STATUSES)]
    conditions = [Cohort.status != "cancelled"]
    if period.end is not None:
        conditions.append(Cohort.starts_on <= period.end)
    if period.start is not None:
        conditions.append(Cohort.ends_on >= period.start)
    return conditions


def training_against_demand(period: Period) -> list[CapacityRow]:
    """Per scheme: cohorts, places and enrolments, against positions in approved openings needing it."""
    scheme = TrainingProgramme.scheme_code
    cohorts = _cohorts_in(period)
    places = {code: (n, capacity) for code, n, capacity in db.session.execute(
        select(scheme, func.count(Cohort.id), func.sum(Cohort.capacity)).select_from(Cohort)
        .join(TrainingProgramme, Cohort.programme_id == TrainingProgramme.id).where(*cohorts).group_by(scheme))}
    seats = {code: (taken, waiting) for code, taken, waiting in db.session.execute(
        select(scheme, count_of(Enrolment.status.in_(SEAT_TAKING_ENROLMENTS)),
               count_of(Enrolment.status == "waitlisted"))
        .select_from(Enrolment).join(Cohort, Enrolment.cohort_id == Cohort.id)
        .join(TrainingProgramme, Cohort.programme_id == TrainingProgramme.id).where(*cohorts).group_by(scheme))}
    demand = dict(db.session.execute(
        select(OpeningCertification.scheme_code, func.sum(Opening.positions))
        .join(Opening, OpeningCertification.opening_id == Opening.id)
        .where(Opening.status == "approved").group_by(OpeningCertification.scheme_code)).all())
    supply = {code: (n, int(capacity or 0), *seats.get(code, (0, 0))) for code, (n, capacity) in places.items()}
    codes = set(supply) | set(demand)
    names = dict(db.session.execute(select(CertificationScheme.code, CertificationScheme.name)
                                    .where(CertificationScheme.code.in_(codes))).all()) if codes else {}
    return capacity_rows(names, supply, {code: int(n or 0) for code, n in demand.items()})


def sector_names() -> dict[str, tuple[str, str]]:
    """Each sector's (English, Indonesian) name by code."""
    return {code: (en, id_) for code, en, id_ in db.session.execute(select(Sector.code, Sector.name_en,
                                                                           Sector.name_id))}


def full_report(period: Period, today: date) -> Report:
    """Every figure of the reports page for the period."""
    counts = report_places.seeker_counts(period, today)
    return Report(
        period=period, today=today, funnel=funnel_steps(period, today, counts), stages=placements_by_stage(period),
        countries=placements_by("countries", period), partner_cities=placements_by("partner_cities", period),
        sectors=placements_by("sectors", period), certifications=certifications_verified(period),
        verified_this_month=verified_count(month_period(today.year, today.month)),
        training=training_against_demand(period), places=report_places.places(period, today, counts),
        abroad_now=add_up(counts.values()).get("abroad", 0),
    )


def build_table(name: str, period: Period, today: date) -> layouts.Table:
    """One exportable table, computing only what it needs."""
    if name in layouts.REACH_TABLES:
        return layouts.reach_table(name, placements_by(name, period))
    if name in ("kecamatan", "kelurahan", "binaan_trend"):
        return report_places.table(name, period, today)
    return {
        "funnel": lambda: layouts.funnel_table(funnel_steps(period, today)),
        "stages": lambda: layouts.stages_table(placements_by_stage(period)),
        "certifications": lambda: layouts.certifications_table(certifications_verified(period)),
        "training": lambda: layouts.training_table(training_against_demand(period)),
    }[name]()
