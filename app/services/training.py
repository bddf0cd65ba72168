"""Training programmes and cohorts: what coordinators set up, and the demand each cohort prepares for."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from app.domain import training as rules
from app.domain.certificates import Problem
from app.domain.vocab import COHORT_STATUSES, PROVIDER_KINDS
from app.extensions import db
from app.models import CertificationScheme, Cohort, CohortDemand, Enrolment, Opening, PartnerCity, TrainingProgramme
from app.services import audit
from app.services.audit import Actor
from app.services.training_roster import promote_waiting, seats_of

NEW_COHORT_STATUSES = ("planned", "open")


class TrainingRefused(Exception):
    """A rule was broken; `problems` name a form field (or none) and a code the web layer words."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


@dataclass
class ProgrammeInput:
    name: str
    scheme_code: str
    provider: str
    provider_kind: str
    hours: int
    cost_idr: Decimal = Decimal(0)
    language: str | None = None
    description: str | None = None


@dataclass
class CohortInput:
    programme_id: int
    starts_on: date
    ends_on: date
    place: str
    capacity: int
    status: str = "planned"


@dataclass(frozen=True)
class DemandRow:
    """One linked demand as the cohort page shows it."""
    link: CohortDemand
    label: str
    line: rules.DemandLine


@dataclass(frozen=True)
class CohortRow:
    """A cohort with its counts, for the overview."""
    cohort: Cohort
    enrolled: int
    waiting: int
    demand: rules.Demand


# --- programmes -------------------------------------------------------------------------------------


def _clean(text: str | None) -> str | None:
    return " ".join((text or "").split()) or None


def _programme_problems(data: ProgrammeInput) -> list[Problem]:
    problems = []
    if db.session.get(CertificationScheme, data.scheme_code or "") is None:
        problems.append(Problem("scheme_code", "UNKNOWN_SCHEME"))
    if data.provider_kind not in PROVIDER_KINDS:
        problems.append(Problem("provider_kind", "UNKNOWN_PROVIDER_KIND"))
    if not _clean(data.name):
        problems.append(Problem("name", "REQUIRED"))
    if not _clean(data.provider):
        problems.append(Problem("provider", "REQUIRED"))
    if not data.hours or data.hours <= 0:
        problems.append(Problem("hours", "HOURS_POSITIVE"))
    if data.cost_idr is not None and data.cost_idr < 0:
        problems.append(Problem("cost_idr", "COST_NEGATIVE"))
    return problems


def _apply_programme(programme: TrainingProgramme, data: ProgrammeInput) -> None:
    problems = _programme_problems(data)
    if problems:
        raise TrainingRefused(problems)
    programme.name, programme.scheme_code = _clean(data.name), data.scheme_code
    programme.provider, programme.provider_kind = _clean(data.provider), data.provider_kind
    programme.hours, programme.cost_idr = data.hours, data.cost_idr or Decimal(0)
    programme.language = _clean(data.language)
    programme.description = (data.description or "").strip() or None


def create_programme(data: ProgrammeInput, by: Actor) -> TrainingProgramme:
    """A new training programme, tied to the certification scheme it prepares for."""
    programme = TrainingProgramme()
    _apply_programme(programme, data)
    db.session.add(programme)
    db.session.flush()
    audit.record(by, "programme_created", programme, scheme=programme.scheme_code)
    db.session.commit()
    return programme


def update_programme(programme: TrainingProgramme, data: ProgrammeInput, by: Actor) -> None:
    """Change a programme's details; its cohorts and certificates already issued stay as they are."""
    _apply_programme(programme, data)
    audit.record(by, "programme_updated", programme, scheme=programme.scheme_code)
    db.session.commit()


def programmes() -> list[tuple[TrainingProgramme, int]]:
    """Every programme by name, with its number of cohorts."""
    count = (select(func.count(Cohort.id)).where(Cohort.programme_id == TrainingProgramme.id)
             .correlate(TrainingProgramme).scalar_subquery())
    query = select(TrainingProgramme, count).options(joinedload(TrainingProgramme.scheme)) \
        .order_by(TrainingProgramme.name)
    return [(p, n) for p, n in db.session.execute(query)]


