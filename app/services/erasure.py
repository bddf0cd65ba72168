"""Erasure (UU 27/2022): a seeker asks, a coordinator confirms or refuses, and what remains identifies nobody.

The seekers row itself stays, emptied, because placements and the audit log point at its id: the audit log
is append-only and holds ids only. Its NOT NULL columns keep placeholders that identify nobody (full_name "",
birth_date 1900-01-01; gender is kept, as it cannot be empty).
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from sqlalchemy import delete, select, update

from app.domain.clock import utcnow
from app.domain.erasure import IN_PROGRESS_STAGES, PlacementTrace, age_band, outcome
from app.extensions import db
from app.models import (
    AnonymousRecord,
    CheckIn,
    ErasureRequest,
    LoginSession,
    Notification,
    Placement,
    ReviewRequest,
    SeekerChange,
    SeekerProfile,
    Shortlist,
    Upload,
    User,
)
from app.security.crypto import decrypt, mask
from app.services import audit
from app.services.audit import Actor
from app.services.mail import send_mail
from app.services.notifications import SUBJECT, message_text, notify
from app.services.uploads import delete_upload

PLACEHOLDER_BIRTH_DATE = date(1900, 1, 1)


class ErasureRefused(Exception):
    """`code` is PLACEMENTS_IN_PROGRESS, ALREADY_DECIDED, NOTE_REQUIRED or ALREADY_ERASED."""

    def __init__(self, code: str, placements: list[Placement] | None = None):
        super().__init__(code)
        self.code = code
        self.placements = placements or []


@dataclass(frozen=True)
class Decision:
    confirm: bool
    note: str | None = None


def placements_in_progress(seeker_id: int) -> list[Placement]:
    """Placements that must be closed before erasure: applied up to, not including, completed."""
    return list(db.session.scalars(select(Placement).where(
        Placement.seeker_id == seeker_id, Placement.stage.in_(IN_PROGRESS_STAGES)).order_by(Placement.id)))


def open_request(seeker_id: int) -> ErasureRequest | None:
    return db.session.scalar(select(ErasureRequest).where(
        ErasureRequest.seeker_id == seeker_id, ErasureRequest.status == "requested"))


def latest_request(seeker_id: int) -> ErasureRequest | None:
    """The seeker's most recent request, whatever its status."""
    return db.session.scalar(select(ErasureRequest).where(ErasureRequest.seeker_id == seeker_id)
                             .order_by(ErasureRequest.requested_at.desc(), ErasureRequest.id.desc()).limit(1))


def request_erasure(seeker: SeekerProfile, by: Actor) -> ErasureRequest:
    """File a request for a coordinator to confirm; refused while a placement is in progress."""
    if seeker.erased_at is not None:
        raise ErasureRefused("ALREADY_ERASED")
    in_progress = placements_in_progress(seeker.id)
    if in_progress:
        raise ErasureRefused("PLACEMENTS_IN_PROGRESS", in_progress)
    existing = open_request(seeker.id)
    if existing is not None:
        return existing
    request = ErasureRequest(seeker_id=seeker.id, status="requested")
    db.session.add(request)
    db.session.flush()
    audit.record(by, "erasure_requested", seeker, request_id=request.id)
    db.session.commit()
    return request


@dataclass(frozen=True)
class QueueItem:
    request: ErasureRequest
    full_name: str
    masked_nik: str
    in_progress: list[Placement]


def erasure_queue(by: Actor) -> list[QueueItem]:
    """Open requests, oldest first, with who asked and what still blocks them; the look-up is audited."""
    requests = db.session.scalars(select(ErasureRequest).where(ErasureRequest.status == "requested")
                                  .order_by(ErasureRequest.requested_at, ErasureRequest.id)).all()
    items = []
    for request in requests:
        seeker = db.session.get(SeekerProfile, request.seeker_id) if request.seeker_id else None
        nik = mask(decrypt(seeker.nik_encrypted)) if seeker is not None and seeker.nik_encrypted else "—"
        items.append(QueueItem(request, seeker.full_name if seeker else "", nik,
                               placements_in_progress(request.seeker_id) if seeker else []))
    if items:
        audit.record_now(by, "erasure_requests_viewed", object_type="erasure_requests",
                         shown=[item.request.seeker_id for item in items])
    return items


def recent_decisions(limit: int = 20) -> list[ErasureRequest]:
    """The latest confirmed or refused requests, newest first (ids only: erased seekers have no name)."""
    return list(db.session.scalars(select(ErasureRequest).where(ErasureRequest.status != "requested")
                                   .order_by(ErasureRequest.decided_at.desc(), ErasureRequest.id.desc())
                                   .limit(limit)))


def decide(request: ErasureRequest, decision: Decision, by: Actor) -> None:
    """Confirm (erase now) or refuse (with a note the seeker is told) an open request."""
    if request.status != "requested":
        raise ErasureRefused("ALREADY_DECIDED")
    note = (decision.note or "").strip() or None
    seeker = db.session.get(SeekerProfile, request.seeker_id) if request.seeker_id else None
    if decision.confirm:
        _confirm(request, seeker, note, by)
    else:
        _refuse(request, seeker, note, by)


