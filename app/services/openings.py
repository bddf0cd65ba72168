"""Openings (job orders): an employer drafts and submits, a coordinator approves, requests changes or closes.

Every move is audited and committed here. Approval runs the legality checks of
app/domain/opening_legality.py and gives the opening its public verification code.
"""
from datetime import date

from sqlalchemy import select

from app.domain import codes
from app.domain.clock import utcnow
from app.domain.opening_legality import (
    DESTINATION,
    OpeningFacts,
    check_opening,
    failed,
    is_blocked_destination,
    submission_blockers,
)
from app.extensions import db
from app.models import DestinationRule, Employer, Opening, User
from app.services import audit, partners
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.destination_rules import facts_of
from app.services.notifications import notify
from app.services.opening_terms import OpeningTerms, TermsRefused, apply_terms, check_terms
from app.services.registration import Problem

EDITABLE_STATUSES = ("draft", "submitted", "changes_requested", "approved")
SUBMITTABLE_STATUSES = ("draft", "changes_requested")
SENDABLE_BACK_STATUSES = ("submitted", "approved")
CLOSE_REASONS = ("manual", "filled", "deadline")
EMPLOYER_CLOSE_REASONS = ("manual", "filled")
CODE_ATTEMPTS = 20


class OpeningRefused(Exception):
    """`code` says why (WRONG_STATUS, INVALID, CANNOT_SUBMIT, CHECKS_FAILED, REASONS_REQUIRED, …);
    `problems` name fields, `checks` are the failed legality checks."""

    def __init__(self, code: str, problems: list[Problem] | None = None, checks: list | None = None):
        super().__init__(code)
        self.code = code
        self.problems = problems or []
        self.checks = checks or []


# --- checks ---------------------------------------------------------------------------------------------


def channel_state(employer: Employer, on: date) -> tuple[bool, bool]:
    """(employer verified, agreement in force): together they are employers.can_submit."""
    return employer.is_verified, partners.can_post(employer, on)


def facts_for(opening: Opening, on: date, justification: str | None = None) -> OpeningFacts:
    verified, agreement_active = channel_state(opening.employer, on)
    return OpeningFacts(
        employer_name=opening.employer.legal_name, employer_verified=verified, agreement_active=agreement_active,
        title=opening.title, occupation_code=opening.occupation_code, country_code=opening.country_code,
        sector_code=opening.sector_code, start_date=opening.start_date, monthly_wage=opening.monthly_wage,
        currency=opening.currency, hours_per_week=opening.hours_per_week,
        annual_leave_days=opening.annual_leave_days, insurance=opening.insurance,
        contract_months=opening.contract_months, worker_costs_idr=opening.worker_costs_idr,
        min_age=opening.min_age, max_age=opening.max_age,
        scheme_codes=tuple(sorted(c.scheme_code for c in opening.certifications)),
        caution_justification=opening.caution_justification if justification is None else justification,
    )


def legality_checks(opening: Opening, today: date | None = None, justification: str | None = None) -> list:
    """The legality checks for this opening as it stands (with a proposed justification, if given)."""
    today = today or local_today()
    rules = db.session.scalars(select(DestinationRule)
                               .where(DestinationRule.country_code == (opening.country_code or "").upper()))
    return check_opening(facts_for(opening, today, justification), [facts_of(r) for r in rules], today)


# --- the employer's moves -------------------------------------------------------------------------------


def create_opening(employer: Employer, terms: OpeningTerms, by: Actor) -> Opening:
    """Save a new opening as a draft of the employer's organisation."""
    _checked(terms)
    opening = Opening(employer_id=employer.id, status="draft")
    opening.employer = employer
    apply_terms(opening, terms)
    db.session.add(opening)
    db.session.flush()
    audit.record(by, "opening_created", opening, employer_id=employer.id)
    db.session.commit()
    return opening


def update_opening(opening: Opening, terms: OpeningTerms, by: Actor) -> list[str]:
    """Change an opening's terms; an approved opening that changes goes back to review. Returns what changed."""
    if opening.status not in EDITABLE_STATUSES:
        raise OpeningRefused("WRONG_STATUS")
    _checked(terms)
    changed = apply_terms(opening, terms)
    if not changed:
        return []
    details = {"changed": changed}
    if opening.status == "approved":
        # The public page only ever shows terms a coordinator has seen: the opening leaves it until approved again.
        opening.status = "submitted"
        details["returned_to_review"] = True
    audit.record(by, "opening_updated", opening, **details)
    db.session.commit()
    return changed


