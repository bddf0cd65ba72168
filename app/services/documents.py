"""Documents for departure: a seeker uploads each kind (replacing sends it back for review),
a coordinator verifies or rejects it. Passport and BPJS numbers are stored encrypted."""
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.domain.certificates import Problem
from app.domain.clock import utcnow
from app.domain.documents import SEEKER_DOCUMENTS, check_document, normalise_number
from app.extensions import db
from app.models import Document, SeekerProfile, Upload
from app.security.crypto import decrypt, encrypt, keyed_hash
from app.services import audit
from app.services.audit import Actor
from app.services.papers import (
    PapersRefused,
    Scan,
    claim_decision,
    clean_reason,
    scan_problems,
    store_scan,
    tell_seeker,
)
from app.services.uploads import delete_upload

QUEUE_LENGTH = 50

# The names of the kinds, also used in the messages sent to seekers (worded in their language).
DOCUMENT_NAMES = {
    "passport": _l("Passport"),
    "health_certificate": _l("Health and psychological certificate"),
    "bpjs": _l("BPJS Ketenagakerjaan"),
    "family_permission": _l("Family permission (acknowledged by the lurah)"),
    "marital_status": _l("Marital status letter"),
    "opp_certificate": _l("Pre-departure orientation (OPP) certificate"),
    "work_visa": _l("Work visa"),
    "placement_agreement": _l("Placement agreement"),
    "employment_contract": _l("Employment contract"),
    "other": _l("Other document"),
}


@dataclass
class DocumentEntry:
    kind: str
    number: str | None = None
    issued_on: date | None = None
    expires_on: date | None = None


def seeker_documents(seeker_id: int) -> dict[str, Document]:
    """A seeker's own documents (not those of a placement), by kind."""
    rows = db.session.scalars(select(Document).where(Document.seeker_id == seeker_id,
                                                     Document.placement_id.is_(None)).order_by(Document.id))
    return {doc.kind: doc for doc in rows}


def document_number(doc: Document) -> str | None:
    """The number in clear, for its owner and coordinators only."""
    if doc.kind == "passport":
        encrypted = doc.seeker.passport_encrypted
        return decrypt(encrypted) if encrypted else None
    return decrypt(doc.number_encrypted) if doc.number_encrypted else None


def _passport_taken(seeker: SeekerProfile, number: str) -> bool:
    return db.session.scalar(select(SeekerProfile.id).where(
        SeekerProfile.passport_hash == keyed_hash(number, "passport"), SeekerProfile.id != seeker.id)) is not None


def _problems(seeker: SeekerProfile, entry: DocumentEntry, scan: Scan | None, today: date) -> list[Problem]:
    problems = check_document(entry.kind, entry.number, entry.issued_on, entry.expires_on, today)
    if entry.kind == "passport" and not any(p.field == "number" for p in problems) \
            and _passport_taken(seeker, normalise_number("passport", entry.number)):
        problems.append(Problem("number", "PASSPORT_TAKEN"))
    return problems + scan_problems(scan)


def _set_passport(seeker: SeekerProfile, number: str | None, expires_on: date | None) -> None:
    seeker.passport_encrypted = encrypt(number) if number else None
    seeker.passport_hash = keyed_hash(number, "passport") if number else None
    seeker.passport_expires_on = expires_on if number else None


def save_document(seeker: SeekerProfile, entry: DocumentEntry, scan: Scan | None, by: Actor,
                  today: date | None = None) -> Document:
    """Add or replace the seeker's document of a kind; either way it waits for review again."""
    if entry.kind not in SEEKER_DOCUMENTS:
        raise ValueError(f"seekers do not upload {entry.kind!r}")
    spec = SEEKER_DOCUMENTS[entry.kind]
    problems = _problems(seeker, entry, scan, today or utcnow().date())
    if problems:
        raise PapersRefused(problems)
    number = normalise_number(entry.kind, entry.number) or None
    doc = seeker_documents(seeker.id).get(entry.kind)
    replaced = doc is not None
    if entry.kind == "passport":
        _set_passport(seeker, number, entry.expires_on)
        try:
            db.session.flush()  # the unique passport hash: another account may have taken it meanwhile
        except IntegrityError:
            db.session.rollback()
            raise PapersRefused([Problem("number", "PASSPORT_TAKEN")]) from None
    old_upload = db.session.get(Upload, doc.upload_id) if replaced and doc.upload_id else None
    upload = store_scan(scan, seeker.user)
    db.session.flush()
    doc = doc or Document(seeker_id=seeker.id, kind=entry.kind)
    doc.number_encrypted = encrypt(number) if number and entry.kind != "passport" else None
    doc.issued_on = entry.issued_on
    doc.expires_on = entry.expires_on if spec.expires_on != "absent" else None
    doc.upload_id, doc.status = upload.id, "pending"
    doc.reviewed_by_id = doc.reviewed_at = doc.rejection_reason = None
    db.session.add(doc)
    db.session.flush()
    audit.record(by, "document_replaced" if replaced else "document_added", doc, seeker_id=seeker.id,
                 kind=entry.kind)
    if old_upload is not None:
        delete_upload(old_upload)
    db.session.commit()
    return doc


def kind_name_for(seeker: SeekerProfile, kind: str) -> str:
    """The kind's name in the seeker's language, for the message they receive."""
    with force_locale((seeker.user.locale if seeker.user else None) or "id"):
        return str(DOCUMENT_NAMES.get(kind, kind))


def verify_document(doc: Document, by: Actor) -> None:
    """Accept a pending document; audited, and the seeker is told."""
    claim_decision(Document, doc.id, "verified", by.user_id)
    audit.record(by, "document_verified", doc, seeker_id=doc.seeker_id, kind=doc.kind)
    tell_seeker(doc.seeker, "document_verified", {"kind": kind_name_for(doc.seeker, doc.kind)})
    db.session.commit()


def reject_document(doc: Document, by: Actor, reason: str | None) -> None:
    """Refuse a pending document with a reason; a refused passport frees its number for its real holder."""
    reason = clean_reason(reason)
    claim_decision(Document, doc.id, "rejected", by.user_id, reason)
    if doc.kind == "passport":
        _set_passport(doc.seeker, None, None)
    audit.record(by, "document_rejected", doc, seeker_id=doc.seeker_id, kind=doc.kind, reason=reason)
    tell_seeker(doc.seeker, "document_rejected", {"kind": kind_name_for(doc.seeker, doc.kind), "reason": reason})
    db.session.commit()


def _submitted_order():
    # A replaced document waits from the time it was replaced, not from its first upload.
    return Document.updated_at, Document.id


def pending_documents(limit: int = QUEUE_LENGTH) -> tuple[list[Document], int]:
    """The documents waiting longest for review, and how many wait in all."""
    waiting = Document.status == "pending"
    rows = db.session.scalars(select(Document).where(waiting).order_by(*_submitted_order()).limit(limit))
    return list(rows), db.session.scalar(select(func.count(Document.id)).where(waiting)) or 0


def next_pending_document() -> int | None:
    """The id of the document waiting longest for review."""
    return db.session.scalar(select(Document.id).where(Document.status == "pending")
                             .order_by(*_submitted_order()).limit(1))


def record_review_opened(doc: Document, by: Actor) -> None:
    """A coordinator opened a seeker's document (with its number): a read of personal data."""
    audit.record_now(by, "document_viewed", doc, seeker_id=doc.seeker_id, kind=doc.kind)
