"""Certificates: a seeker adds them with a scan; a coordinator verifies or rejects them, audited and told."""
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.certificates import counts_on
from app.models import AuditEntry, Certification, Notification, Upload
from app.services import certifications
from app.services.certifications import CertificationEntry
from app.services.papers import AlreadyDecided, PapersRefused, Scan
from tests.factories import make_user
from tests.services.helpers_papers import FAKE_PDF, PDF, actor, make_certification, profile_of

TODAY = date(2025, 10, 1)


def entry(**overrides) -> CertificationEntry:
    fields = {"scheme_code": "SKK-CPMI", "number": "BNSP-0001", "issued_on": date(2024, 2, 1),
              "expires_on": date(2027, 2, 1), "issuer": "LSP  P3 Test"}
    return CertificationEntry(**{**fields, **overrides})


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def outbox(app) -> list[str]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [p.read_text() for p in folder.glob("*.eml")] if folder.exists() else []


@pytest.fixture
def seeker(db):
    return profile_of(make_user("seeker"))


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def test_a_seeker_adds_a_certificate_that_waits_for_review(db, seeker):
    cert = certifications.add_certification(seeker, entry(), Scan(PDF, "sertifikat.pdf"), actor(seeker.user), TODAY)
    assert (cert.status, cert.number, cert.issuer, cert.source) == ("pending", "BNSP-0001", "LSP P3 Test", "self")
    upload = db.session.get(Upload, cert.upload_id)
    assert (upload.owner_id, upload.content_type) == (seeker.user_id, "application/pdf")
    assert actions(db) == ["certification_added"]


def test_a_renewal_sits_beside_the_expired_certificate_of_the_same_scheme(db, seeker):
    make_certification(seeker, number="OLD-1", issued_on=date(2020, 1, 1), expires_on=date(2023, 1, 1),
                       status="verified")
    certifications.add_certification(seeker, entry(number="NEW-2"), Scan(PDF, "a.pdf"), actor(seeker.user), TODAY)
    held = certifications.seeker_certifications(seeker.id)
    assert [c.number for c in held] == ["NEW-2", "OLD-1"]


def test_adding_the_same_number_twice_is_refused(db, seeker):
    certifications.add_certification(seeker, entry(), Scan(PDF, "a.pdf"), actor(seeker.user), TODAY)
    with pytest.raises(PapersRefused) as refused:
        certifications.add_certification(seeker, entry(number="bnsp-0001"), Scan(PDF, "a.pdf"), actor(seeker.user),
                                         TODAY)
    assert [p.code for p in refused.value.problems] == ["CERTIFICATE_ALREADY_ADDED"]


@pytest.mark.parametrize("scan, code", [
    (Scan(FAKE_PDF, "certificate.pdf"), "NOT_ALLOWED_TYPE"),
    (Scan(b"", "empty.pdf"), "EMPTY"),
    (Scan(PDF[:-7], "cut.pdf"), "DAMAGED"),
    (Scan(PDF + b" " * (5 * 1024 * 1024), "big.pdf"), "TOO_LARGE"),
    (None, "SCAN_REQUIRED"),
])
def test_a_bad_scan_is_refused_and_nothing_is_stored(db, seeker, scan, code):
    with pytest.raises(PapersRefused) as refused:
        certifications.add_certification(seeker, entry(), scan, actor(seeker.user), TODAY)
    assert [(p.field, p.code) for p in refused.value.problems] == [("scan", code)]
    assert db.session.scalar(select(Certification)) is None and db.session.scalar(select(Upload)) is None


def test_every_problem_is_reported_at_once(db, seeker):
    with pytest.raises(PapersRefused) as refused:
        certifications.add_certification(seeker, entry(scheme_code="NOPE", issued_on=date(2026, 1, 1),
                                                        expires_on=date(2025, 1, 1)),
                                         Scan(FAKE_PDF, "x.pdf"), actor(seeker.user), TODAY)
    assert [p.code for p in refused.value.problems] == [
        "UNKNOWN_SCHEME", "ISSUED_IN_FUTURE", "EXPIRES_BEFORE_ISSUED", "NOT_ALLOWED_TYPE"]