def submit_opening(opening: Opening, by: Actor, today: date | None = None) -> None:
    """Send a draft (or a changed opening) to the coordinators; the channel must be open and the contract whole."""
    if opening.status not in SUBMITTABLE_STATUSES:
        raise OpeningRefused("WRONG_STATUS")
    blockers = submission_blockers(legality_checks(opening, today))
    if blockers:
        raise OpeningRefused("CANNOT_SUBMIT", checks=blockers)
    previous, opening.status = opening.status, "submitted"
    audit.record(by, "opening_submitted", opening, previous_status=previous)
    db.session.commit()


def close_opening(opening: Opening, by: Actor, reason: str = "manual") -> None:
    """Close an opening to new applications: by hand, when filled, or at its deadline."""
    if opening.status == "closed":
        raise OpeningRefused("WRONG_STATUS")
    if reason not in CLOSE_REASONS:
        raise OpeningRefused("INVALID", [Problem("reason", "UNKNOWN_REASON")])
    previous = opening.status
    opening.status, opening.closed_reason = "closed", reason
    audit.record(by, "opening_closed", opening, reason=reason, previous_status=previous)
    db.session.commit()


def close_past_deadline(today: date | None = None, by: Actor | None = None) -> list[int]:
    """Close every submitted or approved opening whose application deadline has passed; returns their ids."""
    today, by = today or local_today(), by or Actor.system("deadline")
    due = list(db.session.scalars(select(Opening).where(Opening.status.in_(SENDABLE_BACK_STATUSES),
                                                        Opening.deadline < today)))
    for opening in due:
        previous, opening.status, opening.closed_reason = opening.status, "closed", "deadline"
        audit.record(by, "opening_closed", opening, reason="deadline", previous_status=previous)
    db.session.commit()
    return [o.id for o in due]


# --- the coordinator's moves ----------------------------------------------------------------------------


def approve_opening(opening: Opening, by: Actor, justification: str | None = None,
                    today: date | None = None) -> list:
    """Approve a submitted opening if every legality check passes; gives it its verification code."""
    if opening.status != "submitted":
        raise OpeningRefused("WRONG_STATUS")
    justification = (justification or "").strip() or None
    results = legality_checks(opening, today, justification or opening.caution_justification or "")
    # Never approvable, whatever a (forged) form says: a blocked destination, or any failed check.
    if is_blocked_destination(results) or failed(results):
        raise OpeningRefused("CHECKS_FAILED", checks=failed(results))
    destination = next(r for r in results if r.code == DESTINATION)
    is_caution = destination.data["status"] == "caution"
    opening.caution_justification = (justification or opening.caution_justification) if is_caution else None
    opening.code = opening.code or _unique_code()
    opening.status = "approved"
    opening.reviewed_by_id, opening.reviewed_at = by.user_id, utcnow()
    opening.approved_at = opening.reviewed_at
    audit.record(by, "opening_approved", opening, code=opening.code, destination=destination.data["status"],
                 rule_id=destination.data["rule_id"], justified=opening.caution_justification is not None)
    _tell_employer(opening, "opening_approved", {"title": opening.title, "code": opening.code})
    db.session.commit()
    return results


def request_changes(opening: Opening, by: Actor, reasons: str) -> None:
    """Send an opening back to its employer with the reasons; an approved one leaves the public pages."""
    if opening.status not in SENDABLE_BACK_STATUSES:
        raise OpeningRefused("WRONG_STATUS")
    reasons = (reasons or "").strip()
    if not reasons:
        raise OpeningRefused("REASONS_REQUIRED", [Problem("reasons", "REASONS_REQUIRED")])
    previous = opening.status
    opening.status, opening.review_notes = "changes_requested", reasons
    opening.reviewed_by_id, opening.reviewed_at = by.user_id, utcnow()
    audit.record(by, "opening_changes_requested", opening, previous_status=previous)
    _tell_employer(opening, "opening_changes_requested", {"title": opening.title})
    db.session.commit()


def _tell_employer(opening: Opening, kind: str, params: dict) -> None:
    """Every active user of the organisation hears of the decision, in the app and by e-mail."""
    for user in db.session.scalars(select(User).where(User.employer_id == opening.employer_id, User.is_enabled)):
        notify(user, kind, params, link=f"/employer/openings/{opening.id}")


def _unique_code() -> str:
    """A fresh verification code; a collision with an existing one (rare: ~37 bits) draws again."""
    for _attempt in range(CODE_ATTEMPTS):
        code = codes.new_opening_code()
        if db.session.scalar(select(Opening.id).where(Opening.code == code)) is None:
            return code
    raise RuntimeError("no free verification code after several draws")


def _checked(terms: OpeningTerms) -> None:
    try:
        check_terms(terms)
    except TermsRefused as refused:
        raise OpeningRefused("INVALID", refused.problems) from refused
