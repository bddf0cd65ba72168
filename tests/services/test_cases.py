"""Cases from a check-in, a report or a call: open, note, work, resolve, close, reopen; all audited.
Employers' reports and the alerts they raise."""
import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import Alert, AuditEntry, Case, EmployerReport
from app.services import cases, checkins, worker_reports
from app.services.audit import Actor
from tests.factories import make_user
from tests.services.helpers_monitoring import give_safe_word, make_case, worker_abroad


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def _by(user) -> Actor:
    return Actor.for_user(user)


def _distress(placement, message="Gaji belum dibayar", safe_word=False):
    if safe_word:
        give_safe_word(placement.seeker.user)
        message = f"{message} kenari"
    checkins.answer(placement.seeker, "ok" if safe_word else "distress", message,
                    Actor.for_user(placement.seeker.user))
    return _db.session.scalar(select(Alert).where(Alert.kind == "distress"))


def _actions(case: Case) -> list[str]:
    return [e.action for e in _db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "cases", AuditEntry.object_id == str(case.id)).order_by(AuditEntry.id))]


@pytest.mark.parametrize("safe_word", [False, True])
def test_a_case_opened_from_a_help_request_links_the_check_in_and_settles_its_alert(coordinator, safe_word):
    placement = worker_abroad()
    alert = _distress(placement, safe_word=safe_word)
    origin = cases.origin_for(alert.details["checkin_id"], None, _by(coordinator))
    assert cases.suggested_severity(origin) == "critical"
    opened = cases.open_case(origin, "unpaid_wages", "critical", "Two months unpaid.", coordinator.id,
                             _by(coordinator))
    assert (opened.checkin_id, opened.placement_id, opened.seeker_id, opened.source, opened.status) == (
        alert.details["checkin_id"], placement.id, placement.seeker_id, "checkin", "open")
    assert _db.session.get(Alert, alert.id).resolved_by_id == coordinator.id
    assert _actions(opened) == ["case_opened"]


def test_a_case_from_a_phone_call_may_concern_nobody_placed_yet(coordinator):
    opened = cases.open_case(cases.origin_from_placement(None, "phone"), "job_fraud", "medium",
                             "A caller was offered work in Cambodia via WhatsApp.", coordinator.id, _by(coordinator))
    assert (opened.placement_id, opened.seeker_id, opened.source) == (None, None, "phone")


@pytest.mark.parametrize(("owner_role", "summary", "codes"), [
    ("employer", "Something", ["OWNER_NOT_COORDINATOR"]),
    ("coordinator", "   ", ["SUMMARY_REQUIRED"]),
])
def test_a_case_needs_a_coordinator_as_owner_and_a_summary(coordinator, owner_role, summary, codes):
    owner = coordinator if owner_role == "coordinator" else make_user(owner_role)
    with pytest.raises(cases.CaseRefused) as refused:
        cases.open_case(cases.origin_from_placement(None, "phone"), "other", "low", summary, owner.id,
                        _by(coordinator))
    assert refused.value.codes == codes
    assert _db.session.scalar(select(Case)) is None


def test_the_lifecycle_of_a_case_is_audited_and_read_back_as_a_timeline(coordinator):
    colleague = make_user("coordinator")
    placement = worker_abroad()
    opened = cases.open_case(cases.origin_from_placement(placement.id, "phone"), "documents_withheld", "high",
                             "Employer keeps the passport.", coordinator.id, _by(coordinator))
    cases.add_note(opened, "Called the employer; they promise to return it.", _by(coordinator))
    assert cases.update_case(opened, "in_progress", "high", colleague.id, None, _by(coordinator)) == {
        "status": ["open", "in_progress"], "owner_id": [coordinator.id, colleague.id]}
    with pytest.raises(cases.CaseRefused) as refused:
        cases.update_case(opened, "resolved", "high", colleague.id, "  ", _by(colleague))
    assert refused.value.codes == ["RESOLUTION_REQUIRED"]
    cases.update_case(opened, "resolved", "medium", colleague.id, "Passport returned to the worker.", _by(colleague))
    assert opened.resolved_at is not None
    cases.update_case(opened, "in_progress", "medium", colleague.id, None, _by(colleague))   # it came back
    assert opened.resolved_at is None and opened.resolution == "Passport returned to the worker."
    cases.update_case(opened, "closed", "medium", colleague.id, None, _by(colleague))
    assert _actions(opened) == ["case_opened", "case_note_added", "case_updated", "case_updated", "case_updated",
                                "case_updated"]
    rows = cases.timeline(opened)
    assert [row.action for row in rows] == ["case_opened", "note", "case_updated", "case_updated", "case_updated",
                                            "case_updated"]
    assert rows[1].text == "Called the employer; they promise to return it."
    assert rows[3].details["changes"] == {"status": ["in_progress", "resolved"], "severity": ["high", "medium"],
                                          "resolution": True}


