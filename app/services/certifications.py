"""Competency certificates: a seeker adds them with a scan, a coordinator verifies or rejects them."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.domain.certificates import (
    CertFacts,
    Problem,
    can_be_withdrawn,
    check_certification,
    normalise_number,
    short_scheme_name,
)
from app.domain.clock import utcnow
from app.extensions import db
from app.models import Certification, CertificationScheme, SeekerProfile, Upload
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


@dataclass
class CertificationEntry:
    scheme_code: str
    number: str
    issued_on: date | None
    expires_on: date | None = None
    issuer: str | None = None


def facts(cert: Certification) -> CertFacts:
    """The part of a certificate that eligibility looks at (see app.domain.certificates.counts_on)."""
    return CertFacts(status=cert.status, expires_on=cert.expires_on)


def scheme_choices() -> list[tuple[str, str]]:
    """(code, short name) of every certification scheme, by name."""
    schemes = db.session.scalars(select(CertificationScheme).order_by(CertificationScheme.name))
    return [(s.code, short_scheme_name(s.name)) for s in schemes]


def seeker_certifications(seeker_id: int) -> list[Certification]:
    """A seeker's certificates, newest issue first within each scheme."""
    return list(db.session.scalars(select(Certification).where(Certification.seeker_id == seeker_id)
                                   .order_by(Certification.scheme_code, Certification.issued_on.desc(),
                                             Certification.id.desc())))


def own_certification(seeker_id: int, certification_id: int) -> Certification | None:
    """The certificate, only if it belongs to this seeker."""
    return db.session.scalar(select(Certification).where(Certification.id == certification_id,
                                                         Certification.seeker_id == seeker_id))


def _numbers_held(seeker_id: int, scheme_code: str) -> frozenset[str]:
    return frozenset(db.session.scalars(select(Certification.number).where(
        Certification.seeker_id == seeker_id, Certification.scheme_code == scheme_code,
        Certification.status != "rejected")))


def add_certification(seeker: SeekerProfile, entry: CertificationEntry, scan: Scan | None, by: Actor,
                      today: date | None = None) -> Certification:
    """Record a certificate with its scan, waiting for a coordinator; refuses with every problem at once."""
    today = today or utcnow().date()
    problems = check_certification(entry.number, entry.issued_on, entry.expires_on, today,
                                   _numbers_held(seeker.id, entry.scheme_code))
    if db.session.get(CertificationScheme, entry.scheme_code or "") is None:
        problems.insert(0, Problem("scheme_code", "UNKNOWN_SCHEME"))
    problems += scan_problems(scan)
    if problems:
        raise PapersRefused(problems)
    upload = store_scan(scan, seeker.user)
    db.session.flush()
    cert = Certification(seeker_id=seeker.id, scheme_code=entry.scheme_code, number=normalise_number(entry.number),
                         issuer=" ".join((entry.issuer or "").split()) or None, issued_on=entry.issued_on,
                         expires_on=entry.expires_on, upload_id=upload.id, status="pending", source="self")
    db.session.add(cert)
    db.session.flush()
    audit.record(by, "certification_added", cert, seeker_id=seeker.id, scheme=entry.scheme_code)
    db.session.commit()
    return cert


def withdraw_certification(cert: Certification, by: Actor) -> None:
    """Remove a certificate still waiting for review, with its scan; a decided one stays as a record."""
    if not can_be_withdrawn(cert.status):
        raise PapersRefused([Problem("certification", "CERTIFICATE_IS_A_RECORD")])
    upload = db.session.get(Upload, cert.upload_id) if cert.upload_id else None
    audit.record(by, "certification_deleted", cert, seeker_id=cert.seeker_id, scheme=cert.scheme_code)
    db.session.delete(cert)
    if upload is not None:
        delete_upload(upload)
    db.session.commit()


def verify_certification(cert: Certification, by: Actor) -> None:
    """Accept a pending certificate; audited, and the seeker is told."""
    claim_decision(Certification, cert.id, "verified", by.user_id)
    audit.record(by, "certification_verified", cert, seeker_id=cert.seeker_id)
    tell_seeker(cert.seeker, "certification_verified", _message_params(cert))
    db.session.commit()


def reject_certification(cert: Certification, by: Actor, reason: str | None) -> None:
    """Refuse a pending certificate with a reason the seeker reads; audited, and the seeker is told."""
    reason = clean_reason(reason)
    claim_decision(Certification, cert.id, "rejected", by.user_id, reason)
    audit.record(by, "certification_rejected", cert, seeker_id=cert.seeker_id, reason=reason)
    tell_seeker(cert.seeker, "certification_rejected", {**_message_params(cert), "reason": reason})
    db.session.commit()


def _message_params(cert: Certification) -> dict:
    return {"scheme": short_scheme_name(cert.scheme.name), "number": cert.number}


def pending_certifications(limit: int = QUEUE_LENGTH) -> tuple[list[Certification], int]:
    """The oldest certificates waiting for review, and how many wait in all."""
    waiting = Certification.status == "pending"
    rows = db.session.scalars(select(Certification).where(waiting)
                              .order_by(Certification.created_at, Certification.id).limit(limit))
    return list(rows), db.session.scalar(select(func.count(Certification.id)).where(waiting)) or 0


def next_pending_certification() -> int | None:
    """The id of the oldest certificate waiting for review."""
    return db.session.scalar(select(Certification.id).where(Certification.status == "pending")
                             .order_by(Certification.created_at, Certification.id).limit(1))


def record_review_opened(cert: Certification, by: Actor) -> None:
    """A coordinator opened a seeker's certificate: a read of personal data."""
    audit.record_now(by, "certification_viewed", cert, seeker_id=cert.seeker_id)


def same_scheme_history(cert: Certification) -> list[Certification]:
    """The seeker's other certificates of the same scheme (renewals, earlier ones), for the reviewer."""
    return list(db.session.scalars(select(Certification).where(
        Certification.seeker_id == cert.seeker_id, Certification.scheme_code == cert.scheme_code,
        Certification.id != cert.id).order_by(Certification.issued_on.desc())))