def _refuse(request: ErasureRequest, seeker: SeekerProfile | None, note: str | None, by: Actor) -> None:
    if note is None:
        raise ErasureRefused("NOTE_REQUIRED")
    _close(request, "refused", note, by)
    if seeker is not None and seeker.user is not None:
        notify(seeker.user, "erasure_refused", {"reason": note})
    audit.record(by, "erasure_refused", object_type="seekers", object_id=request.seeker_id, request_id=request.id)
    db.session.commit()


def _confirm(request: ErasureRequest, seeker: SeekerProfile | None, note: str | None, by: Actor) -> None:
    in_progress = placements_in_progress(request.seeker_id) if seeker is not None else []
    if in_progress:
        raise ErasureRefused("PLACEMENTS_IN_PROGRESS", in_progress)
    _close(request, "confirmed", note, by)
    mail_to = _mail_address(seeker.user) if seeker is not None else None
    if seeker is not None and seeker.erased_at is None:
        erase_seeker(seeker, by)
    audit.record(by, "erasure_confirmed", object_type="seekers", object_id=request.seeker_id, request_id=request.id)
    db.session.commit()
    if mail_to:
        _tell_erased(*mail_to)


def _close(request: ErasureRequest, status: str, note: str | None, by: Actor) -> None:
    request.status, request.note = status, note
    request.decided_by_id, request.decided_at = by.user_id, utcnow()


def _mail_address(user: User | None) -> tuple[str, str] | None:
    return (user.email, user.locale or "id") if user is not None and user.email else None


def _tell_erased(email: str, locale: str) -> None:
    # Mailed directly, after the commit: the address is gone from the database by now.
    with force_locale(locale):
        send_mail(email, str(SUBJECT), message_text("erasure_confirmed", {}))


def erase_seeker(seeker: SeekerProfile, by: Actor) -> AnonymousRecord:
    """Remove a seeker's personal data and files, keep an anonymous record; the caller commits."""
    today = utcnow().date()
    record = AnonymousRecord(kelurahan_code=seeker.kelurahan_code, age_band=age_band(seeker.birth_date, today),
                             outcome=outcome(_traces(seeker.id)), erased_on=today)
    db.session.add(record)
    upload_ids = _upload_ids(seeker)
    for attached in (seeker.skills, seeker.languages, seeker.experiences, seeker.certifications,
                     seeker.documents, seeker.consents, seeker.preferred_countries, seeker.preferred_sectors):
        attached.clear()
    db.session.execute(delete(ReviewRequest).where(ReviewRequest.seeker_id == seeker.id))
    db.session.execute(delete(Shortlist).where(Shortlist.seeker_id == seeker.id))
    placement_ids = select(Placement.id).where(Placement.seeker_id == seeker.id).scalar_subquery()
    db.session.execute(update(CheckIn).where(CheckIn.placement_id.in_(placement_ids)).values(message=None))
    db.session.flush()
    for upload in db.session.scalars(select(Upload).where(Upload.id.in_(upload_ids))):
        delete_upload(upload)
    if seeker.user is not None:
        _close_account(seeker.user)
    _empty_profile(seeker)
    db.session.add(SeekerChange(seeker_id=seeker.id))
    db.session.flush()
    audit.record(by, "seeker_erased", seeker, anonymous_record_id=record.id)
    return record


def _traces(seeker_id: int) -> list[PlacementTrace]:
    return [PlacementTrace(p.stage, tuple(e.to_stage for e in p.events))
            for p in db.session.scalars(select(Placement).where(Placement.seeker_id == seeker_id))]


def _upload_ids(seeker: SeekerProfile) -> set[int]:
    attached = [*seeker.languages, *seeker.certifications, *seeker.documents]
    ids = {row.upload_id for row in attached if row.upload_id is not None}
    if seeker.user_id is not None:
        ids |= set(db.session.scalars(select(Upload.id).where(Upload.owner_id == seeker.user_id)))
    return ids


def _close_account(user: User) -> None:
    # Disabled and scrubbed rather than deleted: deleting would rewrite the audit log's actor ids.
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    db.session.execute(update(LoginSession).where(LoginSession.user_id == user.id,
                                                  LoginSession.revoked_at.is_(None)).values(revoked_at=utcnow()))
    user.email = user.password_hash = user.locale = user.last_login_at = None
    user.display_name = ""
    user.is_enabled = False


def _empty_profile(seeker: SeekerProfile) -> None:
    for column in ("ref", "nik_encrypted", "nik_hash", "passport_encrypted", "passport_hash",
                   "passport_expires_on", "phone", "kelurahan_code", "regency_code", "education_code",
                   "safe_word_hash"):
        setattr(seeker, column, None)
    seeker.full_name, seeker.birth_date, seeker.experience_years = "", PLACEHOLDER_BIRTH_DATE, 0
    seeker.user = None
    seeker.erased_at = utcnow()
