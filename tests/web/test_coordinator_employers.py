"""Coordinator pages for employers: the list by status, the record, and the decisions."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Employer, Opening
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_partners import make_opening


@pytest.fixture
def coordinator(db, login_as):
    return login_as("coordinator", locale="en")


def test_the_list_shows_employers_by_status_with_their_badges(client, db, coordinator):
    make_employer(legal_name="Waiting Co", status="pending")
    make_employer(legal_name="Trusted Co", status="verified", is_demo=True)
    pending = client.get("/coordinator/employers").get_data(as_text=True)
    assert "Waiting Co" in pending and "Trusted Co" not in pending
    verified = client.get("/coordinator/employers?status=verified").get_data(as_text=True)
    assert "Trusted Co" in verified and "Waiting Co" not in verified
    assert 'badge badge-success">Verified' in verified and "Demo data" in verified
    everyone = client.get("/coordinator/employers?status=all").get_data(as_text=True)
    assert "Trusted Co" in everyone and "Waiting Co" in everyone


def test_the_record_shows_the_organisation_and_its_users_and_the_look_up_is_audited(client, db, coordinator):
    org = make_employer(legal_name="Hibiki Care", status="pending", registration_number="REG-77")
    make_user("employer", employer=org, display_name="Haruka Sato")
    page = client.get(f"/coordinator/employers/{org.id}").get_data(as_text=True)
    assert "Hibiki Care" in page and "REG-77" in page and "Haruka Sato" in page
    assert "Verify the organisation" in page and "Waiting for verification" in page
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "employer_record_viewed"))


def test_verifying_from_the_record_shows_the_verified_badge(client, db, coordinator):
    org = make_employer(status="pending")
    response = client.post(f"/coordinator/employers/{org.id}/verify")
    assert response.status_code == 302
    assert db.session.get(Employer, org.id).status == "verified"
    page = client.get(f"/coordinator/employers/{org.id}").get_data(as_text=True)
    assert 'badge badge-success">Verified' in page and "is verified" in page


@pytest.mark.parametrize(("status", "decision"), [("pending", "reject"), ("verified", "suspend")])
def test_rejecting_or_suspending_without_a_reason_is_refused_on_the_record(client, db, coordinator, status, decision):
    org = make_employer(status=status)
    response = client.post(f"/coordinator/employers/{org.id}/{decision}", data={"reason": "  "})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Say why" in page
    assert db.session.get(Employer, org.id).status == status


def test_rejecting_with_a_reason_records_it_and_shows_it(client, db, coordinator):
    org = make_employer(status="pending")
    client.post(f"/coordinator/employers/{org.id}/reject", data={"reason": "No registration found."})
    assert db.session.get(Employer, org.id).status == "rejected"
    page = client.get(f"/coordinator/employers/{org.id}").get_data(as_text=True)
    assert "No registration found." in page and 'badge badge-danger">Rejected' in page


def test_suspending_closes_the_openings_and_reinstating_says_they_stay_closed(client, db, coordinator):
    org = make_employer()
    opening = make_opening(org, status="approved")
    client.post(f"/coordinator/employers/{org.id}/suspend", data={"reason": "Unpaid wages reported."})
    assert db.session.get(Opening, opening.id).status == "closed"
    page = client.get(f"/coordinator/employers/{org.id}").get_data(as_text=True)
    assert "It does not reopen the openings the suspension closed" in page
    client.post(f"/coordinator/employers/{org.id}/reinstate")
    db.session.expire_all()
    assert db.session.get(Employer, org.id).status == "verified"
    assert db.session.get(Opening, opening.id).status == "closed"


def test_a_decision_from_the_wrong_status_is_explained(client, db, coordinator):
    org = make_employer(status="verified")
    response = client.post(f"/coordinator/employers/{org.id}/reinstate", follow_redirects=True)
    assert "cannot be done while the organisation has this status" in response.get_data(as_text=True)


def test_an_employer_under_an_expired_agreement_is_shown_as_unable_to_submit(client, db, coordinator):
    org = make_employer(make_partner_city(agreement_expires_on=date(2025, 6, 1)))
    assert "Cannot submit openings" in client.get(f"/coordinator/employers/{org.id}").get_data(as_text=True)


def test_an_unknown_employer_is_not_found(client, db, coordinator):
    assert client.get("/coordinator/employers/999999").status_code == 404
    assert client.post("/coordinator/employers/999999/verify").status_code == 404
