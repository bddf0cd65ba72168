"""A seeker's certificates and documents through the real pages: uploads, refusals, ownership."""
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.models import Certification, Document, SeekerProfile
from tests.factories import make_user
from tests.services.helpers_papers import FAKE_PDF, PDF, make_certification, make_document, profile_of


@pytest.fixture
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def certificate_form(data=PDF, name="sertifikat.pdf", **overrides):
    form = {"scheme_code": "SKK-CPMI", "number": "BNSP-2024-0042", "issuer": "LSP Las Bangka",
            "issued_on": "2024-03-01", "expires_on": "2027-03-01", "scan": (io.BytesIO(data), name)}
    return {**form, **overrides}


def test_a_seeker_uploads_a_tiny_valid_pdf_and_sees_the_certificate_waiting(english, login_as, db):
    login_as("seeker")
    response = english.post("/seeker/papers/certifications/new", data=certificate_form(),
                            content_type="multipart/form-data")
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/papers")
    page = english.get("/seeker/papers").get_data(as_text=True)
    assert "BNSP-2024-0042" in page and "Waiting for verification" in page and "Remove" in page
    cert = db.session.scalar(select(Certification))
    assert (cert.status, cert.issuer) == ("pending", "LSP Las Bangka")


@pytest.mark.parametrize("data, message", [
    (FAKE_PDF, "Only PDF, JPEG or PNG files are accepted."),
    (b"", "The file is empty."),
    (PDF[:-7], "The file seems damaged or incomplete."),
    (PDF + b" " * (5 * 1024 * 1024), "The file is larger than 5 MB."),
])
def test_a_refused_upload_says_why_and_keeps_what_was_typed(english, login_as, db, data, message):
    login_as("seeker")
    response = english.post("/seeker/papers/certifications/new", data=certificate_form(data=data),
                            content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert 'value="BNSP-2024-0042"' in page and 'value="LSP Las Bangka"' in page and 'value="2024-03-01"' in page
    assert '<option selected value="SKK-CPMI">' in page
    assert "Please choose the file again." in page
    assert db.session.scalar(select(Certification)) is None


def test_a_certificate_without_a_scan_is_refused(english, login_as, db):
    login_as("seeker")
    form = certificate_form()
    del form["scan"]
    response = english.post("/seeker/papers/certifications/new", data=form, content_type="multipart/form-data")
    assert "Choose the file to upload." in response.get_data(as_text=True)


def test_a_pending_certificate_can_be_removed_but_a_verified_one_cannot(english, login_as, db):
    user_id = login_as("seeker")
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user_id))
    pending, verified = make_certification(profile, number="P-1"), make_certification(profile, number="V-1",
                                                                                      status="verified")
    page = english.get("/seeker/papers").get_data(as_text=True)
    assert f"/seeker/papers/certifications/{pending.id}/delete" in page
    assert f"/seeker/papers/certifications/{verified.id}/delete" not in page
    english.post(f"/seeker/papers/certifications/{pending.id}/delete")
    refused = english.post(f"/seeker/papers/certifications/{verified.id}/delete", follow_redirects=True)
    assert "stays on your record" in refused.get_data(as_text=True)
    assert [c.number for c in db.session.scalars(select(Certification))] == ["V-1"]


def test_seeker_b_gets_404_on_a_s_certificate_and_files(client, login_as, db):
    owner = profile_of(make_user("seeker"))
    cert = make_certification(owner)
    doc = make_document(owner)
    login_as("seeker")
    assert client.post(f"/seeker/papers/certifications/{cert.id}/delete").status_code == 404
    assert client.get(f"/seeker/files/{cert.upload_id}").status_code == 404
    assert client.get(f"/seeker/files/{doc.upload_id}").status_code == 404
    assert db.session.get(Certification, cert.id) is not None


@pytest.mark.parametrize("role", ["employer", "officer"])
def test_employers_and_officers_never_see_a_seekers_papers_or_files(client, login_as, db, role):
    owner = profile_of(make_user("seeker"))
    cert = make_certification(owner)
    login_as(role)
    for url in ("/seeker/papers", f"/seeker/files/{cert.upload_id}", "/seeker/papers/documents/passport"):
        assert client.get(url).status_code == 403
    assert client.post(f"/seeker/papers/certifications/{cert.id}/delete").status_code == 403


def test_the_owner_downloads_their_scan_as_an_attachment_that_cannot_run(client, login_as, db):
    user_id = login_as("seeker")
    cert = make_certification(db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user_id)))
    response = client.get(f"/seeker/files/{cert.upload_id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")


def passport_form(number="e 123 4567", data=PDF):
    return {"number": number, "issued_on": "2024-05-01", "expires_on": "2034-05-01",
            "scan": (io.BytesIO(data), "paspor.pdf")}


def test_a_seeker_adds_a_passport_and_sees_its_number(english, login_as, db):
    login_as("seeker")
    response = english.post("/seeker/papers/documents/passport", data=passport_form(),
                            content_type="multipart/form-data")
    assert response.status_code == 302
    page = english.get("/seeker/papers").get_data(as_text=True)
    assert "E1234567" in page and "Replace" in page


def test_a_taken_passport_number_is_refused_clearly_and_the_form_is_kept(english, login_as, db):
    login_as("seeker")
    english.post("/seeker/papers/documents/passport", data=passport_form(), content_type="multipart/form-data")
    english.post("/auth/logout")
    login_as("seeker")
    response = english.post("/seeker/papers/documents/passport", data=passport_form("E1234567"),
                            content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This passport number is already registered to another account" in page
    assert 'value="E1234567"' in page and 'value="2034-05-01"' in page
    assert len(db.session.scalars(select(Document)).all()) == 1


def test_a_badly_formed_passport_number_is_refused(english, login_as, db):
    login_as("seeker")
    response = english.post("/seeker/papers/documents/passport", data=passport_form("E12"),
                            content_type="multipart/form-data")
    assert "A passport number has 6 to 9 letters and digits" in response.get_data(as_text=True)


def test_replacing_a_verified_document_sets_it_back_to_waiting(english, login_as, db):
    user_id = login_as("seeker")
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user_id))
    doc = make_document(profile, "health_certificate", status="verified")
    form = english.get("/seeker/papers/documents/health_certificate").get_data(as_text=True)
    assert "A new upload replaces it" in form
    response = english.post("/seeker/papers/documents/health_certificate",
                            data={"issued_on": "2025-09-01", "scan": (io.BytesIO(PDF), "mcu.pdf")},
                            content_type="multipart/form-data")
    assert response.status_code == 302
    doc = db.session.get(Document, doc.id)
    assert (doc.status, doc.issued_on) == ("pending", date(2025, 9, 1))


def test_each_document_form_asks_only_for_what_that_document_has(english, login_as):
    login_as("seeker")
    letter = english.get("/seeker/papers/documents/family_permission").get_data(as_text=True)
    assert 'name="issued_on"' in letter and 'name="number"' not in letter and 'name="expires_on"' not in letter
    bpjs = english.get("/seeker/papers/documents/bpjs").get_data(as_text=True)
    assert 'name="number"' in bpjs and "BPJS Ketenagakerjaan membership number" in bpjs


@pytest.mark.parametrize("kind", ["work_visa", "employment_contract", "nonsense"])
def test_documents_that_come_with_a_placement_are_not_uploaded_here(client, login_as, kind):
    login_as("seeker")
    assert client.get(f"/seeker/papers/documents/{kind}").status_code == 404
