"""The legality checks an opening must pass before the city approves and publishes it.

Pure: plain facts in, one result per check out (a code, passed or not, and the data that
explains it). The web layer turns the codes into words; the service refuses to approve
unless every check passes.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.destinations import RuleFacts, destination_verdict

ADULT_AGE = 18

EMPLOYER_VERIFIED = "EMPLOYER_VERIFIED"
AGREEMENT_ACTIVE = "AGREEMENT_ACTIVE"
DESTINATION = "DESTINATION"
WAGE_PRESENT = "WAGE_PRESENT"
NO_WORKER_FEE = "NO_WORKER_FEE"
AGE_RANGE_LAWFUL = "AGE_RANGE_LAWFUL"
CERTIFICATION_REQUIRED = "CERTIFICATION_REQUIRED"
CONTRACT_FIELDS_COMPLETE = "CONTRACT_FIELDS_COMPLETE"

CHECK_ORDER = (EMPLOYER_VERIFIED, AGREEMENT_ACTIVE, DESTINATION, WAGE_PRESENT, NO_WORKER_FEE, AGE_RANGE_LAWFUL,
               CERTIFICATION_REQUIRED, CONTRACT_FIELDS_COMPLETE)
# What must hold before an employer may even submit: the channel is open and the contract is whole.
SUBMISSION_CHECKS = (EMPLOYER_VERIFIED, AGREEMENT_ACTIVE, CONTRACT_FIELDS_COMPLETE)

# The contents Law 18/2017 requires of an employment contract, in the order the law lists them.
CONTRACT_FIELDS = ("employer", "job", "wage", "hours", "leave", "insurance", "duration")
_STRICTNESS = ("allowed", "caution", "blocked")


@dataclass(frozen=True)
class OpeningFacts:
    employer_name: str | None
    employer_verified: bool
    agreement_active: bool
    title: str | None
    occupation_code: str | None
    country_code: str
    sector_code: str | None
    start_date: date | None
    monthly_wage: Decimal | None
    currency: str | None
    hours_per_week: int | None
    annual_leave_days: int | None
    insurance: str | None
    contract_months: int | None
    worker_costs_idr: Decimal | None
    min_age: int | None
    max_age: int | None
    scheme_codes: tuple[str, ...] = ()
    caution_justification: str | None = None


@dataclass(frozen=True)
class CheckResult:
    code: str
    passed: bool
    data: dict = field(default_factory=dict)


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def missing_contract_fields(facts: OpeningFacts) -> list[str]:
    """The required contract contents that are not filled in, in the law's order."""
    present = {
        "employer": _filled(facts.employer_name),
        "job": _filled(facts.title) and _filled(facts.occupation_code),
        "wage": facts.monthly_wage is not None and _filled(facts.currency),
        "hours": facts.hours_per_week is not None,
        "leave": facts.annual_leave_days is not None,
        "insurance": _filled(facts.insurance),
        "duration": facts.contract_months is not None,
    }
    return [name for name in CONTRACT_FIELDS if not present[name]]


def _destination(facts: OpeningFacts, rules: Iterable[RuleFacts], today: date) -> CheckResult:
    # Judged today and on the start date: a ban already in force, or one starting before the job does, both count.
    rules = list(rules)
    dates = sorted({today, facts.start_date or today})
    verdicts = [(destination_verdict(rules, facts.country_code, facts.sector_code, on), on) for on in dates]
    verdict, on = max(verdicts, key=lambda pair: _STRICTNESS.index(pair[0].status))
    justified = _filled(facts.caution_justification)
    passed = verdict.status == "allowed" or (verdict.status == "caution" and justified)
    return CheckResult(DESTINATION, passed, {
        "status": verdict.status, "country": (facts.country_code or "").upper(), "sector": facts.sector_code,
        "on": on, "rule_id": verdict.rule.id if verdict.rule else None,
        "source": verdict.rule.source if verdict.rule else "", "justified": justified,
    })


def _wage(facts: OpeningFacts) -> CheckResult:
    amount = facts.monthly_wage
    passed = amount is not None and amount > 0 and _filled(facts.currency)
    return CheckResult(WAGE_PRESENT, passed, {"amount": amount, "currency": facts.currency})


def _worker_fee(facts: OpeningFacts) -> CheckResult:
    amount = facts.worker_costs_idr if facts.worker_costs_idr is not None else Decimal(0)
    return CheckResult(NO_WORKER_FEE, amount == 0, {"amount": amount})


def _age_range(facts: OpeningFacts) -> CheckResult:
    low, high = facts.min_age, facts.max_age
    passed = low is not None and low >= ADULT_AGE and (high is None or high >= low)
    return CheckResult(AGE_RANGE_LAWFUL, passed, {"min_age": low, "max_age": high, "adult_age": ADULT_AGE})


def check_opening(facts: OpeningFacts, rules: Iterable[RuleFacts], today: date) -> list[CheckResult]:
    """Every legality check, in CHECK_ORDER."""
    missing = missing_contract_fields(facts)
    return [
        CheckResult(EMPLOYER_VERIFIED, facts.employer_verified),
        CheckResult(AGREEMENT_ACTIVE, facts.agreement_active),
        _destination(facts, rules, today),
        _wage(facts),
        _worker_fee(facts),
        _age_range(facts),
        CheckResult(CERTIFICATION_REQUIRED, len(facts.scheme_codes) > 0, {"count": len(facts.scheme_codes)}),
        CheckResult(CONTRACT_FIELDS_COMPLETE, not missing, {"missing": missing}),
    ]


def failed(results: Iterable[CheckResult]) -> list[CheckResult]:
    return [r for r in results if not r.passed]


def submission_blockers(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed checks that stop an employer from submitting at all."""
    return [r for r in failed(results) if r.code in SUBMISSION_CHECKS]


def is_blocked_destination(results: Iterable[CheckResult]) -> bool:
    return any(r.code == DESTINATION and r.data.get("status") == "blocked" for r in results)


def review_state(results: Iterable[CheckResult]) -> str:
    """`approvable`; `needs_justification` (only an unjustified caution destination stands in the way); `refused`."""
    failures = failed(results)
    if not failures:
        return "approvable"
    if all(r.code == DESTINATION and r.data.get("status") == "caution" for r in failures):
        return "needs_justification"
    return "refused"