@pytest.mark.parametrize(("to_status", "codes"), [("open", ["STATUS_MOVE_NOT_ALLOWED"]),
                                                  ("in_progress", ["NOTHING_CHANGED"])])
def test_a_case_update_that_is_not_allowed_or_changes_nothing_is_refused(coordinator, to_status, codes):
    opened = make_case(None, coordinator, status="in_progress")
    with pytest.raises(cases.CaseRefused) as refused:
        cases.update_case(opened, to_status, "high", coordinator.id, None, _by(coordinator))
    assert refused.value.codes == codes


def test_an_empty_note_is_refused(coordinator):
    with pytest.raises(cases.CaseRefused):
        cases.add_note(make_case(None, coordinator), "  ", _by(coordinator))


def test_cases_are_listed_most_severe_first_and_the_listing_is_audited(coordinator):
    placement = worker_abroad()
    low = make_case(placement, coordinator, severity="low")
    critical = make_case(None, coordinator, severity="critical")
    make_case(None, coordinator, severity="high", status="closed", resolution="x")
    rows = cases.cases_seen_by(_by(coordinator), "active")
    assert [(row.case.id, row.worker) for row in rows] == [(critical.id, None),
                                                           (low.id, placement.seeker.full_name)]
    assert cases.open_cases_by_severity() == [("critical", 1), ("high", 0), ("medium", 0), ("low", 1)]
    listed = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cases_listed"))
    assert listed.details["shown"] == [critical.id, low.id]


# --- employers' reports ------------------------------------------------------------------------------


@pytest.mark.parametrize(("employed", "wage", "concerns", "alert"), [
    (True, True, None, None),
    (False, True, None, ("concern", "high")),
    (True, False, None, ("concern", "high")),
    (True, True, "Seems very tired, skips meals.", ("concern", "medium")),
])
def test_an_employer_report_alerts_on_a_job_or_wage_problem_or_a_concern(db, employed, wage, concerns, alert):
    placement = worker_abroad()
    employer_user = make_user("employer", employer_id=placement.opening.employer_id)
    report = worker_reports.file_report(placement, employed, wage, 40, concerns, _by(employer_user))
    raised = _db.session.scalar(select(Alert))
    assert (raised.kind, raised.severity) == alert if alert else raised is None
    if alert:
        assert raised.details["report_id"] == report.id and raised.placement_id == placement.id
    assert _db.session.scalar(select(EmployerReport)).filed_by_id == employer_user.id


def test_a_case_from_an_employer_report_settles_the_reports_alert(coordinator):
    placement = worker_abroad()
    employer_user = make_user("employer", employer_id=placement.opening.employer_id)
    report = worker_reports.file_report(placement, True, False, 48, None, _by(employer_user))
    origin = cases.origin_for(None, report.id, _by(coordinator))
    opened = cases.open_case(origin, "unpaid_wages", "high", "Employer reports late wages.", coordinator.id,
                             _by(coordinator))
    assert opened.source == "report" and opened.placement_id == placement.id
    assert _db.session.scalar(select(Alert)).resolved_at is not None
    assert _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "case_opened")).details["report_id"] \
        == report.id


def test_an_origin_that_does_not_exist_is_not_found(coordinator):
    with pytest.raises(cases.NotFound):
        cases.origin_for(987654, None, _by(coordinator))
