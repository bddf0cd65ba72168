"""An employer marks a ranked, still anonymous candidate as one they want (and unmarks them).

A shortlist is an invitation, not an application: the seeker is told and decides whether to apply;
the employer learns who they are only when an application of theirs reaches the shortlisted stage.
Only a candidate who passes every legal gate for the opening today can be shortlisted.
"""
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.domain.eligibility import OPENING_GATES, Failure, failed_gates
from app.domain.matching.matrix import Keys, facts_from_columns
from app.extensions import db
from app.models import Opening, Placement, SeekerProfile, Shortlist
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import load_candidates, opening_facts
from app.services.matcher.rank import matcher
from app.services.notifications import notify

APPLY_LINK = "/seeker/openings/{opening_id}/apply"
NOT_A_CANDIDATE = "NOT_A_CANDIDATE"
NOT_ELIGIBLE = "NOT_ELIGIBLE"
OPENING_BLOCKED = "OPENING_BLOCKED"


class ShortlistRefused(Exception):
    """`code` is NOT_A_CANDIDATE, OPENING_BLOCKED (the opening fails a gate) or NOT_ELIGIBLE (the candidate
    does); `failures` lists the gates that fail."""

    def __init__(self, code: str, failures: list[Failure] | None = None):
        super().__init__(code)
        self.code = code
        self.failures = failures or []


def failures_for(opening: Opening, seeker_id: int, today: date) -> list[Failure] | None:
    """Every gate this seeker fails for the opening today; None when they are no candidate at all (erased)."""
    vocabulary = matcher().fresh().vocabulary
    keys = Keys()
    columns = load_candidates(keys, vocabulary, [seeker_id])
    if not len(columns):
        return None
    candidate = facts_from_columns(columns, keys, vocabulary.reference)[0]
    return failed_gates(candidate, opening_facts(opening, vocabulary, today), rules_facts(), today)


def is_shortlisted(opening_id: int, seeker_id: int) -> bool:
    return db.session.scalar(select(Shortlist.id).where(Shortlist.opening_id == opening_id,
                                                        Shortlist.seeker_id == seeker_id)) is not None


def shortlist(opening: Opening, seeker_id: int, by: Actor, today: date | None = None) -> Shortlist:
    """Shortlist an eligible candidate and invite them to apply; shortlisting twice changes nothing."""
    failures = failures_for(opening, seeker_id, today or local_today())
    if failures is None or failures:
        code = _refusal_code(failures)
        audit.record_now(by, "shortlist_refused", opening, seeker_id=seeker_id, code=code,
                         gates=[str(f.code) for f in failures or []])
        raise ShortlistRefused(code, failures)
    existing = db.session.scalar(select(Shortlist).where(Shortlist.opening_id == opening.id,
                                                         Shortlist.seeker_id == seeker_id))
    if existing is not None:
        return existing
    row = Shortlist(opening_id=opening.id, seeker_id=seeker_id, created_by_id=by.user_id)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:  # a second click raced the first one: the row is there
        db.session.rollback()
        return db.session.scalar(select(Shortlist).where(Shortlist.opening_id == opening.id,
                                                         Shortlist.seeker_id == seeker_id))
    audit.record(by, "candidate_shortlisted", opening, seeker_id=seeker_id)
    _invite(opening, db.session.get(SeekerProfile, seeker_id))
    db.session.commit()
    return row


def _refusal_code(failures: list[Failure] | None) -> str:
    if failures is None:
        return NOT_A_CANDIDATE
    return OPENING_BLOCKED if any(f.code in OPENING_GATES for f in failures) else NOT_ELIGIBLE


def _invite(opening: Opening, seeker: SeekerProfile) -> None:
    """Tell the seeker, unless they have no account (Disnaker tells them) or already applied."""
    applied = db.session.scalar(select(Placement.id).where(Placement.seeker_id == seeker.id,
                                                           Placement.opening_id == opening.id))
    if seeker.user is None or applied is not None:
        return
    notify(seeker.user, "invited_to_apply", {"title": opening.title, "city": opening.city},
           link=APPLY_LINK.format(opening_id=opening.id))


def unshortlist(opening: Opening, seeker_id: int, by: Actor) -> bool:
    """Take a candidate off the shortlist; False when they were not on it."""
    removed = db.session.execute(delete(Shortlist).where(Shortlist.opening_id == opening.id,
                                                         Shortlist.seeker_id == seeker_id)).rowcount
    if not removed:
        db.session.rollback()
        return False
    audit.record(by, "candidate_unshortlisted", opening, seeker_id=seeker_id)
    db.session.commit()
    return True
