"""Employers' reports on their workers abroad: only their own workers, and a worrying report alerts Disnaker."""
import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import Alert, AuditEntry, EmployerReport
from tests.factories import make_user
from tests.services.helpers_applications import make_opening, make_placement, seeker_user
from tests.services.helpers_monitoring import worker_abroad

GOOD = {"period_end": "2025-05-31", "still_employed": "yes", "wage_paid_on_time": "yes", "hours_per_week": "40"}


@pytest.fixture
def employer(db, client, login_as):
    user = make_user("employer")
    login_as(user)
    client.post("/language", data={"locale": "en"})
    return user


def test_the_employer_sees_only_their_own_workers_abroad(client, employer):
    mine = worker_abroad(employer.employer, title="Welder")
    other = worker_abroad(title="Cook")
    not_yet = make_placement(seeker_user().seeker, make_opening(employer=employer.employer), "contract_signed")
    page = client.get("/employer/workers").get_data(as_text=True)
    assert mine.seeker.full_name in page and "None yet" in page
    assert other.seeker.full_name not in page and not_yet.seeker.full_name not in page
    viewed = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "worker_names_viewed"))
    assert viewed.details == {"placement_ids": [mine.id]}


def test_a_good_report_is_kept_and_raises_nothing(client, employer):
    mine = worker_abroad(employer.employer)
    response = client.post(f"/employer/placements/{mine.id}/report", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/employer/workers")
    report = _db.session.scalar(select(EmployerReport))
    assert (report.still_employed, report.wage_paid_on_time, report.hours_per_week, str(report.period_end)) == (
        True, True, 40, "2025-05-31")
    assert _db.session.scalar(select(Alert)) is None
    assert "2025" in client.get("/employer/workers").get_data(as_text=True)


@pytest.mark.parametrize(("change", "severity"), [
    ({"still_employed": "no"}, "high"), ({"wage_paid_on_time": "no"}, "high"),
    ({"concerns": "She has not eaten for days."}, "medium"),
])
def test_a_no_or_a_concern_alerts_the_coordinators(client, employer, change, severity):
    mine = worker_abroad(employer.employer)
    client.post(f"/employer/placements/{mine.id}/report", data={**GOOD, **change})
    alert = _db.session.scalar(select(Alert))
    assert (alert.kind, alert.severity, alert.placement_id) == ("concern", severity, mine.id)


def test_a_report_needs_both_answers(client, employer):
    mine = worker_abroad(employer.employer)
    page = client.post(f"/employer/placements/{mine.id}/report", data={"period_end": "2025-05-31"})
    assert page.status_code == 200 and "Please check the form" in page.get_data(as_text=True)
    assert _db.session.scalar(select(EmployerReport)) is None


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_another_organisations_worker_is_not_found(client, employer, method):
    other = worker_abroad(title="Cook")
    assert client.open(f"/employer/placements/{other.id}/report", method=method, data=GOOD).status_code == 404
    assert _db.session.scalar(select(EmployerReport)) is None


def test_a_worker_not_abroad_cannot_be_reported_on(client, employer):
    waiting = make_placement(seeker_user().seeker, make_opening(employer=employer.employer), "documents_verified")
    assert client.get(f"/employer/placements/{waiting.id}/report").status_code == 404
