"""The coordinators' monitoring: alerts on the dashboard and the monitoring page, cases from open to closed."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.clock import utcnow
from app.extensions import db as _db
from app.models import Alert, AuditEntry, Case, CaseNote
from app.services import checkins
from app.services.audit import Actor
from app.services.catalogue import local_today
from tests.factories import make_user
from tests.services.helpers_monitoring import give_safe_word, make_alert, make_case, make_checkin, worker_abroad


@pytest.fixture
def coordinator(db, client, login_as):
    user = make_user("coordinator", display_name="Rina Coordinator")
    login_as(user)
    client.post("/language", data={"locale": "en"})
    return user


@pytest.fixture
def overdue_and_help(db):
    """One worker who missed a check-in, one who asked for help with the safe word."""
    late = worker_abroad(title="Welder", city="Busan")
    missed = make_checkin(late, local_today() - timedelta(days=6), overdue_at=utcnow())
    make_alert(late, "checkin_overdue", "high", checkin_id=missed.id, due_on=missed.due_on.isoformat())
    quiet = worker_abroad(title="Caregiver", city="Toyama")
    give_safe_word(quiet.seeker.user)
    checkins.answer(quiet.seeker, "ok", "Semua baik kenari", Actor.for_user(quiet.seeker.user))
    return late, quiet


def test_the_dashboard_opens_with_the_alerts_most_urgent_first_and_without_names(client, coordinator,
                                                                                  overdue_and_help):
    late, quiet = overdue_and_help
    page = client.get("/coordinator/").get_data(as_text=True)
    assert "Alerts: 2 open" in page
    assert page.index("Asked for help") < page.index("Check-in overdue") < page.index("Registered job seekers")
    assert "Safe word used: contact carefully" in page and "Caregiver · Toyama" in page
    assert late.seeker.full_name not in page and quiet.seeker.full_name not in page


def test_the_monitoring_page_names_the_workers_and_records_who_looked(client, coordinator, overdue_and_help):
    late, quiet = overdue_and_help
    page = client.get("/coordinator/monitoring").get_data(as_text=True)
    assert page.index(quiet.seeker.full_name) < page.index(late.seeker.full_name)   # critical before high
    assert "Safe word used: contact carefully" in page and "Semua baik" in page and "kenari" not in page.lower()
    assert "Due on" in page
    viewed = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "alerts_viewed"))
    assert viewed.actor_id == coordinator.id and len(viewed.details["shown"]) == 2


def test_an_alert_is_marked_as_dealt_with(client, coordinator, overdue_and_help):
    alert = _db.session.scalar(select(Alert).where(Alert.kind == "checkin_overdue"))
    response = client.post(f"/coordinator/alerts/{alert.id}/resolve")
    assert response.status_code == 302
    assert _db.session.get(Alert, alert.id).resolved_by_id == coordinator.id
    assert "Check-in overdue" not in client.get("/coordinator/monitoring").get_data(as_text=True)


def test_a_case_goes_from_a_help_request_to_closed_with_its_timeline(client, coordinator, overdue_and_help):
    _, quiet = overdue_and_help
    alert = _db.session.scalar(select(Alert).where(Alert.kind == "distress"))
    form = client.get(f"/coordinator/cases/new?checkin={alert.details['checkin_id']}").get_data(as_text=True)
    assert "From a check-in" in form and quiet.seeker.full_name in form
    assert re.search(r'<option selected value="critical">|<option value="critical" selected', form), form
    response = client.post(f"/coordinator/cases/new?checkin={alert.details['checkin_id']}", data={
        "category": "abuse", "severity": "critical", "owner": coordinator.id,
        "summary": "Safe word used; called the worker when alone."})
    case = _db.session.scalar(select(Case))
    assert response.headers["Location"].endswith(f"/coordinator/cases/{case.id}")
    assert (case.checkin_id, case.source) == (alert.details["checkin_id"], "checkin")
    assert _db.session.get(Alert, alert.id).resolved_at is not None
    client.post(f"/coordinator/cases/{case.id}/notes", data={"text": "Embassy informed."})
    client.post(f"/coordinator/cases/{case.id}/update", data={"status": "in_progress", "severity": "critical",
                                                              "owner": coordinator.id})
    refused = client.post(f"/coordinator/cases/{case.id}/update", data={
        "status": "resolved", "severity": "high", "owner": coordinator.id}, follow_redirects=True)
    assert "Write how the case was resolved" in refused.get_data(as_text=True)
    client.post(f"/coordinator/cases/{case.id}/update", data={
        "status": "resolved", "severity": "high", "owner": coordinator.id, "resolution": "Worker moved to a shelter."})
    page = client.get(f"/coordinator/cases/{case.id}").get_data(as_text=True)
    assert page.index("Case opened") < page.index("Embassy informed.") < page.index("Open → In progress")
    assert "Worker moved to a shelter." in page and "Critical → High" in page
    assert _db.session.scalar(select(CaseNote)).author_id == coordinator.id


def test_a_case_from_a_phone_call_about_nobody_placed(client, coordinator):
    client.post("/coordinator/cases/new", data={"source": "phone", "placement": "None", "category": "job_fraud",
                                                "severity": "medium", "owner": coordinator.id,
                                                "summary": "Offer of work in Cambodia received on WhatsApp."})
    case = _db.session.scalar(select(Case))
    assert (case.source, case.placement_id, case.category) == ("phone", None, "job_fraud")


def test_a_case_with_an_owner_who_is_not_a_coordinator_is_refused(client, coordinator):
    employer = make_user("employer")
    page = client.post("/coordinator/cases/new", data={"source": "phone", "category": "other", "severity": "low",
                                                       "owner": employer.id, "summary": "x"})
    assert page.status_code == 200 and _db.session.scalar(select(Case)) is None


def test_cases_are_filtered_by_status_and_severity(client, coordinator):
    make_case(None, coordinator, severity="low", summary="low one")
    make_case(None, coordinator, severity="critical", status="closed", resolution="done")
    active = client.get("/coordinator/cases").get_data(as_text=True)
    everything = client.get("/coordinator/cases?status=all&severity=critical").get_data(as_text=True)
    assert "Low" in active and "Critical" not in active.split("<tbody>")[1]
    assert "Closed" in everything.split("<tbody>")[1]


@pytest.mark.parametrize("url", ["/coordinator/cases/424242", "/coordinator/cases/new?checkin=424242",
                                 "/coordinator/cases/new?report=424242"])
def test_unknown_ids_are_not_found(client, coordinator, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/coordinator/alerts/424242/resolve", "/coordinator/cases/424242/notes",
                                 "/coordinator/cases/424242/update"])
def test_posting_to_unknown_ids_is_not_found(client, coordinator, url):
    assert client.post(url).status_code == 404


def test_the_dashboard_says_when_no_alert_is_open_and_counts_open_cases_by_severity(client, coordinator):
    make_case(None, coordinator, severity="critical")
    make_case(None, coordinator, severity="low", status="closed", resolution="done")
    page = client.get("/coordinator/").get_data(as_text=True)
    assert "No open alerts" in page
    assert "Critical 1</a> · " in page and "Low 0</a>" in page
