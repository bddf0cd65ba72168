"""Training through the real pages: a seeker enrols, waits or withdraws; a coordinator runs a cohort to completion."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import AuditEntry, Certification, Cohort, CohortDemand, Enrolment, TrainingProgramme
from app.services.catalogue import local_today
from tests.factories import make_partner_city, make_user
from tests.services.helpers_applications import make_opening, reload
from tests.services.helpers_training import make_cohort, make_enrolment, make_programme


def english(client) -> None:
    client.post("/language", data={"locale": "en"})


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture(autouse=True)
def _app_context(db):
    """Every test builds rows with the factories, in the test's own app context."""
    yield


@pytest.fixture
def seeker(db):
    return make_user("seeker")


# --- seekers ----------------------------------------------------------------------------------------


def test_a_seeker_finds_a_cohort_enrols_and_sees_their_place(client, login_as, seeker):
    cohort = make_cohort(make_programme(name="Caregiver for Japan"), capacity=3)
    login_as(seeker)
    english(client)
    listing = page(client, "/seeker/training")
    assert "Caregiver for Japan" in listing and "3 places left" in listing and "Enrol" in listing
    response = client.post(f"/seeker/training/{cohort.id}/enrol", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "You are enrolled." in text and "You have a place." in text and "2 places left" in text
    assert _db.session.scalar(select(Enrolment.status)) == "enrolled"


def test_a_seeker_joining_a_full_cohort_is_told_their_place_on_the_waiting_list(client, login_as, seeker):
    cohort = make_cohort(capacity=1)
    make_enrolment(cohort, make_user("seeker").seeker)
    login_as(seeker)
    english(client)
    assert "Join the waiting list" in page(client, "/seeker/training")
    text = client.post(f"/seeker/training/{cohort.id}/enrol", follow_redirects=True).get_data(as_text=True)
    assert "You are number 1 on the waiting list" in text


def test_the_matchers_link_shows_only_training_for_that_scheme(client, login_as, seeker):
    make_cohort(make_programme(name="Welding SMAW", scheme_code="SKKNI-SMAW"))
    make_cohort(make_programme(name="Caregiver"))
    login_as(seeker)
    filtered = page(client, "/seeker/training?scheme=SKKNI-SMAW")
    assert "Welding SMAW" in filtered and "Caregiver" not in filtered.split('id="upcoming-title"')[1]
    everything = page(client, "/seeker/training?scheme=NO-SUCH-SCHEME")
    assert "Welding SMAW" in everything and "Caregiver" in everything


def test_a_planned_cohort_is_shown_but_cannot_be_joined_yet(client, login_as, seeker):
    cohort = make_cohort(status="planned")
    login_as(seeker)
    english(client)
    assert "Enrolment is not open yet" in page(client, "/seeker/training")
    text = client.post(f"/seeker/training/{cohort.id}/enrol", follow_redirects=True).get_data(as_text=True)
    assert "This cohort is not open for enrolment." in text
    assert _db.session.scalar(select(Enrolment)) is None


def test_a_seeker_leaves_and_the_first_waiting_person_gets_the_place(client, login_as, seeker):
    cohort = make_cohort(capacity=1)
    mine = make_enrolment(cohort, seeker.seeker)
    waiting = make_enrolment(cohort, make_user("seeker").seeker, "waitlisted", minute=5)
    login_as(seeker)
    response = client.post(f"/seeker/training/enrolments/{mine.id}/withdraw")
    assert response.status_code == 302
    assert (reload(Enrolment, mine.id).status, reload(Enrolment, waiting.id).status) == ("withdrawn", "enrolled")


def test_seeker_b_cannot_withdraw_or_even_see_seeker_as_enrolment(client, login_as, seeker):
    cohort = make_cohort()
    theirs = make_enrolment(cohort, seeker.seeker)
    login_as(make_user("seeker"))
    assert client.post(f"/seeker/training/enrolments/{theirs.id}/withdraw").status_code == 404
    assert reload(Enrolment, theirs.id).status == "enrolled"
    assert f'id="enrolment-{theirs.id}"' not in page(client, "/seeker/training")


# --- coordinators -----------------------------------------------------------------------------------


def test_a_coordinator_sets_up_a_programme_and_an_open_cohort(client, login_as):
    login_as("coordinator")
    response = client.post("/coordinator/training/programmes/new", data={
        "name": "Tata Graha Hotel", "scheme_code": "JP-SSW-ACCOMMODATION", "provider": "LPK Sakura",
        "provider_kind": "LPK", "hours": "400", "cost_idr": "1500000", "language": "Indonesian, Japanese"})
    assert response.status_code == 302
    programme = _db.session.scalar(select(TrainingProgramme))
    start = local_today() + timedelta(days=30)
    response = client.post(f"/coordinator/training/cohorts/new?programme={programme.id}", data={
        "programme_id": programme.id, "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=60)).isoformat(), "place": "LPK Sakura", "capacity": "12",
        "status": "open"})
    cohort = _db.session.scalar(select(Cohort))
    assert response.headers["Location"].endswith(f"/coordinator/training/cohorts/{cohort.id}")
    assert (cohort.status, cohort.capacity) == ("open", 12)
    assert "Tata Graha Hotel" in page(client, "/coordinator/training")


def test_a_cohort_that_ends_before_it_starts_is_refused_with_the_reason(client, login_as):
    programme = make_programme()
    login_as("coordinator")
    english(client)
    start = local_today() + timedelta(days=30)
    response = client.post("/coordinator/training/cohorts/new", data={
        "programme_id": programme.id, "starts_on": start.isoformat(),
        "ends_on": (start - timedelta(days=1)).isoformat(), "place": "BLK", "capacity": "10", "status": "planned"})
    assert response.status_code == 200 and "The cohort cannot end before it starts." in response.get_data(as_text=True)
    assert _db.session.scalar(select(Cohort)) is None


def test_the_coordinator_runs_a_cohort_to_completion_and_the_seeker_holds_a_verified_certificate(
        client, login_as, seeker):
    cohort = make_cohort(starts_in=-40, days=30, capacity=2)
    passer, failer = make_enrolment(cohort, seeker.seeker), make_enrolment(cohort, make_user("seeker").seeker, minute=1)
    coordinator_id = login_as("coordinator")
    english(client)
    client.post(f"/coordinator/training/cohorts/{cohort.id}/status", data={"status": "running"})
    roster = page(client, f"/coordinator/training/cohorts/{cohort.id}")
    assert seeker.seeker.full_name in roster and "Complete the cohort" in roster
    client.post(f"/coordinator/training/enrolments/{passer.id}",
                data={"action": "save", "attendance_pct": "92", "result": "passed"})
    client.post(f"/coordinator/training/enrolments/{failer.id}",
                data={"action": "save", "attendance_pct": "61", "result": "failed"})
    response = client.post(f"/coordinator/training/cohorts/{cohort.id}/complete",
                           data={f"number-{passer.id}": "BNSP 0042"}, follow_redirects=True)
    assert "1 verified certificate recorded" in response.get_data(as_text=True)
    cert = _db.session.scalar(select(Certification))
    assert (cert.seeker_id, cert.number, cert.status, cert.reviewed_by_id) == (
        seeker.seeker.id, "BNSP 0042", "verified", coordinator_id)
    assert (reload(Enrolment, passer.id).passed, reload(Enrolment, failer.id).status) == (True, "failed")
    again = client.post(f"/coordinator/training/cohorts/{cohort.id}/complete", follow_redirects=True)
    assert "already completed" in again.get_data(as_text=True)
    assert len(_db.session.scalars(select(Certification)).all()) == 1


def test_attendance_out_of_range_is_refused_and_nothing_changes(client, login_as):
    enrolment = make_enrolment(make_cohort(status="running", starts_in=-5), make_user("seeker").seeker)
    login_as("coordinator")
    english(client)
    response = client.post(f"/coordinator/training/enrolments/{enrolment.id}",
                           data={"action": "save", "attendance_pct": "150"}, follow_redirects=True)
    assert "Attendance (%)" in response.get_data(as_text=True)
    assert reload(Enrolment, enrolment.id).attendance_pct is None


def test_the_coordinator_withdraws_a_participant_and_the_waiting_list_moves_up(client, login_as):
    cohort = make_cohort(capacity=1)
    seated = make_enrolment(cohort, make_user("seeker").seeker)
    waiting = make_enrolment(cohort, make_user("seeker").seeker, "waitlisted", minute=3)
    login_as("coordinator")
    english(client)
    response = client.post(f"/coordinator/training/enrolments/{seated.id}", data={"action": "withdraw"},
                           follow_redirects=True)
    assert "1 person moved up from the waiting list" in response.get_data(as_text=True)
    assert reload(Enrolment, waiting.id).status == "enrolled"


def test_the_cohort_page_shows_demand_against_capacity(client, login_as):
    cohort = make_cohort(capacity=5)
    opening = make_opening(title="Kaigo in Kitakyushu", positions=6)
    city = make_partner_city(name="Changwon (test)")
    login_as("coordinator")
    english(client)
    client.post(f"/coordinator/training/cohorts/{cohort.id}/demand", data={"opening_id": opening.id})
    client.post(f"/coordinator/training/cohorts/{cohort.id}/demand", data={"partner_city_id": city.id,
                                                                           "positions": "4"})
    text = page(client, f"/coordinator/training/cohorts/{cohort.id}")
    assert "Kaigo in Kitakyushu" in text and "Changwon (test)" in text
    assert "5 more places needed" in text                               # 6 + 4 positions against 5 places
    assert "5 more places needed" in page(client, "/coordinator/training")
    link = _db.session.scalar(select(CohortDemand).where(CohortDemand.partner_city_id == city.id))
    client.post(f"/coordinator/training/demand/{link.id}/remove")
    assert "1 more place needed" in page(client, f"/coordinator/training/cohorts/{cohort.id}")


def test_opening_a_roster_is_audited(client, login_as):
    cohort = make_cohort()
    make_enrolment(cohort, make_user("seeker").seeker)
    login_as("coordinator")
    page(client, f"/coordinator/training/cohorts/{cohort.id}")
    assert _db.session.scalar(select(AuditEntry.action).where(AuditEntry.object_type == "cohorts")) \
        == "cohort_roster_viewed"


def test_a_larger_capacity_on_the_edit_page_seats_the_waiting(client, login_as):
    cohort = make_cohort(capacity=1)
    make_enrolment(cohort, make_user("seeker").seeker)
    waiting = make_enrolment(cohort, make_user("seeker").seeker, "waitlisted", minute=1)
    login_as("coordinator")
    response = client.post(f"/coordinator/training/cohorts/{cohort.id}/edit", data={
        "programme_id": cohort.programme_id, "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(), "place": cohort.place, "capacity": "2"})
    assert response.status_code == 302
    assert reload(Enrolment, waiting.id).status == "enrolled"


# --- the public -------------------------------------------------------------------------------------


def test_the_public_page_lists_upcoming_cohorts_only(client):
    make_cohort(make_programme(name="Open caregiver"), status="open")
    make_cohort(make_programme(name="Planned formwork"), status="planned")
    make_cohort(make_programme(name="Running welding"), status="running", starts_in=-10)
    make_cohort(make_programme(name="Cancelled hotel"), status="cancelled")
    text = page(client, "/training")
    assert "Open caregiver" in text and "Planned formwork" in text
    assert "Running welding" not in text and "Cancelled hotel" not in text
