"""A seeker's data rights through the pages: consents, a copy of their data, asking to be erased."""
import json

import pytest
from sqlalchemy import select

from app.models import ErasureRequest, SeekerProfile, User
from app.security.crypto import decrypt
from app.services import consents, erasure
from app.services.audit import Actor
from tests.factories import make_user
from tests.services.helpers_privacy import make_placement


@pytest.fixture
def me(db, login_as):
    """The logged-in seeker's profile id (reading the pages in English)."""
    user_id = login_as("seeker", locale="en")
    return db.session.scalar(select(SeekerProfile.id).where(SeekerProfile.user_id == user_id))


@pytest.fixture
def other(db):
    return make_user("seeker").seeker.id


def test_the_page_shows_each_purpose_with_when_it_was_given(client, me):
    page = client.get("/seeker/privacy").get_data(as_text=True)
    for words in ("Matching and being shown to verified employers", "Sharing placement status with Immigration",
                  "Contact by partner employers", "Download my data", "Delete my account"):
        assert words in page
    assert page.count("Withdraw consent") == 1 and page.count("Give consent") == 2


def test_withdrawing_then_giving_matching_consent_through_the_page(client, db, me):
    response = client.post("/seeker/privacy/consent", data={"purpose": "matching", "action": "withdraw"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/privacy#consent-matching")
    assert not consents.has_consent(me, "matching")
    client.post("/seeker/privacy/consent", data={"purpose": "matching", "action": "grant"})
    assert consents.has_consent(me, "matching")
    assert len(consents.consent_history(me)) == 2


@pytest.mark.parametrize("data", [{}, {"purpose": "guardian", "action": "withdraw"},
                                  {"purpose": "matching", "action": "delete"}])
def test_an_unknown_purpose_or_action_changes_nothing(client, me, data):
    response = client.post("/seeker/privacy/consent", data=data)
    assert response.status_code == 302
    assert consents.has_consent(me, "matching")
    assert "Choose a consent" in client.get("/seeker/privacy").get_data(as_text=True)


def test_the_export_is_a_json_attachment_that_is_not_cached(client, db, me):
    response = client.get("/seeker/privacy/export")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="jembatan-my-data-')
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["id"] == me
    assert data["profile"]["nik"] == decrypt(db.session.get(SeekerProfile, me).nik_encrypted)


def test_a_seeker_cannot_export_another_seekers_data_by_naming_them(client, db, me, other):
    response = client.get(f"/seeker/privacy/export?seeker_id={other}&id={other}")
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["id"] == me
    assert decrypt(db.session.get(SeekerProfile, other).nik_encrypted) not in response.get_data(as_text=True)


def test_a_placement_in_progress_is_named_and_blocks_the_request(client, db, me):
    placement = make_placement(db.session.get(SeekerProfile, me), "interview")
    response = client.post("/seeker/privacy/erase", data={"confirm": "y"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Close your applications first" in page and placement.opening.title in page
    assert db.session.scalar(select(ErasureRequest)) is None


def test_the_request_needs_the_box_ticked(client, db, me):
    response = client.post("/seeker/privacy/erase", data={})
    assert response.status_code == 200 and "Tick the box to confirm" in response.get_data(as_text=True)
    assert db.session.scalar(select(ErasureRequest)) is None


def test_asking_to_be_erased_files_a_request_for_the_seeker_only(client, db, me, other):
    response = client.post("/seeker/privacy/erase", data={"confirm": "y", "seeker_id": other},
                           follow_redirects=True)
    assert "being handled" in response.get_data(as_text=True)
    assert [(r.seeker_id, r.status) for r in db.session.scalars(select(ErasureRequest))] == [(me, "requested")]


def test_once_erased_the_seeker_is_logged_out_for_good(client, db, me, make_user):
    client.post("/seeker/privacy/erase", data={"confirm": "y"})
    coordinator = make_user("coordinator")
    erasure.decide(db.session.scalar(select(ErasureRequest)), erasure.Decision(confirm=True),
                   Actor(coordinator.id, f"coordinator:{coordinator.id}"))
    response = client.get("/seeker/privacy")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert db.session.scalar(select(User.is_enabled).where(User.role == "seeker")) is False
