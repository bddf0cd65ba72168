"""Documents for departure: added or replaced by the seeker, verified or rejected by a coordinator."""
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Document, Notification, SeekerProfile, Upload
from app.security.crypto import decrypt, keyed_hash
from app.services import documents
from app.services.documents import DocumentEntry
from app.services.papers import PapersRefused, Scan
from tests.factories import make_user
from tests.services.helpers_papers import FAKE_PDF, PDF, PNG, actor, make_document, profile_of

TODAY = date(2025, 10, 1)
PASSPORT = DocumentEntry("passport", "e 123 4567", date(2024, 5, 1), date(2029, 5, 1))


@pytest.fixture
def seeker(db):
    return profile_of(make_user("seeker"))


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def save(seeker, entry, data=PDF, today=TODAY):
    return documents.save_document(seeker, entry, Scan(data, "scan.pdf"), actor(seeker.user), today)


def test_a_passport_number_is_stored_encrypted_on_the_profile_and_found_by_its_keyed_hash(db, seeker):
    doc = save(seeker, PASSPORT)
    profile = db.session.get(SeekerProfile, seeker.id)
    assert b"E1234567" not in profile.passport_encrypted and decrypt(profile.passport_encrypted) == "E1234567"
    assert profile.passport_hash == keyed_hash("E1234567", "passport")
    assert profile.passport_expires_on == date(2029, 5, 1)
    assert (doc.status, doc.number_encrypted) == ("pending", None)
    assert documents.document_number(doc) == "E1234567"
    audit = db.session.scalar(select(AuditEntry))
    assert (audit.action, audit.details) == ("document_added", {"seeker_id": seeker.id, "kind": "passport"})
    assert "E1234567" not in str(audit.details)


def test_a_passport_number_taken_by_another_account_is_refused(db, seeker):
    save(seeker, PASSPORT)
    other = profile_of(make_user("seeker"))
    with pytest.raises(PapersRefused) as refused:
        save(other, DocumentEntry("passport", "E1234567", date(2024, 5, 1), date(2029, 5, 1)))
    assert [(p.field, p.code) for p in refused.value.problems] == [("number", "PASSPORT_TAKEN")]
    assert db.session.get(SeekerProfile, other.id).passport_hash is None


def test_the_owner_may_upload_their_own_passport_again(db, seeker):
    save(seeker, PASSPORT)
    save(db.session.get(SeekerProfile, seeker.id), PASSPORT)
    assert len(db.session.scalars(select(Document)).all()) == 1


def test_a_bpjs_number_is_stored_encrypted_on_the_document(db, seeker):
    doc = save(seeker, DocumentEntry("bpjs", "1234 5678 901"))
    assert b"12345678901" not in doc.number_encrypted and documents.document_number(doc) == "12345678901"


def test_replacing_a_verified_document_sends_it_back_for_review_and_drops_the_old_scan(db, seeker, coordinator):
    doc = save(seeker, DocumentEntry("health_certificate", issued_on=date(2025, 1, 5)))
    old_upload = doc.upload_id
    documents.verify_document(doc, actor(coordinator))
    again = save(db.session.get(SeekerProfile, seeker.id),
                 DocumentEntry("health_certificate", issued_on=date(2025, 9, 5)), data=PNG)
    assert (again.id, again.status, again.issued_on) == (doc.id, "pending", date(2025, 9, 5))
    assert again.reviewed_by_id is None and again.reviewed_at is None
    assert db.session.get(Upload, old_upload) is None
    assert db.session.get(Upload, again.upload_id).content_type == "image/png"
    assert "document_replaced" in db.session.scalars(select(AuditEntry.action))


def test_a_bad_scan_keeps_nothing_and_says_why(db, seeker):
    with pytest.raises(PapersRefused) as refused:
        save(seeker, PASSPORT, data=FAKE_PDF)
    assert [p.code for p in refused.value.problems] == ["NOT_ALLOWED_TYPE"]
    assert db.session.scalar(select(Document)) is None
    assert db.session.get(SeekerProfile, seeker.id).passport_hash is None


def test_a_coordinator_verifies_a_document_and_the_seeker_is_told_in_their_language(db, seeker, coordinator):
    doc = make_document(seeker, "bpjs")
    documents.verify_document(doc, actor(coordinator))
    assert db.session.get(Document, doc.id).status == "verified"
    note = db.session.scalar(select(Notification))
    assert (note.kind, note.params) == ("document_verified", {"kind": "BPJS Ketenagakerjaan"})
    assert db.session.scalar(select(AuditEntry.action)) == "document_verified"


def test_a_rejected_passport_frees_its_number_for_its_real_holder(db, seeker, coordinator):
    doc = save(seeker, PASSPORT)
    documents.reject_document(doc, actor(coordinator), "This passport is not yours.")
    profile = db.session.get(SeekerProfile, seeker.id)
    assert (profile.passport_hash, profile.passport_encrypted) == (None, None)
    note = db.session.scalar(select(Notification))
    assert (note.kind, note.params["reason"]) == ("document_rejected", "This passport is not yours.")
    audit = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "document_rejected"))
    assert audit.details == {"seeker_id": seeker.id, "kind": "passport", "reason": "This passport is not yours."}
    holder = profile_of(make_user("seeker"))
    save(holder, PASSPORT)


def test_the_queue_is_oldest_submission_first(db, seeker):
    later = make_document(seeker, "bpjs", submitted_at=datetime(2025, 9, 3))
    first = make_document(seeker, "passport", submitted_at=datetime(2025, 9, 1))
    make_document(seeker, "marital_status", submitted_at=datetime(2025, 8, 1), status="verified")
    rows, waiting = documents.pending_documents()
    assert [d.id for d in rows] == [first.id, later.id] and waiting == 2
    assert documents.next_pending_document() == first.id


def test_only_the_kinds_a_seeker_provides_can_be_uploaded_here(db, seeker):
    with pytest.raises(ValueError):
        save(seeker, DocumentEntry("work_visa", issued_on=date(2025, 1, 1)))
