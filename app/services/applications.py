"""Applying to an opening and moving a placement through its stages: who, when, why, audited and told."""
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.domain import placement_flow as flow
from app.domain.application_gates import ALREADY_APPLIED, ALREADY_PLACED, ApplicationFacts, application_blockers
from app.domain.vocab import CLOSED_STAGES, PLACED_STAGES
from app.extensions import db
from app.models import Opening, Placement, PlacementEvent, SeekerProfile, User
from app.services import audit, predeparture
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.notifications import notify
from app.services.returns import record_return_experience

APPLICATIONS_LINK = "/seeker/applications"

# The seeker reads the new stage in their own language (same words as app/web/labels.py).
STAGE_WORDS = {
    "applied": _l("Applied"), "shortlisted": _l("Shortlisted"), "interview": _l("Interview"),
    "offered": _l("Offered"), "accepted": _l("Accepted"), "contract_signed": _l("Contract signed"),
    "documents_verified": _l("Documents verified"), "departed": _l("Departed"), "arrived": _l("Arrived"),
    "completed": _l("Completed"), "returned": _l("Returned"), "withdrawn": _l("Withdrawn"),
    "rejected": _l("Rejected"), "cancelled": _l("Cancelled"), "terminated": _l("Terminated"),
    "repatriated": _l("Repatriated"),
}


class ApplicationRefused(Exception):
    """`codes` come from app.domain.application_gates; the web layer words them."""

    def __init__(self, codes: list[str]):
        super().__init__(", ".join(codes))
        self.codes = codes


class MoveRefused(Exception):
    """`codes` come from app.domain.placement_flow (or the pre-departure gate); `data` fills their words."""

    def __init__(self, codes: list[str], data: dict | None = None):
        super().__init__(", ".join(codes))
        self.codes = codes
        self.data = data or {}


class PlacementChanged(Exception):
    """Someone else moved this placement meanwhile; reload it and decide again."""


class NotYours(LookupError):
    """The user may not act on this placement (the web layer answers 404)."""


# --- applying ---------------------------------------------------------------------------------------


def is_placed(seeker_id: int, other_than: int | None = None) -> bool:
    """Whether the seeker holds a placement from acceptance until completion (closed ones do not count)."""
    query = exists().where(Placement.seeker_id == seeker_id, Placement.stage.in_(PLACED_STAGES))
    if other_than is not None:
        query = query.where(Placement.id != other_than)
    return bool(db.session.scalar(select(query)))


def existing_application(seeker_id: int, opening_id: int) -> Placement | None:
    return db.session.scalar(select(Placement).where(Placement.seeker_id == seeker_id,
                                                     Placement.opening_id == opening_id))


def application_facts(seeker: SeekerProfile, opening: Opening, today: date) -> ApplicationFacts:
    earlier = existing_application(seeker.id, opening.id)
    return ApplicationFacts(
        today=today, opening_status=opening.status, employer_verified=opening.employer.is_verified,
        deadline=opening.deadline, start_date=opening.start_date, min_age=opening.min_age,
        max_age=opening.max_age, birth_date=seeker.birth_date, consents_to_matching=seeker.has_consent("matching"),
        already_placed=is_placed(seeker.id), existing_stage=earlier.stage if earlier else None)


def blockers(seeker: SeekerProfile, opening: Opening, today: date | None = None) -> list[str]:
    """Why this seeker cannot apply to this opening now (empty: they can)."""
    return application_blockers(application_facts(seeker, opening, today or local_today()))


def apply(seeker: SeekerProfile, opening: Opening, by: Actor, today: date | None = None) -> Placement:
    """Open a placement at `applied`, or refuse with the blocker codes (the refusal is audited too)."""
    codes = blockers(seeker, opening, today)
    if codes:
        audit.record_now(by, "application_refused", opening, seeker_id=seeker.id, codes=codes)
        raise ApplicationRefused(codes)
    placement = Placement(seeker_id=seeker.id, opening_id=opening.id, stage="applied")
    placement.events.append(PlacementEvent(from_stage=None, to_stage="applied", actor_id=by.user_id,
                                           actor_label=by.label))
    db.session.add(placement)
    try:
        db.session.flush()
    except IntegrityError:  # a second click raced the first one past the check
        db.session.rollback()
        raise ApplicationRefused([ALREADY_APPLIED]) from None
    audit.record(by, "application_submitted", placement, opening_id=opening.id, seeker_id=seeker.id)
    db.session.commit()
    return placement


