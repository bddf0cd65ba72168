"""The coordinator's verification queues: oldest first, the scan beside the data, decisions told and audited."""
from datetime import datetime

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Certification, Document, Notification
from tests.factories import make_user
from tests.services.helpers_papers import PDF, PNG, make_certification, make_document, profile_of


@pytest.fixture
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def seeker(db):
    return profile_of(make_user("seeker"))


def audit_actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_both_queues_list_pending_items_oldest_first(english, login_as, db, seeker):
    make_certification(seeker, number="SECOND", created_at=datetime(2025, 9, 2))
    make_certification(seeker, number="FIRST", created_at=datetime(2025, 9, 1))
    make_certification(seeker, number="DONE", created_at=datetime(2025, 8, 1), status="verified")
    make_document(seeker, "bpjs", submitted_at=datetime(2025, 9, 5))
    make_document(seeker, "marital_status", submitted_at=datetime(2025, 9, 4))
    login_as("coordinator")
    page = english.get("/coordinator/verification").get_data(as_text=True)
    assert page.index("FIRST") < page.index("SECOND") and "DONE" not in page
    assert page.index("Marital status letter") < page.index("BPJS Ketenagakerjaan")


def test_a_picture_scan_is_shown_beside_the_entered_data(english, login_as, db, seeker):
    cert = make_certification(seeker, number="BNSP-555", data=PNG)
    login_as("coordinator")
    page = english.get(f"/coordinator/verification/certifications/{cert.id}").get_data(as_text=True)
    assert f'<img class="scan-image" src="/coordinator/files/{cert.upload_id}"' in page
    assert "BNSP-555" in page and seeker.full_name in page
    assert "certification_viewed" in audit_actions(db)


def test_a_pdf_scan_is_offered_as_a_download(english, login_as, db, seeker):
    cert = make_certification(seeker, data=PDF)
    login_as("coordinator")
    page = english.get(f"/coordinator/verification/certifications/{cert.id}").get_data(as_text=True)
    assert "<img" not in page.split('class="review"')[1] and "Download the PDF" in page


def test_a_coordinator_verifies_and_goes_on_to_the_next_waiting_item(english, login_as, db, seeker):
    first = make_certification(seeker, number="A", created_at=datetime(2025, 9, 1))
    second = make_certification(seeker, number="B", created_at=datetime(2025, 9, 2))
    coordinator_id = login_as("coordinator")
    response = english.post(f"/coordinator/verification/certifications/{first.id}/verify")
    assert response.headers["Location"].endswith(f"/coordinator/verification/certifications/{second.id}")
    cert = db.session.get(Certification, first.id)
    assert (cert.status, cert.reviewed_by_id) == ("verified", coordinator_id)
    assert db.session.scalar(select(Notification.kind)) == "certification_verified"
    assert "certification_verified" in audit_actions(db)
    last = english.post(f"/coordinator/verification/certifications/{second.id}/verify")
    assert last.headers["Location"].endswith("/coordinator/verification")


def test_a_rejection_needs_a_reason_which_the_seeker_then_reads(english, login_as, db, seeker):
    cert = make_certification(seeker)
    login_as("coordinator")
    url = f"/coordinator/verification/certifications/{cert.id}/reject"
    empty = english.post(url, data={"reason": "  "})
    assert empty.status_code == 200 and "Say why, so the job seeker knows what to fix." in empty.get_data(as_text=True)
    assert db.session.get(Certification, cert.id).status == "pending"
    english.post(url, data={"reason": "The number differs from the scan."})
    assert db.session.get(Certification, cert.id).status == "rejected"
    note = db.session.scalar(select(Notification))
    assert (note.user_id, note.params["reason"]) == (seeker.user_id, "The number differs from the scan.")
    english.post("/auth/logout")
    login_as(seeker.user)
    assert "The number differs from the scan." in english.get("/seeker/papers").get_data(as_text=True)


def test_an_item_already_decided_is_not_decided_twice(english, login_as, db, seeker):
    cert = make_certification(seeker, status="verified")
    login_as("coordinator")
    response = english.post(f"/coordinator/verification/certifications/{cert.id}/reject",
                            data={"reason": "late"}, follow_redirects=True)
    assert "Someone else has already decided on this item." in response.get_data(as_text=True)
    assert db.session.get(Certification, cert.id).status == "verified"


def test_a_coordinator_sees_a_passport_number_in_full_and_verifies_the_document(english, login_as, db, seeker):
    from app.security.crypto import encrypt, keyed_hash
    seeker.passport_encrypted, seeker.passport_hash = encrypt("AB1234567"), keyed_hash("AB1234567", "passport")
    db.session.commit()
    doc = make_document(seeker, "passport")
    login_as("coordinator")
    page = english.get(f"/coordinator/verification/documents/{doc.id}").get_data(as_text=True)
    assert "AB1234567" in page
    english.post(f"/coordinator/verification/documents/{doc.id}/verify")
    assert db.session.get(Document, doc.id).status == "verified"
    assert audit_actions(db)[-2:] == ["document_viewed", "document_verified"]
    assert db.session.scalar(select(Notification.kind)) == "document_verified"


def test_a_document_rejection_is_told_to_the_seeker(english, login_as, db, seeker):
    doc = make_document(seeker, "opp_certificate")
    login_as("coordinator")
    english.post(f"/coordinator/verification/documents/{doc.id}/reject", data={"reason": "Not stamped."})
    assert db.session.get(Document, doc.id).status == "rejected"
    assert db.session.scalar(select(Notification.kind)) == "document_rejected"


def test_a_picture_is_shown_inline_sandboxed_and_its_viewing_is_audited(client, login_as, db, seeker):
    cert = make_certification(seeker, data=PNG)
    coordinator_id = login_as("coordinator")
    response = client.get(f"/coordinator/files/{cert.upload_id}")
    assert response.status_code == 200 and response.data == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "file_viewed"))
    assert (entry.actor_id, entry.object_id, entry.details) == (coordinator_id, str(cert.upload_id),
                                                               {"owner_id": seeker.user_id})
    download = client.get(f"/coordinator/files/{cert.upload_id}?download=1")
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_pdf_is_never_shown_inline(client, login_as, db, seeker):
    cert = make_certification(seeker, data=PDF)
    login_as("coordinator")
    response = client.get(f"/coordinator/files/{cert.upload_id}")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")


def test_a_missing_file_or_item_is_not_found(client, login_as):
    login_as("coordinator")
    assert client.get("/coordinator/files/999").status_code == 404
    assert client.get("/coordinator/verification/certifications/999").status_code == 404
    assert client.get("/coordinator/verification/documents/999").status_code == 404


@pytest.mark.parametrize("role", ["seeker", "employer", "officer"])
def test_only_coordinators_reach_the_queues_and_the_scans(client, login_as, db, seeker, role):
    cert = make_certification(seeker)
    login_as(role if role != "seeker" else seeker.user)
    for url in ("/coordinator/verification", f"/coordinator/verification/certifications/{cert.id}",
                f"/coordinator/files/{cert.upload_id}"):
        assert client.get(url).status_code == 403
    assert client.post(f"/coordinator/verification/certifications/{cert.id}/verify").status_code == 403
    assert db.session.get(Certification, cert.id).status == "pending"
