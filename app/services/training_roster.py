"""Cohort rosters: seekers enrol or wait, withdraw, move up; coordinators record attendance and results."""
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, format_date
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.domain import training as rules
from app.domain.clock import utcnow
from app.extensions import db
from app.models import CertificationScheme, Cohort, Enrolment, SeekerProfile, TrainingProgramme
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import UPCOMING_COHORT_STATUSES, local_today
from app.services.notifications import notify

TRAINING_LINK = "/seeker/training"


class RosterRefused(Exception):
    """`codes` come from app.domain.training; the web layer words them."""

    def __init__(self, codes: list[str], data: dict | None = None):
        super().__init__(", ".join(codes))
        self.codes = codes
        self.data = data or {}


@dataclass(frozen=True)
class Offer:
    """An upcoming cohort as a seeker sees it: seats left, and their own enrolment there, if any."""
    cohort: Cohort
    seats_left: int
    mine: Enrolment | None
    position: int | None


@dataclass(frozen=True)
class Roster:
    enrolled: list[Enrolment]
    waiting: list[Enrolment]
    withdrawn: list[Enrolment]


# --- rules applied to rows --------------------------------------------------------------------------


def _seat(e: Enrolment) -> rules.Seat:
    return rules.Seat(e.id, e.status, e.enrolled_at)


def seats_of(cohort: Cohort) -> list[rules.Seat]:
    return [_seat(e) for e in cohort.enrolments]


def waitlist_position(enrolment: Enrolment) -> int | None:
    return rules.waitlist_position(seats_of(enrolment.cohort), enrolment.id)