# --- moving -----------------------------------------------------------------------------------------


def role_of(user: User | None) -> str:
    return flow.SYSTEM if user is None else user.role


def check_acts_for(placement: Placement, user: User) -> None:
    """Seekers act on their own placements, employers on their organisation's; raise NotYours otherwise."""
    if user.role == flow.SEEKER and (placement.seeker.user_id is None or placement.seeker.user_id != user.id):
        raise NotYours(placement.id)
    if user.role == flow.EMPLOYER and not placement.opening.is_managed_by(user):
        raise NotYours(placement.id)


def move(placement: Placement, to_stage: str, by: User | None, *, reason_code: str | None = None,
         note: str | None = None, expected_version: int | None = None, remote_addr: str | None = None,
         today: date | None = None) -> PlacementEvent:
    """Move a placement (by a user, or by the system when `by` is None); refuses with codes, or raises
    PlacementChanged when it moved since `expected_version` or under our feet."""
    if by is not None:
        check_acts_for(placement, by)
    if expected_version is not None and expected_version != placement.version:
        raise PlacementChanged(placement.id)
    actor = Actor.system("placements") if by is None else Actor.for_user(by, remote_addr)
    try:
        event = _move(placement, to_stage, role_of(by), actor, reason_code or None, (note or "").strip() or None,
                      today or local_today())
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PlacementChanged(placement.id) from None
    if to_stage == "returned":
        record_return_experience(placement)
    return event


def withdraw(placement: Placement, by: User, reason_code: str | None, note: str | None = None,
             **kwargs) -> PlacementEvent:
    """The seeker ends their own application or placement before departure."""
    return move(placement, "withdrawn", by, reason_code=reason_code, note=note, **kwargs)


def accept_offer(placement: Placement, by: User, **kwargs) -> PlacementEvent:
    """The seeker accepts an offer; their other open applications are then cancelled by the system."""
    return move(placement, "accepted", by, **kwargs)


def _move(placement: Placement, to_stage: str, role: str, actor: Actor, reason_code: str | None,
          note: str | None, today: date) -> PlacementEvent:
    from_stage = placement.stage
    codes = flow.check_move(from_stage, to_stage, role, reason_code, note)
    if not codes and flow.requires_predeparture_gate(to_stage):
        codes = predeparture.departure_problems(placement)
    if not codes and to_stage == "accepted" and is_placed(placement.seeker_id, other_than=placement.id):
        codes = [ALREADY_PLACED]
    if codes:
        raise MoveRefused(codes)
    placement.stage = to_stage
    placement.closed_reason = reason_code if to_stage in CLOSED_STAGES else None
    if to_stage == "departed" and placement.departure_date is None:
        placement.departure_date = today
    if to_stage == "returned":
        placement.returned_on = today
    event = PlacementEvent(from_stage=from_stage, to_stage=to_stage, actor_id=actor.user_id,
                           actor_label=actor.label, reason_code=reason_code, note=note)
    placement.events.append(event)
    audit.record(actor, "placement_moved", placement, from_stage=from_stage, to_stage=to_stage,
                 reason_code=reason_code)
    if role != flow.SEEKER:
        _tell_seeker(placement, to_stage)
    if to_stage == "accepted":
        _cancel_other_applications(placement, today)
    return event


def _cancel_other_applications(placement: Placement, today: date) -> None:
    """Once placed, a seeker's other applications close: nobody is placed twice."""
    open_ones = db.session.scalars(select(Placement).where(
        Placement.seeker_id == placement.seeker_id, Placement.id != placement.id,
        Placement.stage.in_(flow.stages_that_may_move_to("cancelled", flow.SYSTEM)))).all()
    for other in open_ones:
        _move(other, "cancelled", flow.SYSTEM, Actor.system("placements"), "placed_elsewhere", None, today)


def _tell_seeker(placement: Placement, stage: str) -> None:
    user = placement.seeker.user
    if user is None:  # imported seekers without an account are told by Disnaker, not by us
        return
    with force_locale(user.locale or "id"):
        word = str(STAGE_WORDS[stage])
    notify(user, "stage_changed", {"opening": placement.opening.title, "stage": word}, link=APPLICATIONS_LINK)
