"""Whether a seeker may apply to an opening: the checks that hold until the matcher's full gates arrive.

Pure: plain facts in, blocker codes out. The matcher may replace `application_blockers` or add its
gates to the list it returns.
"""
from dataclasses import dataclass
from datetime import date

from app.domain.clock import whole_years_between

ADULT_AGE = 18

OPENING_NOT_OPEN = "OPENING_NOT_OPEN"
DEADLINE_PASSED = "DEADLINE_PASSED"
NO_MATCHING_CONSENT = "NO_MATCHING_CONSENT"
UNDER_18_ON_START = "UNDER_18_ON_START"
BELOW_MIN_AGE = "BELOW_MIN_AGE"
ABOVE_MAX_AGE = "ABOVE_MAX_AGE"
ALREADY_PLACED = "ALREADY_PLACED"
ALREADY_APPLIED = "ALREADY_APPLIED"
WITHDRAWN_BEFORE = "WITHDRAWN_BEFORE"


@dataclass(frozen=True)
class ApplicationFacts:
    today: date
    opening_status: str
    employer_verified: bool
    deadline: date | None
    start_date: date | None
    min_age: int
    max_age: int | None
    birth_date: date
    consents_to_matching: bool
    already_placed: bool = False
    existing_stage: str | None = None  # the stage of this seeker's earlier application to this opening


def age_on_start(facts: ApplicationFacts) -> int:
    """Age in whole years on the opening's start date (today when the opening has none yet)."""
    return whole_years_between(facts.birth_date, facts.start_date or facts.today)


def application_blockers(facts: ApplicationFacts) -> list[str]:
    """Why this seeker cannot apply to this opening now; an empty list means they can."""
    if facts.existing_stage == "withdrawn":
        return [WITHDRAWN_BEFORE]  # a withdrawn application is final; nothing else matters
    if facts.existing_stage is not None:
        return [ALREADY_APPLIED]
    blockers = []
    if facts.opening_status != "approved" or not facts.employer_verified:
        blockers.append(OPENING_NOT_OPEN)
    elif facts.deadline is not None and facts.deadline < facts.today:
        blockers.append(DEADLINE_PASSED)
    if not facts.consents_to_matching:
        blockers.append(NO_MATCHING_CONSENT)
    blockers += _age_blockers(facts)
    if facts.already_placed:
        blockers.append(ALREADY_PLACED)
    return blockers


def _age_blockers(facts: ApplicationFacts) -> list[str]:
    age = age_on_start(facts)
    if age < ADULT_AGE:
        return [UNDER_18_ON_START]
    if age < facts.min_age:
        return [BELOW_MIN_AGE]
    if facts.max_age is not None and age > facts.max_age:
        return [ABOVE_MAX_AGE]
    return []