def programme_choices() -> list[tuple[int, str]]:
    return [(p.id, f"{p.name} · {p.provider}") for p, _count in programmes()]


# --- cohorts ----------------------------------------------------------------------------------------


def _cohort_problems(data: CohortInput) -> list[Problem]:
    problems = []
    if db.session.get(TrainingProgramme, data.programme_id or 0) is None:
        problems.append(Problem("programme_id", "UNKNOWN_PROGRAMME"))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        problems.append(Problem("ends_on", "ENDS_BEFORE_START"))
    if not data.capacity or data.capacity <= 0:
        problems.append(Problem("capacity", "CAPACITY_POSITIVE"))
    if not _clean(data.place):
        problems.append(Problem("place", "REQUIRED"))
    return problems


def create_cohort(data: CohortInput, by: Actor) -> Cohort:
    """A new cohort of a programme: planned, or open for enrolment at once."""
    problems = _cohort_problems(data)
    if data.status not in NEW_COHORT_STATUSES:
        problems.append(Problem("status", "UNKNOWN_STATUS"))
    if problems:
        raise TrainingRefused(problems)
    cohort = Cohort(programme_id=data.programme_id, starts_on=data.starts_on, ends_on=data.ends_on,
                    place=_clean(data.place), capacity=data.capacity, status=data.status)
    db.session.add(cohort)
    db.session.flush()
    audit.record(by, "cohort_created", cohort, programme_id=cohort.programme_id, capacity=cohort.capacity,
                 status=cohort.status)
    db.session.commit()
    return cohort


def update_cohort(cohort: Cohort, data: CohortInput, by: Actor) -> list[Enrolment]:
    """Change dates, place or capacity; a larger capacity moves people up from the waiting list."""
    problems = _cohort_problems(data)
    if cohort.status not in rules.ACTIVE_COHORT:
        problems.append(Problem("", rules.COHORT_CLOSED))
    problems += [Problem("capacity", code) for code in rules.capacity_blockers(data.capacity, seats_of(cohort))]
    if problems:
        raise TrainingRefused(problems)
    before = {"capacity": cohort.capacity, "starts_on": cohort.starts_on.isoformat(),
              "ends_on": cohort.ends_on.isoformat()}
    cohort.programme_id, cohort.starts_on, cohort.ends_on = data.programme_id, data.starts_on, data.ends_on
    cohort.place, cohort.capacity = _clean(data.place), data.capacity
    audit.record(by, "cohort_updated", cohort, before=before, capacity=cohort.capacity)
    promoted = promote_waiting(cohort, by)
    db.session.commit()
    return promoted


def set_cohort_status(cohort: Cohort, to_status: str, by: Actor) -> None:
    """Open, start, re-plan or cancel a cohort; completing it is `training_completion.complete_cohort`."""
    codes = rules.status_move_blockers(cohort.status, to_status) if to_status in COHORT_STATUSES \
        else [rules.MOVE_NOT_ALLOWED]
    if codes:
        raise TrainingRefused([Problem("", c) for c in codes])
    audit.record(by, "cohort_status_changed", cohort, from_status=cohort.status, to_status=to_status)
    cohort.status = to_status
    db.session.commit()


def cohort_overview(status: str | None = None) -> list[CohortRow]:
    """Cohorts to come or running first (soonest first), with seats taken, people waiting and demand."""
    finished = case((Cohort.status.in_(("completed", "cancelled")), 1), else_=0)
    query = (select(Cohort).options(joinedload(Cohort.programme), selectinload(Cohort.enrolments))
             .order_by(finished, Cohort.starts_on, Cohort.id))
    if status in COHORT_STATUSES:
        query = query.where(Cohort.status == status)
    cohorts = list(db.session.scalars(query))
    lines = _demand_lines([c.id for c in cohorts])
    return [CohortRow(c, sum(1 for e in c.enrolments if e.status in rules.SEATED),
                      sum(1 for e in c.enrolments if e.status == "waitlisted"),
                      rules.demand_against_capacity([r.line for r in lines.get(c.id, [])], c.capacity))
            for c in cohorts]


# --- demand -----------------------------------------------------------------------------------------


