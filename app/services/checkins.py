"""Workers abroad report their condition; a pre-agreed safe word silently turns any report into a help request.

Silence is the point: nothing the worker (or whoever stands behind them) can see may differ between an
"all well" and the same answer with the safe word. So the worker's own audit entry never holds the
answer, the safe word is removed from the stored message, alerts are raised by the system, the worker
is sent nothing, and the seeker's data export leaves check-ins out (app/services/data_export.py).
"""
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import exists, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain import checkins as rules
from app.domain.clock import utcnow
from app.extensions import db
from app.models import CheckIn, Placement, SeekerProfile, User
from app.services import alerts, audit
from app.services.audit import Actor
from app.services.catalogue import local_today

MESSAGE_MAX = 2000
WRONG_PASSWORD = "WRONG_PASSWORD"  # noqa: S105 (a refusal code, not a password)


class NoPlacementAbroad(LookupError):
    """The seeker has no placement abroad to report on (the web layer answers 404 to a post)."""


class SafeWordRefused(Exception):
    """`codes` come from app.domain.checkins (or WRONG_PASSWORD); the web layer words them."""

    def __init__(self, codes: list[str]):
        super().__init__(", ".join(codes))
        self.codes = codes


@dataclass(frozen=True)
class CheckinStatus:
    """What the worker's page shows: never an earlier answer, only dates."""
    placement: Placement
    due_since: date | None        # an unanswered check-in is waiting since this date
    next_due: date
    last_sent_at: datetime | None
    has_safe_word: bool


def schedule_for(placement: Placement) -> rules.Schedule:
    """The placement's schedule; CHECKIN_MONTHLY=True counts calendar months instead of days."""
    return rules.Schedule(placement.departure_date, placement.checkin_interval_days,
                          monthly=bool(current_app.config.get("CHECKIN_MONTHLY", False)))


def grace_days() -> int:
    return int(current_app.config.get("CHECKIN_GRACE_DAYS", rules.DEFAULT_GRACE_DAYS))


def abroad_placements_query():
    return select(Placement).where(Placement.stage.in_(rules.ABROAD_STAGES), Placement.departure_date.is_not(None))


def current_placement(seeker_id: int) -> Placement | None:
    """The seeker's placement abroad now (the latest departure, should there ever be two)."""
    return db.session.scalar(abroad_placements_query().where(Placement.seeker_id == seeker_id)
                             .order_by(Placement.departure_date.desc(), Placement.id.desc()).limit(1))


def _waiting(placement_id: int, today: date) -> CheckIn | None:
    """The latest unanswered check-in that has fallen due."""
    return db.session.scalar(select(CheckIn).where(CheckIn.placement_id == placement_id, CheckIn.answer.is_(None),
                                                   CheckIn.due_on <= today)
                             .order_by(CheckIn.due_on.desc(), CheckIn.id.desc()).limit(1))


def status(seeker: SeekerProfile, today: date | None = None) -> CheckinStatus | None:
    """Where the worker stands: due now or when next; None without a placement abroad."""
    today = today or local_today()
    placement = current_placement(seeker.id)
    if placement is None:
        return None
    waiting = _waiting(placement.id, today)
    last = db.session.scalar(select(CheckIn.answered_at).where(CheckIn.placement_id == placement.id,
                                                               CheckIn.answered_at.is_not(None))
                             .order_by(CheckIn.answered_at.desc()).limit(1))
    return CheckinStatus(placement, waiting.due_on if waiting else None, schedule_for(placement).next_due(today),
                         last, seeker.safe_word_hash is not None)


def answer(seeker: SeekerProfile, chosen: str, message: str | None, by: Actor, today: date | None = None) -> None:
    """Record the worker's answer on their current placement and raise what it calls for.

    Returns nothing on purpose: the caller must answer the worker from what they chose, never from
    what was recorded.
    """
    if chosen not in rules.ANSWERS:
        raise ValueError(chosen)
    today = today or local_today()
    placement = current_placement(seeker.id)
    if placement is None:
        raise NoPlacementAbroad(seeker.id)
    message = (message or "").strip()[:MESSAGE_MAX] or None
    safe_word = _safe_word_in(seeker, message)
    if safe_word is not None:
        message = rules.without_word(message, safe_word)
    checkin = _slot(placement, today)
    checkin.answer = rules.effective_answer(chosen, safe_word is not None)
    checkin.message, checkin.answered_at, checkin.via_safe_word = message, utcnow(), safe_word is not None
    db.session.flush()
    audit.record(by, "checkin_submitted", checkin, placement_id=placement.id)  # never the answer
    _raise_for(checkin, placement)
    db.session.commit()


def _slot(placement: Placement, today: date) -> CheckIn:
    """The check-in an answer fills: the one waiting, else a new one for the next due date or for today."""
    waiting = _waiting(placement.id, today)
    if waiting is not None:
        return waiting
    checkin = CheckIn(placement_id=placement.id,
                      due_on=rules.slot_for_answer(schedule_for(placement).next_due(today), today))
    db.session.add(checkin)
    return checkin


def _raise_for(checkin: CheckIn, placement: Placement) -> None:
    """The worker answered: earlier overdue alerts are over; a concern or a help request is raised."""
    system = Actor.system("checkins")
    alerts.resolve_placement_alerts(placement.id, ("checkin_overdue",), system)
    raised = rules.alert_for_answer(checkin.answer)
    if raised is not None:
        extra = {"via_safe_word": True} if checkin.via_safe_word else {}
        alerts.raise_alert(*raised, system, placement=placement, checkin_id=checkin.id, **extra)


# --- the safe word -----------------------------------------------------------------------------------


def _safe_word_in(seeker: SeekerProfile, message: str | None) -> str | None:
    """The (normalised) safe word if the message holds it; every candidate is compared, match or not."""
    if not seeker.safe_word_hash:
        return None
    found = None
    for word in rules.safe_word_candidates(message):
        if check_password_hash(seeker.safe_word_hash, word) and found is None:
            found = word
    return found


def set_safe_word(seeker: SeekerProfile, user: User, password: str, word: str, repeated: str, by: Actor) -> None:
    """Set or change the safe word, after the account password; only its hash is kept, never logged."""
    if not user.password_hash or not check_password_hash(user.password_hash, password or ""):
        raise SafeWordRefused([WRONG_PASSWORD])
    codes = rules.safe_word_problems(word, repeated)
    if codes:
        raise SafeWordRefused(codes)
    had_one = seeker.safe_word_hash is not None
    seeker.safe_word_hash = generate_password_hash(rules.normalise_word(word),
                                                   method=current_app.config["PASSWORD_HASH_METHOD"])
    audit.record(by, "safe_word_changed" if had_one else "safe_word_set", seeker)
    db.session.commit()


def has_checkin_on(placement_id: int, due_on: date) -> bool:
    return bool(db.session.scalar(select(exists().where(CheckIn.placement_id == placement_id,
                                                        CheckIn.due_on == due_on))))


def last_answered_on(placement_id: int) -> date | None:
    """The day (UTC) of the worker's latest answer on this placement."""
    last = db.session.scalar(select(func.max(CheckIn.answered_at)).where(CheckIn.placement_id == placement_id))
    return last.date() if last else None
