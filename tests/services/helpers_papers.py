"""Small factories for certificates, documents and their scans (tests of the papers feature)."""
from datetime import date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import Certification, Document, SeekerProfile, User
from app.services.audit import Actor
from app.services.uploads import store_upload

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40 + b"\x00\x00\x00\x00IEND\xaeB`\x82"
FAKE_PDF = b"MZ\x90\x00 this is an executable named certificate.pdf"


def profile_of(user: User) -> SeekerProfile:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))


def actor(user: User) -> Actor:
    return Actor.for_user(user)


def make_certification(seeker: SeekerProfile, created_at: datetime | None = None, data: bytes = PDF,
                       **overrides) -> Certification:
    upload = store_upload(data, "certificate.pdf" if data == PDF else "scan.png", seeker.user)
    db.session.flush()
    fields = {"scheme_code": "SKK-CPMI", "number": "CERT-001", "issuer": "LSP Test", "issued_on": date(2024, 1, 1),
              "expires_on": date(2027, 1, 1), "upload_id": upload.id, "status": "pending"}
    cert = Certification(seeker_id=seeker.id, **{**fields, **overrides})
    if created_at:
        cert.created_at = created_at
    db.session.add(cert)
    db.session.commit()
    return cert


def make_document(seeker: SeekerProfile, kind: str = "health_certificate", submitted_at: datetime | None = None,
                  data: bytes = PDF, **overrides) -> Document:
    upload = store_upload(data, "document.pdf" if data == PDF else "scan.png", seeker.user)
    db.session.flush()
    fields = {"issued_on": date(2025, 6, 1), "upload_id": upload.id, "status": "pending"}
    doc = Document(seeker_id=seeker.id, kind=kind, **{**fields, **overrides})
    if submitted_at:
        doc.created_at = doc.updated_at = submitted_at
    db.session.add(doc)
    db.session.commit()
    return doc
