"""The legal gates a candidate must pass for an opening (Law 18/2017; DESIGN.md "Legal eligibility").

Pure: plain facts in, the failed gates out as codes with their data, never words. An empty list
means eligible. The matcher never ranks around a gate: it filters first, then ranks the rest.

Boundaries: ages are whole years on the start date (the reference date when the opening has none)
and the opening's range is inclusive; a certificate that expires ON the start date is valid on it;
only verified certificates count; a language requirement names one test and is met by a level of
that test at or above it, in the order the reference data gives (no conversion between tests).
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.domain.clock import whole_years_between
from app.domain.destinations import RuleFacts, destination_verdict

ADULT_AGE = 18
_STRICTNESS = ("allowed", "caution", "blocked")


class Gate(StrEnum):
    TOO_YOUNG = "TOO_YOUNG"
    TOO_OLD = "TOO_OLD"
    CERT_MISSING = "CERT_MISSING"
    CERT_EXPIRES_BEFORE_START = "CERT_EXPIRES_BEFORE_START"
    LANGUAGE_BELOW = "LANGUAGE_BELOW"
    EDUCATION_BELOW = "EDUCATION_BELOW"
    DESTINATION_BLOCKED = "DESTINATION_BLOCKED"
    EMPLOYER_NOT_VERIFIED = "EMPLOYER_NOT_VERIFIED"
    AGREEMENT_INACTIVE = "AGREEMENT_INACTIVE"
    OPENING_NOT_APPROVED = "OPENING_NOT_APPROVED"
    WORKER_FEE = "WORKER_FEE"
    NO_CONSENT = "NO_CONSENT"
    ALREADY_PLACED = "ALREADY_PLACED"


# Gates about the opening alone fail for every candidate at once; the others are per candidate.
OPENING_GATES = (Gate.OPENING_NOT_APPROVED, Gate.EMPLOYER_NOT_VERIFIED, Gate.AGREEMENT_INACTIVE,
                 Gate.DESTINATION_BLOCKED, Gate.WORKER_FEE)
CANDIDATE_GATES = (Gate.NO_CONSENT, Gate.ALREADY_PLACED, Gate.TOO_YOUNG, Gate.TOO_OLD, Gate.CERT_MISSING,
                   Gate.CERT_EXPIRES_BEFORE_START, Gate.LANGUAGE_BELOW, Gate.EDUCATION_BELOW)


@dataclass(frozen=True)
class Failure:
    code: Gate
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class HeldCertificate:
    scheme_code: str
    verified: bool
    expires_on: date | None = None  # None: never expires
    kkni_level: int | None = None  # of the scheme, when it has one
    sector_code: str | None = None  # of the scheme


@dataclass(frozen=True)
class HeldLanguage:
    test_code: str
    level_code: str
    rank: int  # LanguageLevel.rank: orders the levels of one test, lowest first


@dataclass(frozen=True)
class CandidateFacts:
    """What the gates and the features know of a seeker; never a name, NIK, gender or kelurahan."""
    seeker_id: int
    birth_date: date
    education_code: str | None = None
    education_rank: int = 0  # EducationLevel.rank; 0 when unknown
    certificates: tuple[HeldCertificate, ...] = ()
    languages: tuple[HeldLanguage, ...] = ()
    consents_to_matching: bool = True
    placed: bool = False  # a placement at stage accepted or later, not closed
    skills: frozenset[str] = frozenset()  # canonical, normalised skill terms
    experience_years: Decimal = Decimal(0)
    experience: tuple[tuple[str, int], ...] = ()  # (ISCO code of the job, months)
    trained_sectors: frozenset[str] = frozenset()  # sectors of completed, passed training
    preferred_countries: frozenset[str] = frozenset()
    preferred_sectors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LanguageNeed:
    test_code: str
    level_code: str
    rank: int


@dataclass(frozen=True)
class OpeningFacts:
    """An opening's requirements and channel, as the gates and the features need them."""
    opening_id: int
    status: str
    employer_verified: bool
    agreement_active: bool
    country_code: str
    sector_code: str | None
    start_date: date | None
    min_age: int = ADULT_AGE
    max_age: int | None = None
    worker_costs_idr: Decimal = Decimal(0)
    caution_justification: str | None = None
    schemes: tuple[str, ...] = ()
    language: LanguageNeed | None = None
    min_education_code: str | None = None
    min_education_rank: int = 0
    occupation_code: str | None = None
    skills: tuple[tuple[str, str], ...] = ()  # (canonical term, importance: must | important | nice)
    required_kkni_level: int | None = None  # the highest KKNI level among the required schemes
    ref: str | None = None
    code: str | None = None

    def start_on(self, today: date) -> date:
        """The date the gates judge age and certificates on."""
        return self.start_date or today


def birthday(born: date, years: int) -> date:
    """The day someone turns `years` (a 29 February birthday falls on 1 March in other years)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def latest_birth_for_age(on: date, years: int) -> date:
    """The last birth date of someone at least `years` old on `on`: the vectorised age gate's cut-off."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # `on` is 29 February and that year has none: born on 28 February is old enough
        return date(on.year - years, 2, 28)


