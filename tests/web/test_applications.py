"""Applications through the real pages: apply, follow, withdraw; employers' cards; coordinators' placements."""
import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import Consent, Placement
from app.security.crypto import decrypt
from tests.factories import make_employer, make_user
from tests.services.helpers_applications import make_opening, make_placement, reload, seeker_user


@pytest.fixture
def employer(db):
    return make_user("employer")


@pytest.fixture
def opening(employer):
    return make_opening(employer=employer.employer, title="Caregiver in Toyama")


def test_a_seeker_applies_from_the_apply_page_and_follows_the_application(client, login_as, opening):
    seeker = seeker_user()
    login_as(seeker)
    page = client.get(f"/seeker/openings/{opening.id}/apply").get_data(as_text=True)
    assert "Caregiver in Toyama" in page and "Bukit Intan" in page   # the card the employer will see
    response = client.post(f"/seeker/openings/{opening.id}/apply")
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/applications")
    placement = _db.session.scalar(select(Placement).where(Placement.seeker_id == seeker.seeker.id))
    assert placement.stage == "applied"
    listing = client.get("/seeker/applications").get_data(as_text=True)
    assert "Caregiver in Toyama" in listing and f'id="placement-{placement.id}"' in listing


def test_a_refusal_is_explained_on_the_apply_page_and_nothing_is_created(client, login_as, opening):
    seeker = seeker_user()
    for consent in seeker.seeker.consents:
        _db.session.delete(consent)
    _db.session.commit()
    login_as(seeker)
    client.post("/language", data={"locale": "en"})
    response = client.post(f"/seeker/openings/{opening.id}/apply")
    assert response.status_code == 200
    assert "You have not agreed to be matched with employers." in response.get_data(as_text=True)
    assert _db.session.scalar(select(Placement)) is None
    assert "Send my application" not in client.get(f"/seeker/openings/{opening.id}/apply").get_data(as_text=True)


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "closed"])
def test_an_opening_that_is_not_public_cannot_be_applied_to(client, login_as, employer, status):
    hidden = make_opening(employer=employer.employer, status=status, code=None)
    login_as(seeker_user())
    assert client.get(f"/seeker/openings/{hidden.id}/apply").status_code == 404
    assert client.post(f"/seeker/openings/{hidden.id}/apply").status_code == 404


def test_the_seeker_withdraws_with_a_reason(client, login_as, opening):
    seeker = seeker_user()
    placement = make_placement(seeker.seeker, opening)
    login_as(seeker)
    client.post(f"/seeker/applications/{placement.id}/withdraw", data={"version": 1})
    assert reload(Placement, placement.id).stage == "applied"   # no reason: refused
    client.post(f"/seeker/applications/{placement.id}/withdraw",
                data={"version": 1, "reason_code": "found_other_work"})
    assert reload(Placement, placement.id).stage == "withdrawn"


def test_seeker_b_cannot_withdraw_seeker_as_application(client, login_as, opening):
    owner = seeker_user()
    placement = make_placement(owner.seeker, opening)
    login_as(seeker_user())
    response = client.post(f"/seeker/applications/{placement.id}/withdraw",
                           data={"version": 1, "reason_code": "family"})
    assert response.status_code == 404
    assert client.post(f"/seeker/applications/{placement.id}/accept", data={"version": 1}).status_code == 404
    assert reload(Placement, placement.id).stage == "applied"
    assert f"placement-{placement.id}" not in client.get("/seeker/applications").get_data(as_text=True)


