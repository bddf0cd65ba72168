"""The fixed vocabularies of the domain: roles, statuses, stages, kinds.

Models turn these into CHECK constraints; the web layer turns them into words.
"""
from enum import StrEnum


class Role(StrEnum):
    SEEKER = "seeker"
    EMPLOYER = "employer"
    COORDINATOR = "coordinator"
    OFFICER = "officer"
    ADMIN = "admin"


STAFF_ROLES = (Role.COORDINATOR, Role.OFFICER, Role.ADMIN)
SELF_REGISTERED_ROLES = (Role.SEEKER, Role.EMPLOYER)

GENDERS = ("F", "M")
VERIFICATION_STATUSES = ("pending", "verified", "rejected")
EMPLOYER_STATUSES = ("pending", "verified", "rejected", "suspended")
AGREEMENT_STATUSES = ("draft", "active", "suspended", "ended")
RULE_STATUSES = ("allowed", "caution", "blocked")
OPENING_STATUSES = ("draft", "submitted", "changes_requested", "approved", "closed")
SKILL_IMPORTANCE = ("must", "important", "nice")

CONSENT_PURPOSES = ("matching", "immigration_sharing", "employer_contact", "guardian")

DOCUMENT_KINDS = (
    "passport", "health_certificate", "bpjs", "family_permission", "marital_status",
    "opp_certificate", "work_visa", "placement_agreement", "employment_contract", "other",
)

ACTIVE_STAGES = (
    "applied", "shortlisted", "interview", "offered", "accepted", "contract_signed",
    "documents_verified", "departed", "arrived", "completed", "returned",
)
CLOSED_STAGES = ("withdrawn", "rejected", "cancelled", "terminated", "repatriated")
STAGES = ACTIVE_STAGES + CLOSED_STAGES
# From "accepted" on, a seeker counts as placed for the eligibility gate.
PLACED_STAGES = ACTIVE_STAGES[ACTIVE_STAGES.index("accepted"):ACTIVE_STAGES.index("completed")]

PRE_DEPARTURE_ITEMS = (
    "marital_status", "employment_contract", "placement_agreement", "work_visa", "passport",
    "health_certificate", "bpjs", "family_permission", "opp_certificate",
)
ITEM_STATUSES = ("pending", "verified", "rejected", "flagged")

CHECKIN_ANSWERS = ("ok", "concern", "distress")
CASE_CATEGORIES = (
    "want_to_go_home", "unpaid_wages", "documents_withheld", "contract_differs", "abuse",
    "health", "accident", "deportation", "job_fraud", "other",
)
CASE_SEVERITIES = ("low", "medium", "high", "critical")
CASE_STATUSES = ("open", "in_progress", "resolved", "closed")
ALERT_KINDS = ("checkin_overdue", "distress", "concern", "immigration_lookup", "case_opened")

COHORT_STATUSES = ("planned", "open", "running", "completed", "cancelled")
ENROLMENT_STATUSES = ("enrolled", "waitlisted", "withdrawn", "completed", "failed")
PROVIDER_KINDS = ("BLK", "LPK", "LSP", "other")

ERASURE_STATUSES = ("requested", "confirmed", "refused")
REVIEW_STATUSES = ("open", "answered")
MODEL_STATUSES = ("trained", "serving", "retired")


def check_in(column: str, values) -> str:
    """SQL for a CHECK that a column holds one of the given values."""
    quoted = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"
