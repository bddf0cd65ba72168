"""Coordinator pages for openings: the queue, the review with every legality check, and the decisions."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry
from tests.factories import make_employer, make_user
from tests.services.helpers_openings import make_opening

EN = {"Accept-Language": "en"}
CHECK_TITLES = (
    "Employer verified", "Partner-city agreement in force", "Destination allowed for this sector",
    "Monthly wage stated and above zero", "No placement fee charged to the worker", "Age range lawful (18 or older)",
    "At least one competency certification required", "Contract contents required by law complete",
)


@pytest.fixture
def employer(db):
    return make_employer()


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator")


def review(client, opening) -> str:
    return client.get(f"/coordinator/openings/{opening.id}", headers=EN).get_data(as_text=True)


def test_the_queue_lists_submitted_openings_first_and_filters_by_status(client, db, coordinator, employer):
    approved = make_opening(employer, status="approved", title="Cook in Busan")
    waiting = make_opening(employer, status="submitted", title="Welder in Osaka")
    waiting.updated_at = approved.updated_at - timedelta(days=3)
    db.session.commit()
    page = client.get("/coordinator/openings", headers=EN).get_data(as_text=True)
    assert page.index("Welder in Osaka") < page.index("Cook in Busan")
    only_approved = client.get("/coordinator/openings?status=approved", headers=EN).get_data(as_text=True)
    assert "Cook in Busan" in only_approved and "Welder in Osaka" not in only_approved


def test_the_review_page_shows_every_check_with_its_result_in_words(client, coordinator, employer):
    page = review(client, make_opening(employer, status="submitted"))
    for title in CHECK_TITLES:
        assert title in page
    assert page.count("check check-pass") == 8
    assert "Every check passes." in page and "Approve and publish" in page


def test_approving_publishes_the_opening_with_a_code(client, db, coordinator, employer):
    opening = make_opening(employer, status="submitted")
    response = client.post(f"/coordinator/openings/{opening.id}/approve", headers=EN, follow_redirects=True)
    db.session.refresh(opening)
    assert opening.status == "approved" and opening.code
    page = response.get_data(as_text=True)
    assert f"verification code {opening.code}" in page and f"/openings/{opening.code}" in page


@pytest.mark.parametrize("country, sector", [("MM", "manufacturing"), ("SA", "domestic-work")])
def test_a_blocked_destination_cannot_be_approved_and_the_page_says_why(client, db, coordinator, employer,
                                                                        country, sector):
    opening = make_opening(employer, status="submitted", country_code=country, sector_code=sector)
    page = review(client, opening)
    assert "is blocked for this sector" in page and "can never be approved" in page
    assert "This opening cannot be approved as it stands." in page and "Approve and publish" not in page
    forged = client.post(f"/coordinator/openings/{opening.id}/approve", headers=EN,
                         data={"justification": "Approved anyway"}).get_data(as_text=True)
    assert "some legality checks fail" in forged and "is blocked for this sector" in forged
    db.session.refresh(opening)
    assert (opening.status, opening.code) == ("submitted", None)


def test_a_caution_destination_is_approved_only_with_a_justification_shown_on_the_record(client, db, coordinator,
                                                                                          employer):
    opening = make_opening(employer, status="submitted", country_code="LA")
    page = review(client, opening)
    assert "needs caution" in page and "Justification for a caution destination" in page
    client.post(f"/coordinator/openings/{opening.id}/approve", data={"justification": ""})
    db.session.refresh(opening)
    assert opening.status == "submitted"
    client.post(f"/coordinator/openings/{opening.id}/approve",
                data={"justification": "Pilot agreed with the Laos labour ministry."})
    db.session.refresh(opening)
    assert opening.status == "approved"
    assert "Pilot agreed with the Laos labour ministry." in review(client, opening)


def test_a_worker_fee_is_shown_as_a_failed_check(client, coordinator, employer):
    page = review(client, make_opening(employer, status="submitted", worker_costs_idr=1))
    assert "The worker would pay" in page and "It must be 0." in page
    assert page.count("check check-fail") == 1


def test_requesting_changes_needs_reasons_and_sends_them_to_the_employer(client, db, coordinator, employer):
    opening = make_opening(employer, status="submitted")
    page = client.post(f"/coordinator/openings/{opening.id}/request-changes", data={"reasons": " "},
                       headers=EN).get_data(as_text=True)
    assert "Say what must change" in page
    db.session.refresh(opening)
    assert opening.status == "submitted"
    client.post(f"/coordinator/openings/{opening.id}/request-changes", data={"reasons": "Name the insurer."})
    db.session.refresh(opening)
    assert (opening.status, opening.review_notes) == ("changes_requested", "Name the insurer.")


def test_a_coordinator_can_close_any_opening(client, db, coordinator, employer):
    opening = make_opening(employer, status="approved")
    client.post(f"/coordinator/openings/{opening.id}/close", data={"reason": "filled"})
    db.session.refresh(opening)
    assert (opening.status, opening.closed_reason) == ("closed", "filled")


def test_every_decision_is_in_the_history(client, db, coordinator, employer):
    opening = make_opening(employer, status="submitted")
    client.post(f"/coordinator/openings/{opening.id}/approve")
    client.post(f"/coordinator/openings/{opening.id}/close")
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["opening_approved", "opening_closed"]
    history = review(client, opening).split('id="history-title"')[1]
    assert history.index("<strong>Closed</strong>") < history.index("<strong>Approved</strong>")


def test_an_unknown_opening_is_not_found(client, coordinator):
    assert client.get("/coordinator/openings/999999").status_code == 404
    assert client.post("/coordinator/openings/999999/approve").status_code == 404


def test_employers_cannot_review(client, login_as, employer):
    login_as(make_user("employer", employer=employer))
    opening = make_opening(employer, status="submitted")
    assert client.post(f"/coordinator/openings/{opening.id}/approve").status_code == 403
