"""Cases and employers' reports: which case changes are allowed, and what a report raises.

Pure: codes in, problem codes out; the web layer words them.
"""
from dataclasses import dataclass

from app.domain.vocab import CASE_CATEGORIES, CASE_SEVERITIES, CASE_STATUSES

SOURCES = ("checkin", "report", "phone", "walk_in", "other")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(reversed(CASE_SEVERITIES))}  # critical first
OPEN_STATUSES = ("open", "in_progress")
DONE_STATUSES = ("resolved", "closed")

UNKNOWN_CATEGORY = "UNKNOWN_CATEGORY"
UNKNOWN_SEVERITY = "UNKNOWN_SEVERITY"
UNKNOWN_SOURCE = "UNKNOWN_SOURCE"
UNKNOWN_STATUS = "UNKNOWN_STATUS"
SUMMARY_REQUIRED = "SUMMARY_REQUIRED"
OWNER_NOT_COORDINATOR = "OWNER_NOT_COORDINATOR"
STATUS_MOVE_NOT_ALLOWED = "STATUS_MOVE_NOT_ALLOWED"
RESOLUTION_REQUIRED = "RESOLUTION_REQUIRED"
NOTE_REQUIRED = "NOTE_REQUIRED"
NOTHING_CHANGED = "NOTHING_CHANGED"

# A case is worked on, then resolved or closed (closed without a fix, e.g. the worker cannot be reached);
# either may be reopened if it comes back.
STATUS_MOVES = {
    "open": {"in_progress", "resolved", "closed"},
    "in_progress": {"resolved", "closed"},
    "resolved": {"in_progress", "closed"},
    "closed": {"in_progress"},
}


@dataclass(frozen=True)
class NewCase:
    category: str
    severity: str
    source: str
    summary: str
    owner_is_coordinator: bool


@dataclass(frozen=True)
class CaseChange:
    from_status: str
    to_status: str
    severity: str
    resolution: str | None
    owner_is_coordinator: bool


def new_case_problems(case: NewCase) -> list[str]:
    """What is wrong with a case about to be opened; empty when it may be opened."""
    problems = []
    if case.category not in CASE_CATEGORIES:
        problems.append(UNKNOWN_CATEGORY)
    if case.severity not in CASE_SEVERITIES:
        problems.append(UNKNOWN_SEVERITY)
    if case.source not in SOURCES:
        problems.append(UNKNOWN_SOURCE)
    if not case.summary.strip():
        problems.append(SUMMARY_REQUIRED)
    if not case.owner_is_coordinator:
        problems.append(OWNER_NOT_COORDINATOR)
    return problems


def change_problems(change: CaseChange) -> list[str]:
    """What is wrong with a case update (status, severity, owner, resolution); empty when it may be made."""
    problems = []
    if change.to_status not in CASE_STATUSES:
        problems.append(UNKNOWN_STATUS)
    elif change.to_status != change.from_status and change.to_status not in STATUS_MOVES[change.from_status]:
        problems.append(STATUS_MOVE_NOT_ALLOWED)
    if change.severity not in CASE_SEVERITIES:
        problems.append(UNKNOWN_SEVERITY)
    if change.to_status in DONE_STATUSES and not (change.resolution or "").strip():
        problems.append(RESOLUTION_REQUIRED)
    if not change.owner_is_coordinator:
        problems.append(OWNER_NOT_COORDINATOR)
    return problems


# --- employers' reports ------------------------------------------------------------------------------

NOT_EMPLOYED = "NOT_EMPLOYED"
WAGE_LATE = "WAGE_LATE"
CONCERNS = "CONCERNS"


def report_flags(still_employed: bool, wage_paid_on_time: bool, concerns: str | None) -> list[str]:
    """What in an employer's report a coordinator must look at."""
    flags = []
    if not still_employed:
        flags.append(NOT_EMPLOYED)
    if not wage_paid_on_time:
        flags.append(WAGE_LATE)
    if (concerns or "").strip():
        flags.append(CONCERNS)
    return flags


def report_alert(flags: list[str]) -> tuple[str, str] | None:
    """The alert (kind, severity) a report raises: a job or wage problem is high, a written concern medium."""
    if not flags:
        return None
    return ("concern", "high" if {NOT_EMPLOYED, WAGE_LATE} & set(flags) else "medium")