def _demand_lines(cohort_ids: list[int]) -> dict[int, list[DemandRow]]:
    if not cohort_ids:
        return {}
    rows = db.session.execute(
        select(CohortDemand, Opening, PartnerCity)
        .outerjoin(Opening, CohortDemand.opening_id == Opening.id)
        .outerjoin(PartnerCity, CohortDemand.partner_city_id == PartnerCity.id)
        .where(CohortDemand.cohort_id.in_(cohort_ids)).order_by(CohortDemand.id))
    lines: dict[int, list[DemandRow]] = {}
    for link, opening, city in rows:
        if opening is not None:
            row = DemandRow(link, f"{opening.title} ({opening.code or opening.status})",
                            rules.DemandLine("opening", opening.positions, counts=opening.status == "approved"))
        else:
            row = DemandRow(link, city.name, rules.DemandLine("partner_city", link.positions))
        lines.setdefault(link.cohort_id, []).append(row)
    return lines


def demand_of(cohort: Cohort) -> tuple[list[DemandRow], rules.Demand]:
    """What a cohort is linked to, and the total demand against its capacity."""
    rows = _demand_lines([cohort.id]).get(cohort.id, [])
    return rows, rules.demand_against_capacity([r.line for r in rows], cohort.capacity)


def add_demand(cohort: Cohort, by: Actor, opening_id: int | None = None, partner_city_id: int | None = None,
               positions: int | None = None) -> CohortDemand:
    """Link an approved opening, or a partner city's demand (with the positions it stated, if any)."""
    problems = [] if cohort.status in rules.ACTIVE_COHORT else [Problem("", rules.COHORT_CLOSED)]
    if opening_id:
        opening = db.session.get(Opening, opening_id)
        if opening is None or opening.status != "approved":
            problems.append(Problem("opening_id", "OPENING_NOT_APPROVED"))
        elif db.session.scalar(select(CohortDemand.id).where(CohortDemand.cohort_id == cohort.id,
                                                             CohortDemand.opening_id == opening_id)):
            problems.append(Problem("opening_id", "ALREADY_LINKED"))
        link = CohortDemand(cohort_id=cohort.id, opening_id=opening_id)
    elif partner_city_id and db.session.get(PartnerCity, partner_city_id) is not None:
        if positions is not None and positions <= 0:
            problems.append(Problem("positions", "POSITIONS_POSITIVE"))
        link = CohortDemand(cohort_id=cohort.id, partner_city_id=partner_city_id, positions=positions)
    else:
        problems.append(Problem("", "DEMAND_TARGET_REQUIRED"))
    if problems:
        raise TrainingRefused(problems)
    db.session.add(link)
    db.session.flush()
    audit.record(by, "cohort_demand_added", cohort, demand_id=link.id, opening_id=link.opening_id,
                 partner_city_id=link.partner_city_id, positions=link.positions)
    db.session.commit()
    return link


def remove_demand(link: CohortDemand, by: Actor) -> None:
    """Unlink an opening or a partner city from a cohort still to run or running."""
    if db.session.get(Cohort, link.cohort_id).status not in rules.ACTIVE_COHORT:
        raise TrainingRefused([Problem("", rules.COHORT_CLOSED)])
    audit.record(by, "cohort_demand_removed", object_type="cohorts", object_id=link.cohort_id, demand_id=link.id,
                 opening_id=link.opening_id, partner_city_id=link.partner_city_id)
    db.session.delete(link)
    db.session.commit()


def demand_choices(cohort: Cohort) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Approved openings not linked yet (soonest start first), and partner cities by name."""
    linked = select(CohortDemand.opening_id).where(CohortDemand.cohort_id == cohort.id,
                                                   CohortDemand.opening_id.is_not(None))
    openings = db.session.scalars(select(Opening).where(Opening.status == "approved", Opening.id.not_in(linked))
                                  .order_by(Opening.start_date, Opening.title))
    cities = db.session.scalars(select(PartnerCity).order_by(PartnerCity.name))
    return ([(o.id, f"{o.title} · {o.code} · {o.positions}") for o in openings],
            [(c.id, c.name) for c in cities])
