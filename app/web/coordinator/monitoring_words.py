"""Words for monitoring: alert kinds, case categories, severities, statuses, sources and refusals."""
from flask_babel import lazy_gettext as _l

from app.domain import cases as rules

CATEGORIES = {
    "want_to_go_home": _l("Wants to go home"),
    "unpaid_wages": _l("Unpaid wages"),
    "documents_withheld": _l("Passport or documents withheld"),
    "contract_differs": _l("Contract differs"),
    "abuse": _l("Abuse or violence"),
    "health": _l("Health"),
    "accident": _l("Accident"),
    "deportation": _l("Deportation"),
    "job_fraud": _l("Job fraud"),
    "other": _l("Other"),
}
SEVERITIES = {"critical": _l("Critical"), "high": _l("High"), "medium": _l("Medium"), "low": _l("Low")}
STATUSES = {"open": _l("Open"), "in_progress": _l("In progress"), "resolved": _l("Resolved"), "closed": _l("Closed")}
SOURCES = {"checkin": _l("Check-in"), "report": _l("Employer report"), "phone": _l("Phone call"),
           "walk_in": _l("Visit to the office"), "other": _l("Other")}
ANSWERS = {"ok": _l("All is well"), "concern": _l("A concern"), "distress": _l("Needs help")}
ALERTS = {
    "checkin_overdue": _l("Check-in overdue"),
    "distress": _l("Asked for help"),
    "concern": _l("Concern"),
    "immigration_lookup": _l("Immigration look-up"),
    "case_opened": _l("Case opened"),
}
SAFE_WORD_ALERT = _l("Safe word used: contact carefully")
REPORT_ALERT = _l("Employer report")
REPORT_FLAGS = {
    rules.NOT_EMPLOYED: _l("No longer employed"),
    rules.WAGE_LATE: _l("Wage not paid on time"),
    rules.CONCERNS: _l("Concerns written"),
}
CHANGES = {"status": _l("Status"), "severity": _l("Severity"), "owner_id": _l("Owner"),
           "resolution": _l("Resolution")}
PROBLEMS = {
    rules.UNKNOWN_CATEGORY: _l("Choose a category from the list."),
    rules.UNKNOWN_SEVERITY: _l("Choose a severity from the list."),
    rules.UNKNOWN_SOURCE: _l("Choose where the case comes from."),
    rules.UNKNOWN_STATUS: _l("Choose a status from the list."),
    rules.SUMMARY_REQUIRED: _l("Write a short summary."),
    rules.OWNER_NOT_COORDINATOR: _l("The owner must be a coordinator."),
    rules.STATUS_MOVE_NOT_ALLOWED: _l("This status cannot follow the current one."),
    rules.RESOLUTION_REQUIRED: _l("Write how the case was resolved or why it is closed."),
    rules.NOTE_REQUIRED: _l("Write the note first."),
    rules.NOTHING_CHANGED: _l("Nothing was changed."),
}


def problem(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def words() -> dict:
    """Everything the monitoring templates look words up in."""
    return {"category_words": CATEGORIES, "severity_words": SEVERITIES, "status_words": STATUSES,
            "source_words": SOURCES, "answer_words": ANSWERS, "alert_words": ALERTS,
            "safe_word_alert": SAFE_WORD_ALERT, "report_alert": REPORT_ALERT, "flag_words": REPORT_FLAGS,
            "change_words": CHANGES}