def test_a_coordinator_verifies_a_certificate_audited_and_the_seeker_told_in_app_and_by_mail(app, db, seeker,
                                                                                           coordinator):
    cert = make_certification(seeker, number="BNSP-77")
    certifications.verify_certification(cert, actor(coordinator))
    cert = db.session.get(Certification, cert.id)
    assert (cert.status, cert.reviewed_by_id) == ("verified", coordinator.id) and cert.reviewed_at
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "certification_verified"))
    assert (audit.actor_id, audit.object_id, audit.details["seeker_id"]) == (coordinator.id, str(cert.id), seeker.id)
    note = db.session.scalar(select(Notification))
    assert (note.user_id, note.kind) == (seeker.user_id, "certification_verified")
    assert note.params == {"scheme": "Sertifikat Kompetensi Kerja", "number": "BNSP-77"}
    assert any(seeker.user.email in mail and "BNSP-77" in mail for mail in outbox(app))
    assert counts_on(certifications.facts(cert), date(2026, 1, 1))


def test_a_rejected_certificate_keeps_its_reason_and_does_not_count(db, seeker, coordinator):
    cert = make_certification(seeker)
    certifications.reject_certification(cert, actor(coordinator), "  The scan is  blurred. ")
    cert = db.session.get(Certification, cert.id)
    assert (cert.status, cert.rejection_reason) == ("rejected", "The scan is blurred.")
    assert not counts_on(certifications.facts(cert), date(2026, 1, 1))
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "certification_rejected"))
    assert audit.details == {"seeker_id": seeker.id, "reason": "The scan is blurred."}
    note = db.session.scalar(select(Notification))
    assert (note.kind, note.params["reason"]) == ("certification_rejected", "The scan is blurred.")


def test_a_rejection_needs_a_reason(db, seeker, coordinator):
    cert = make_certification(seeker)
    with pytest.raises(PapersRefused) as refused:
        certifications.reject_certification(cert, actor(coordinator), "   ")
    assert [p.code for p in refused.value.problems] == ["REASON_REQUIRED"]
    assert db.session.get(Certification, cert.id).status == "pending"


def test_a_decided_certificate_cannot_be_decided_again(db, seeker, coordinator):
    cert = make_certification(seeker)
    certifications.verify_certification(cert, actor(coordinator))
    with pytest.raises(AlreadyDecided):
        certifications.reject_certification(db.session.get(Certification, cert.id), actor(coordinator), "late")
    assert db.session.get(Certification, cert.id).status == "verified"
    assert len(db.session.scalars(select(Notification)).all()) == 1


def test_a_seeker_without_an_account_is_decided_on_without_a_notification(db, coordinator):
    from tests.factories import make_seeker_profile
    imported = make_seeker_profile(None)
    cert = make_certification(imported)
    certifications.verify_certification(cert, actor(coordinator))
    assert db.session.scalar(select(Notification)) is None


def test_a_pending_certificate_can_be_withdrawn_with_its_scan(app, db, seeker):
    cert = make_certification(seeker)
    upload = db.session.get(Upload, cert.upload_id)
    stored = Path(app.config["UPLOAD_FOLDER"]) / upload.storage_key[:2] / upload.storage_key
    assert stored.exists()
    certifications.withdraw_certification(cert, actor(seeker.user))
    assert db.session.scalar(select(Certification)) is None and db.session.scalar(select(Upload)) is None
    assert not stored.exists()
    assert actions(db) == ["certification_deleted"]


@pytest.mark.parametrize("status", ["verified", "rejected"])
def test_a_reviewed_certificate_is_a_record_the_seeker_cannot_delete(db, seeker, status):
    cert = make_certification(seeker, status=status)
    with pytest.raises(PapersRefused) as refused:
        certifications.withdraw_certification(cert, actor(seeker.user))
    assert refused.value.problems[0].code == "CERTIFICATE_IS_A_RECORD"
    assert db.session.get(Certification, cert.id) is not None


def test_the_queue_is_oldest_first_and_holds_only_pending_certificates(db, seeker):
    newer = make_certification(seeker, number="B", created_at=datetime(2025, 9, 2, 8))
    older = make_certification(seeker, number="A", created_at=datetime(2025, 9, 1, 8))
    make_certification(seeker, number="C", created_at=datetime(2025, 8, 1, 8), status="verified")
    rows, waiting = certifications.pending_certifications()
    assert [c.id for c in rows] == [older.id, newer.id] and waiting == 2
    assert certifications.next_pending_certification() == older.id


def test_opening_a_certificate_for_review_is_audited(db, seeker, coordinator):
    cert = make_certification(seeker)
    certifications.record_review_opened(cert, actor(coordinator))
    assert actions(db) == ["certification_viewed"]