def _locked(cohort: Cohort) -> Cohort:
    """The cohort row, locked until commit (PostgreSQL) so that two enrolments never share the last seat."""
    return db.session.scalars(select(Cohort).where(Cohort.id == cohort.id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def tell_seeker(enrolment: Enrolment, kind: str, **params) -> None:
    """Notify the seeker, with the programme's name and start date in their language."""
    user = enrolment.seeker.user
    if user is None:  # imported seekers without an account are told by Disnaker
        return
    cohort = enrolment.cohort
    with force_locale(user.locale or "id"):
        starts = format_date(cohort.starts_on, "long")
    notify(user, kind, {"programme": cohort.programme.name, "starts": starts, **params}, link=TRAINING_LINK)


# --- seekers ----------------------------------------------------------------------------------------


def enrol(seeker: SeekerProfile, cohort: Cohort, by: Actor, today: date | None = None) -> Enrolment:
    """Take a seat in an open cohort, or a place on its waiting list when it is full."""
    cohort = _locked(cohort)
    mine = db.session.scalar(select(Enrolment).where(Enrolment.cohort_id == cohort.id,
                                                     Enrolment.seeker_id == seeker.id))
    codes = rules.enrol_blockers(cohort.status, cohort.starts_on, today or local_today(), mine and mine.status)
    if codes:
        db.session.rollback()
        raise RosterRefused(codes)
    status = rules.status_for_newcomer(cohort.capacity, seats_of(cohort))
    if mine is None:  # one row per person and cohort: coming back after withdrawing reuses it
        mine = Enrolment(cohort_id=cohort.id, seeker_id=seeker.id)
        db.session.add(mine)
    mine.status, mine.enrolled_at, mine.attendance_pct, mine.passed = status, utcnow(), None, None
    db.session.flush()
    db.session.refresh(cohort, ["enrolments"])
    position = waitlist_position(mine)
    audit.record(by, "waitlisted" if position else "enrolled", mine, cohort_id=cohort.id, seeker_id=seeker.id,
                 position=position)
    if position:
        tell_seeker(mine, "training_waitlisted", position=position)
    else:
        tell_seeker(mine, "training_enrolled")
    db.session.commit()
    return mine


def withdraw(enrolment: Enrolment, by: Actor) -> Enrolment | None:
    """Leave a cohort or its waiting list; a freed seat goes to the first person waiting (returned)."""
    cohort = _locked(enrolment.cohort)
    codes = rules.withdraw_blockers(enrolment.status, cohort.status)
    if codes:
        db.session.rollback()
        raise RosterRefused(codes)
    audit.record(by, "enrolment_withdrawn", enrolment, cohort_id=cohort.id, seeker_id=enrolment.seeker_id,
                 from_status=enrolment.status)
    enrolment.status = "withdrawn"
    db.session.flush()
    promoted = promote_waiting(cohort, by)
    db.session.commit()
    return promoted[0] if promoted else None


def promote_waiting(cohort: Cohort, by: Actor) -> list[Enrolment]:
    """Give free seats to the waiting list in order, each audited and told; the caller commits."""
    db.session.refresh(cohort, ["enrolments"])
    by_id = {e.id: e for e in cohort.enrolments}
    promoted = [by_id[i] for i in rules.to_promote(cohort.capacity, seats_of(cohort), cohort.status)]
    for enrolment in promoted:
        enrolment.status = "enrolled"
        audit.record(by, "promoted", enrolment, cohort_id=cohort.id, seeker_id=enrolment.seeker_id)
        tell_seeker(enrolment, "training_promoted")
    db.session.flush()
    return promoted


def scheme_of(code: str | None) -> CertificationScheme | None:
    """The scheme a training list is filtered by (the matcher links with `?scheme=CODE`); None if unknown."""
    code = (code or "").strip()[:30]
    return db.session.get(CertificationScheme, code) if code else None


def upcoming_cohorts(scheme_code: str | None = None, today: date | None = None) -> list[Cohort]:
    """Planned and open cohorts that have not started (of one scheme, if given), soonest first."""
    query = (select(Cohort).join(Cohort.programme)
             .options(joinedload(Cohort.programme).joinedload(TrainingProgramme.scheme),
                      selectinload(Cohort.enrolments))
             .where(Cohort.status.in_(UPCOMING_COHORT_STATUSES), Cohort.starts_on >= (today or local_today()))
             .order_by(Cohort.starts_on, Cohort.id))
    if scheme_code:
        query = query.where(TrainingProgramme.scheme_code == scheme_code)
    return list(db.session.scalars(query))


def upcoming_offers(seeker: SeekerProfile, scheme_code: str | None = None,
                    today: date | None = None) -> list[Offer]:
    """The upcoming cohorts as this seeker sees them: seats left, and their own place if they enrolled."""
    offers = []
    for cohort in upcoming_cohorts(scheme_code, today):
        seats = seats_of(cohort)
        mine = next((e for e in cohort.enrolments if e.seeker_id == seeker.id), None)
        offers.append(Offer(cohort, rules.seats_left(cohort.capacity, seats), mine,
                            rules.waitlist_position(seats, mine.id) if mine else None))
    return offers


def my_enrolments(seeker_id: int) -> list[tuple[Enrolment, int | None]]:
    """The seeker's enrolments, latest cohort first, each with its waiting-list position."""
    rows = db.session.scalars(select(Enrolment).join(Enrolment.cohort)
                              .options(joinedload(Enrolment.cohort).joinedload(Cohort.programme),
                                       joinedload(Enrolment.cohort).selectinload(Cohort.enrolments))
                              .where(Enrolment.seeker_id == seeker_id)
                              .order_by(Cohort.starts_on.desc(), Enrolment.id.desc())).unique()
    return [(e, waitlist_position(e) if e.status == "waitlisted" else None) for e in rows]


def own_enrolment(seeker_id: int, enrolment_id: int) -> Enrolment | None:
    """The enrolment, only if it is this seeker's."""
    return db.session.scalar(select(Enrolment).where(Enrolment.id == enrolment_id,
                                                     Enrolment.seeker_id == seeker_id))


# --- coordinators -----------------------------------------------------------------------------------


def roster(cohort: Cohort, by: Actor) -> Roster:
    """Who is seated, who waits (in order) and who left; reading names is audited."""
    rows = list(db.session.scalars(select(Enrolment).options(joinedload(Enrolment.seeker))
                                   .where(Enrolment.cohort_id == cohort.id)
                                   .order_by(Enrolment.enrolled_at, Enrolment.id)))
    audit.record_now(by, "cohort_roster_viewed", cohort, enrolments=len(rows))
    return Roster(enrolled=[e for e in rows if e.status in rules.SEATED],
                  waiting=[e for e in rows if e.status == "waitlisted"],
                  withdrawn=[e for e in rows if e.status == "withdrawn"])


def record(enrolment: Enrolment, by: Actor, attendance_pct: int | None = None, passed: bool | None = None,
           clear_result: bool = False) -> None:
    """Record attendance and/or a result (pass or not) for a seated person; each change is audited."""
    codes = rules.record_blockers(enrolment.status, enrolment.cohort.status, attendance_pct)
    if codes:
        raise RosterRefused(codes)
    if attendance_pct is not None and attendance_pct != enrolment.attendance_pct:
        audit.record(by, "attendance_recorded", enrolment, cohort_id=enrolment.cohort_id,
                     seeker_id=enrolment.seeker_id, attendance_pct=attendance_pct)
        enrolment.attendance_pct = attendance_pct
    new_result = None if clear_result else passed
    if (clear_result or passed is not None) and new_result != enrolment.passed:
        audit.record(by, "result_recorded", enrolment, cohort_id=enrolment.cohort_id,
                     seeker_id=enrolment.seeker_id, passed=new_result)
        enrolment.passed = new_result
    db.session.commit()
