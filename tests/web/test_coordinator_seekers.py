"""Coordinators through the pages: finding seekers, reading a record (audited), deciding erasure requests."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AnonymousRecord, AuditEntry, ErasureRequest, Notification, SeekerProfile
from app.security.crypto import encrypt, keyed_hash
from app.services import erasure
from app.services.audit import Actor
from tests.factories import make_seeker_profile, make_user, nik_for
from tests.services.helpers_privacy import make_certification, make_placement

SITI_NIK = nik_for(date(2001, 8, 9), "F", 7)


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator", locale="en")


@pytest.fixture
def siti(db):
    seeker = make_user("seeker", email="siti@example.com").seeker
    for column, value in {"full_name": "Siti Rahmawati", "gender": "F", "birth_date": date(2001, 8, 9),
                          "nik_encrypted": encrypt(SITI_NIK), "nik_hash": keyed_hash(SITI_NIK, "nik"),
                          "education_code": "SMK", "phone": "+6281234567890"}.items():
        setattr(seeker, column, value)
    db.session.commit()
    make_certification(seeker, "LSP-CAREGIVER", "verified")
    make_seeker_profile(full_name="Budi Santoso", education_code="SMA")
    return seeker


def test_the_list_shows_masked_niks_never_whole_ones(client, coordinator, siti):
    page = client.get("/coordinator/seekers").get_data(as_text=True)
    assert "Siti Rahmawati" in page and "Budi Santoso" in page
    assert SITI_NIK[:4] + "********" + SITI_NIK[-4:] in page and SITI_NIK not in page


@pytest.mark.parametrize("query, shown, hidden", [
    ("name=rahma", "Siti Rahmawati", "Budi Santoso"),
    (f"nik={SITI_NIK}", "Siti Rahmawati", "Budi Santoso"),
    ("education=SMA", "Budi Santoso", "Siti Rahmawati"),
    ("scheme=LSP-CAREGIVER&status=verified", "Siti Rahmawati", "Budi Santoso"),
    ("kelurahan=19.71.01.1006", None, "Siti Rahmawati"),
])
def test_filters_from_the_address_bar(client, coordinator, siti, query, shown, hidden):
    page = client.get(f"/coordinator/seekers?{query}").get_data(as_text=True)
    assert (shown is None or shown in page) and hidden not in page


def test_part_of_a_nik_is_explained_rather_than_searched(client, db, coordinator, siti):
    response = client.get("/coordinator/seekers?nik=197101")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "part of a NIK cannot be searched" in page
    assert "Siti Rahmawati" not in page
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seekers_searched")) is None


def test_the_record_shows_the_whole_nik_and_its_reading_is_audited(client, db, coordinator, siti):
    page = client.get(f"/coordinator/seekers/{siti.id}").get_data(as_text=True)
    assert SITI_NIK in page and "+6281234567890" in page and "LSP-CAREGIVER" in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_viewed"))
    assert (entry.object_id, entry.actor_id) == (str(siti.id), coordinator)
    assert SITI_NIK not in str(entry.details)


def test_an_unknown_or_erased_seeker_has_no_record_page(client, db, coordinator, siti):
    assert client.get("/coordinator/seekers/987654").status_code == 404
    siti.erased_at = date(2025, 1, 1)
    db.session.commit()
    assert client.get(f"/coordinator/seekers/{siti.id}").status_code == 404


@pytest.fixture
def asked(db, siti):
    return erasure.request_erasure(siti, Actor.system("test"))


def test_open_requests_are_listed_with_what_blocks_them(client, db, coordinator, siti, asked):
    placement = make_placement(siti, "offered")
    page = client.get("/coordinator/erasures").get_data(as_text=True)
    assert "Siti Rahmawati" in page and placement.opening.title in page


def test_confirming_erases_and_keeps_an_anonymous_record(client, db, coordinator, siti, asked):
    response = client.post(f"/coordinator/erasures/{asked.id}/decide", data={f"r{asked.id}-decision": "confirm"})
    assert response.status_code == 302
    profile = db.session.get(SeekerProfile, siti.id)
    assert profile.erased_at is not None and profile.full_name == "" and profile.nik_hash is None
    assert db.session.scalar(select(AnonymousRecord.outcome)) == "registered"
    assert "Siti Rahmawati" not in client.get("/coordinator/seekers").get_data(as_text=True)


def test_refusing_needs_a_note_which_the_seeker_then_receives(client, db, coordinator, siti, asked):
    field = f"r{asked.id}-"
    response = client.post(f"/coordinator/erasures/{asked.id}/decide", data={field + "decision": "refuse"})
    assert response.status_code == 200 and "Write why you refuse" in response.get_data(as_text=True)
    assert db.session.get(ErasureRequest, asked.id).status == "requested"
    client.post(f"/coordinator/erasures/{asked.id}/decide",
                data={field + "decision": "refuse", field + "note": "A case about you is still open."})
    assert db.session.get(ErasureRequest, asked.id).status == "refused"
    assert db.session.scalar(select(Notification.params))["reason"] == "A case about you is still open."


def test_a_confirmation_is_refused_while_a_placement_is_in_progress(client, db, coordinator, siti, asked):
    placement = make_placement(siti, "accepted")
    response = client.post(f"/coordinator/erasures/{asked.id}/decide", data={f"r{asked.id}-decision": "confirm"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "still has applications in progress" in page
    assert placement.opening.title in page
    assert db.session.get(SeekerProfile, siti.id).erased_at is None


def test_deciding_an_unknown_request_is_not_found(client, coordinator):
    assert client.post("/coordinator/erasures/424242/decide", data={"r424242-decision": "confirm"}).status_code == 404