def test_the_employer_sees_cards_without_names_before_shortlisting_and_with_them_after(
        client, login_as, employer, opening):
    seeker = seeker_user(full_name="Rina Melati", phone="+6281234567890")
    seeker.seeker.consents.append(Consent(purpose="employer_contact"))
    _db.session.commit()
    nik = decrypt(seeker.seeker.nik_encrypted)
    placement = make_placement(seeker.seeker, opening)
    login_as(employer)
    before = client.get(f"/employer/openings/{opening.id}/applicants").get_data(as_text=True)
    detail = client.get(f"/employer/applicants/{placement.id}").get_data(as_text=True)
    for page in (before, detail):
        assert "Rina Melati" not in page and "+6281234567890" not in page and nik not in page
        assert "Semabung Lama" not in page and "Bukit Intan" in page
    response = client.post(f"/employer/applicants/{placement.id}/move", data={"to_stage": "shortlisted", "version": 1})
    assert response.status_code == 302
    after = client.get(f"/employer/openings/{opening.id}/applicants").get_data(as_text=True)
    assert "Rina Melati" in after and "+6281234567890" not in after
    detail = client.get(f"/employer/applicants/{placement.id}").get_data(as_text=True)
    assert "Rina Melati" in detail and "+6281234567890" in detail and nik not in detail


def test_the_employer_rejects_with_a_reason_and_a_stale_page_is_refused(client, login_as, employer, opening):
    placement = make_placement(seeker_user().seeker, opening)
    login_as(employer)
    client.post(f"/employer/applicants/{placement.id}/move", data={"to_stage": "shortlisted", "version": 1})
    stale = client.post(f"/employer/applicants/{placement.id}/move",
                        data={"to_stage": "rejected", "reason_code": "not_selected", "version": 1},
                        follow_redirects=True)
    assert reload(Placement, placement.id).stage == "shortlisted"
    assert "flash-warning" in stale.get_data(as_text=True)
    client.post(f"/employer/applicants/{placement.id}/move",
                data={"to_stage": "rejected", "reason_code": "not_selected", "version": 2})
    stored = reload(Placement, placement.id)
    assert (stored.stage, stored.closed_reason) == ("rejected", "not_selected")


def test_an_employer_of_another_organisation_gets_404_on_every_id(client, login_as, opening):
    placement = make_placement(seeker_user().seeker, opening, "shortlisted")
    login_as(make_user("employer", employer=make_employer()))
    assert client.get(f"/employer/openings/{opening.id}/applicants").status_code == 404
    assert client.get(f"/employer/applicants/{placement.id}").status_code == 404
    moved = client.post(f"/employer/applicants/{placement.id}/move", data={"to_stage": "interview", "version": 2})
    assert moved.status_code == 404
    assert reload(Placement, placement.id).stage == "shortlisted"


def test_an_employer_cannot_make_a_coordinators_move(client, login_as, employer, opening):
    placement = make_placement(seeker_user().seeker, opening, "accepted")
    login_as(employer)
    page = client.post(f"/employer/applicants/{placement.id}/move",
                       data={"to_stage": "contract_signed", "version": 1}, follow_redirects=True)
    assert "flash-error" in page.get_data(as_text=True)
    assert reload(Placement, placement.id).stage == "accepted"


def test_a_coordinator_filters_placements_and_moves_one_with_its_history_shown(client, login_as, opening):
    seeker = seeker_user(full_name="Dewi Lestari")
    placement = make_placement(seeker.seeker, opening, "accepted")
    make_placement(seeker_user(full_name="Budi Santoso").seeker, opening, "applied")
    login_as("coordinator")
    listing = client.get("/coordinator/placements?stage=accepted").get_data(as_text=True)
    assert "Dewi Lestari" in listing and "Budi Santoso" not in listing
    client.post(f"/coordinator/placements/{placement.id}/move",
                data={"to_stage": "contract_signed", "version": 1, "note": "Signed at Disnaker"})
    detail = client.get(f"/coordinator/placements/{placement.id}").get_data(as_text=True)
    assert "Signed at Disnaker" in detail
    assert reload(Placement, placement.id).stage == "contract_signed"


def test_a_coordinator_cannot_record_a_departure_before_the_checklist_is_verified(client, login_as, opening):
    placement = make_placement(seeker_user().seeker, opening, "documents_verified")
    login_as("coordinator")
    client.post(f"/coordinator/placements/{placement.id}/move", data={"to_stage": "departed", "version": 1})
    assert reload(Placement, placement.id).stage == "documents_verified"