def failed_gates(candidate: CandidateFacts, opening: OpeningFacts, rules: Iterable[RuleFacts],
                 today: date) -> list[Failure]:
    """Every gate this candidate fails for this opening, opening gates first; empty when eligible."""
    return opening_failures(opening, rules, today) + candidate_failures(candidate, opening, today)


def opening_failures(opening: OpeningFacts, rules: Iterable[RuleFacts], today: date) -> list[Failure]:
    """The gates about the opening alone: channel, destination, cost."""
    failures = []
    if opening.status != "approved":
        failures.append(Failure(Gate.OPENING_NOT_APPROVED, {"status": opening.status}))
    if not opening.employer_verified:
        failures.append(Failure(Gate.EMPLOYER_NOT_VERIFIED))
    if not opening.agreement_active:
        failures.append(Failure(Gate.AGREEMENT_INACTIVE))
    blocked = _destination(opening, list(rules), today)
    if blocked:
        failures.append(blocked)
    if (opening.worker_costs_idr or 0) > 0:
        failures.append(Failure(Gate.WORKER_FEE, {"amount": opening.worker_costs_idr}))
    return failures


def _destination(opening: OpeningFacts, rules: list[RuleFacts], today: date) -> Failure | None:
    # Judged today and on the start date: a ban in force now, or one that starts before the job, both count.
    dates = sorted({today, opening.start_on(today)})
    verdicts = [(destination_verdict(rules, opening.country_code, opening.sector_code, on), on) for on in dates]
    verdict, on = max(verdicts, key=lambda pair: _STRICTNESS.index(pair[0].status))
    if verdict.status == "allowed":
        return None
    # A caution destination needs a coordinator's written justification; an approved opening had one
    # when it was approved (approval refuses without it), so approval counts as justified.
    if verdict.status == "caution" and (opening.status == "approved" or (opening.caution_justification or "").strip()):
        return None
    return Failure(Gate.DESTINATION_BLOCKED, {
        "country": (opening.country_code or "").upper(), "sector": opening.sector_code, "status": verdict.status,
        "rule": verdict.rule.id if verdict.rule else None, "on": on})


def candidate_failures(candidate: CandidateFacts, opening: OpeningFacts, today: date) -> list[Failure]:
    """The gates about this candidate: consent, placement, age, certificates, language, education."""
    failures = []
    if not candidate.consents_to_matching:
        failures.append(Failure(Gate.NO_CONSENT))
    if candidate.placed:
        failures.append(Failure(Gate.ALREADY_PLACED))
    failures += _age(candidate, opening, today)
    failures += _certificates(candidate, opening, today)
    language = _language(candidate, opening)
    if language:
        failures.append(language)
    if opening.min_education_rank and candidate.education_rank < opening.min_education_rank:
        failures.append(Failure(Gate.EDUCATION_BELOW,
                                {"has": candidate.education_code, "needs": opening.min_education_code}))
    return failures


def _age(candidate: CandidateFacts, opening: OpeningFacts, today: date) -> list[Failure]:
    start = opening.start_on(today)
    age = whole_years_between(candidate.birth_date, start)
    least = max(ADULT_AGE, opening.min_age or ADULT_AGE)
    if age < least:
        return [Failure(Gate.TOO_YOUNG, {"age_on_start": age, "min_age": least,
                                         "eligible_from": birthday(candidate.birth_date, least)})]
    if opening.max_age is not None and age > opening.max_age:
        return [Failure(Gate.TOO_OLD, {"age_on_start": age, "max_age": opening.max_age})]
    return []


def valid_until(candidate: CandidateFacts, scheme: str) -> tuple[bool, date | None]:
    """Whether the candidate holds a verified certificate of the scheme, and its latest expiry (None: never)."""
    verified = [c for c in candidate.certificates if c.scheme_code == scheme and c.verified]
    if not verified:
        return False, None
    if any(c.expires_on is None for c in verified):
        return True, None
    return True, max(c.expires_on for c in verified)


def _certificates(candidate: CandidateFacts, opening: OpeningFacts, today: date) -> list[Failure]:
    start = opening.start_on(today)
    failures = []
    for scheme in opening.schemes:
        held, expires_on = valid_until(candidate, scheme)
        if not held:
            failures.append(Failure(Gate.CERT_MISSING, {"scheme": scheme}))
        elif expires_on is not None and expires_on < start:
            failures.append(Failure(Gate.CERT_EXPIRES_BEFORE_START,
                                    {"scheme": scheme, "expires_on": expires_on, "start": start}))
    return failures


def best_language(candidate: CandidateFacts, test_code: str) -> HeldLanguage | None:
    held = [lang for lang in candidate.languages if lang.test_code == test_code]
    return max(held, key=lambda lang: lang.rank) if held else None


def _language(candidate: CandidateFacts, opening: OpeningFacts) -> Failure | None:
    need = opening.language
    if need is None:
        return None
    best = best_language(candidate, need.test_code)
    if best is not None and best.rank >= need.rank:
        return None
    return Failure(Gate.LANGUAGE_BELOW, {"test": need.test_code, "has": best.level_code if best else None,
                                         "needs": need.level_code})
