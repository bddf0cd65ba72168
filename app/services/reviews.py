"""Human review of an automated ranking (UU 27/2022): a seeker asks a person to check their matches,
optionally about one opening; a coordinator reads the ranking, answers, and the seeker is told.

One open request per seeker and opening (or per seeker, for the ranking as a whole); asking and
answering are audited; an answer is final (a second coordinator cannot overwrite it).
"""
from dataclasses import dataclass

from sqlalchemy import func, select, update

from app.domain.clock import utcnow
from app.extensions import db
from app.models import Opening, ReviewRequest, SeekerProfile, User
from app.services import audit
from app.services.audit import Actor
from app.services.matcher.facts import seeker_refs
from app.services.notifications import notify

MESSAGE_MAX = 2000
MATCHES_LINK = "/seeker/matches#reviews"

ALREADY_OPEN = "ALREADY_OPEN"
OPENING_UNKNOWN = "OPENING_UNKNOWN"
MESSAGE_REQUIRED = "MESSAGE_REQUIRED"
MESSAGE_TOO_LONG = "MESSAGE_TOO_LONG"
ALREADY_ANSWERED = "ALREADY_ANSWERED"
ANSWER_REQUIRED = "ANSWER_REQUIRED"


class ReviewRefused(Exception):
    """`code` is one of the constants above; the web layer words it."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class QueueItem:
    request: ReviewRequest
    seeker_ref: str
    opening: Opening | None
    handled_by: str | None = None  # the answering coordinator's display name


def _clean(text: str | None, required: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ReviewRefused(required)
    if len(text) > MESSAGE_MAX:
        raise ReviewRefused(MESSAGE_TOO_LONG)
    return text


def _open_request(seeker_id: int, opening_id: int | None) -> ReviewRequest | None:
    about = ReviewRequest.opening_id.is_(None) if opening_id is None else ReviewRequest.opening_id == opening_id
    return db.session.scalar(select(ReviewRequest).where(ReviewRequest.seeker_id == seeker_id, about,
                                                         ReviewRequest.status == "open"))


def request_review(seeker: SeekerProfile, opening: Opening | None, message: str, by: Actor) -> ReviewRequest:
    """File a request for a person to check the ranking, or refuse (a duplicate, an opening nobody can see)."""
    text = _clean(message, MESSAGE_REQUIRED)
    if opening is not None and not opening.is_public():
        raise ReviewRefused(OPENING_UNKNOWN)
    # The seeker's row is locked until commit (PostgreSQL), so two quick clicks file one request, not two.
    db.session.scalar(select(SeekerProfile.id).where(SeekerProfile.id == seeker.id).with_for_update())
    opening_id = opening.id if opening else None
    if _open_request(seeker.id, opening_id) is not None:
        db.session.rollback()
        raise ReviewRefused(ALREADY_OPEN)
    review = ReviewRequest(seeker_id=seeker.id, opening_id=opening_id, message=text, status="open")
    db.session.add(review)
    db.session.flush()
    audit.record(by, "review_requested", review, seeker_id=seeker.id, opening_id=opening_id)
    db.session.commit()
    return review


def _with_opening():
    return (select(ReviewRequest, Opening, User.display_name)
            .outerjoin(Opening, Opening.id == ReviewRequest.opening_id)
            .outerjoin(User, User.id == ReviewRequest.handled_by_id))


def _items(query) -> list[QueueItem]:
    rows = db.session.execute(query).all()
    refs = seeker_refs(sorted({review.seeker_id for review, _opening, _name in rows}))
    return [QueueItem(review, refs[review.seeker_id], opening, name) for review, opening, name in rows]


def seeker_requests(seeker_id: int) -> list[QueueItem]:
    """The seeker's own requests, newest first, with their status and answer."""
    return _items(_with_opening().where(ReviewRequest.seeker_id == seeker_id)
                  .order_by(ReviewRequest.created_at.desc(), ReviewRequest.id.desc()))


def open_queue() -> list[QueueItem]:
    """Every open request, oldest first: the order a coordinator works through them."""
    return _items(_with_opening().where(ReviewRequest.status == "open")
                  .order_by(ReviewRequest.created_at, ReviewRequest.id))


def recently_answered(limit: int = 20) -> list[QueueItem]:
    return _items(_with_opening().where(ReviewRequest.status == "answered")
                  .order_by(ReviewRequest.handled_at.desc(), ReviewRequest.id.desc()).limit(limit))


def open_count() -> int:
    """How many requests wait for a person (for a dashboard figure)."""
    return db.session.scalar(select(func.count(ReviewRequest.id)).where(ReviewRequest.status == "open")) or 0


def queue_item(review_id: int) -> QueueItem | None:
    """One request as the coordinator's page shows it; None if there is no such request."""
    found = _items(_with_opening().where(ReviewRequest.id == review_id))
    return found[0] if found else None


def answer(review: ReviewRequest, response: str, by: Actor) -> None:
    """Answer an open request once, audit it, and tell the seeker."""
    text = _clean(response, ANSWER_REQUIRED)
    # One conditional UPDATE: of two coordinators answering at once, exactly one succeeds.
    done = db.session.execute(update(ReviewRequest).where(ReviewRequest.id == review.id,
                                                          ReviewRequest.status == "open")
                              .values(status="answered", response=text, handled_by_id=by.user_id, handled_at=utcnow()))
    if done.rowcount != 1:
        db.session.rollback()
        raise ReviewRefused(ALREADY_ANSWERED)
    audit.record(by, "review_answered", object_type="review_requests",
                 object_id=review.id, seeker_id=review.seeker_id, opening_id=review.opening_id)
    seeker = db.session.get(SeekerProfile, review.seeker_id)
    if seeker is not None and seeker.user is not None:
        notify(seeker.user, "review_answered", {}, link=MATCHES_LINK)
    db.session.commit()
