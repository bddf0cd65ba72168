"""What the city may tell Immigration under the MoU: the shape of a look-up answer, the departures
window, an opening code's verification, and when a look-up is an early warning.

Pure: facts in, answers and reason codes out. The service loads the facts; the web layer serialises.
"""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.vocab import PLACED_STAGES

# A placement that counts as "active" for Immigration: accepted up to arrived (never closed or finished).
ACTIVE_FOR_IMMIGRATION = PLACED_STAGES
# A registered person at the border with none of these is the early warning of a non-procedural departure.
TRAVEL_STAGES = ("contract_signed", "documents_verified", "departed")
# A departure is listed once it happened, or when the papers are verified and the date is planned.
DEPARTED_OR_LATER = ("departed", "arrived", "completed", "returned")
PLANNED_STAGE = "documents_verified"

IDENTIFIERS = ("nik", "nik_hash", "passport_number")
ONE_IDENTIFIER = "ONE_IDENTIFIER"
BAD_NIK = "BAD_NIK"
BAD_NIK_HASH = "BAD_NIK_HASH"
BAD_PASSPORT = "BAD_PASSPORT"
BAD_DATE = "BAD_DATE"
WINDOW_REVERSED = "WINDOW_REVERSED"
WINDOW_TOO_LONG = "WINDOW_TOO_LONG"

DEFAULT_WINDOW_DAYS = 30
MAX_WINDOW_DAYS = 366

_NIK = re.compile(r"[0-9]{16}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_PASSPORT = re.compile(r"[A-Z0-9]{6,9}")


@dataclass(frozen=True)
class Identifier:
    kind: str   # one of IDENTIFIERS
    value: str  # normalised


@dataclass(frozen=True)
class PlacementFacts:
    stage: str
    departure_date: date | None
    country_code: str
    city: str
    employer: str
    opening_code: str | None


@dataclass(frozen=True)
class PersonFacts:
    registered: bool
    consents: bool
    placements: tuple[PlacementFacts, ...] = ()


@dataclass(frozen=True)
class LookupAnswer:
    """Exactly the keys the API answers, in order; nothing more is ever shared."""
    registered: bool
    consent_to_share: bool | None
    active_placement: bool
    stage: str | None = None
    destination_country: str | None = None
    destination_city: str | None = None
    employer: str | None = None
    opening_code: str | None = None
    departure_date: date | None = None


NOT_REGISTERED = LookupAnswer(registered=False, consent_to_share=None, active_placement=False)
NOT_SHARED = LookupAnswer(registered=True, consent_to_share=False, active_placement=False)


@dataclass(frozen=True)
class Window:
    start: date
    end: date


@dataclass(frozen=True)
class OpeningFacts:
    status: str            # the opening's own status
    was_public: bool       # approved at some time, so its details were published
    employer: str
    city: str
    country_code: str


@dataclass(frozen=True)
class OpeningCheck:
    valid: bool
    code: str | None
    status: str            # approved, closed, under_review, unknown, malformed
    employer: str | None = None
    city: str | None = None
    country: str | None = None


def parse_identifier(body: dict) -> tuple[Identifier | None, str | None]:
    """Exactly one of nik, nik_hash, passport_number, well formed; else (None, a problem code)."""
    given = [k for k in IDENTIFIERS if body.get(k) not in (None, "")]
    if len(given) != 1 or not isinstance(body[given[0]], str):
        return None, ONE_IDENTIFIER
    kind, raw = given[0], body[given[0]]
    if kind == "nik":
        value = re.sub(r"[\s.\-]", "", raw)
        return (Identifier(kind, value), None) if _NIK.fullmatch(value) else (None, BAD_NIK)
    if kind == "nik_hash":
        value = raw.strip().lower()
        return (Identifier(kind, value), None) if _HEX64.fullmatch(value) else (None, BAD_NIK_HASH)
    value = re.sub(r"[\s\-]", "", raw).upper()
    return (Identifier(kind, value), None) if _PASSPORT.fullmatch(value) else (None, BAD_PASSPORT)


def current_placement(placements: tuple[PlacementFacts, ...]) -> PlacementFacts | None:
    """The most advanced active placement (accepted … arrived); None if there is none."""
    active = [p for p in placements if p.stage in ACTIVE_FOR_IMMIGRATION]
    return max(active, key=lambda p: ACTIVE_FOR_IMMIGRATION.index(p.stage), default=None)


def answer(facts: PersonFacts) -> LookupAnswer:
    """The look-up answer: nothing beyond `registered` without consent; the active placement with it."""
    if not facts.registered:
        return NOT_REGISTERED
    if not facts.consents:
        return NOT_SHARED
    placement = current_placement(facts.placements)
    if placement is None:
        return LookupAnswer(registered=True, consent_to_share=True, active_placement=False)
    return LookupAnswer(
        registered=True, consent_to_share=True, active_placement=True, stage=placement.stage,
        destination_country=placement.country_code, destination_city=placement.city,
        employer=placement.employer, opening_code=placement.opening_code, departure_date=placement.departure_date,
    )


def departure_answer(placement: PlacementFacts) -> LookupAnswer:
    """One row of the departures list (only consenting seekers are listed): that placement's own facts."""
    return LookupAnswer(
        registered=True, consent_to_share=True, active_placement=placement.stage in ACTIVE_FOR_IMMIGRATION,
        stage=placement.stage, destination_country=placement.country_code, destination_city=placement.city,
        employer=placement.employer, opening_code=placement.opening_code, departure_date=placement.departure_date,
    )


def is_early_warning(facts: PersonFacts) -> bool:
    """A registered person looked up at the border with no placement that would justify travel."""
    return facts.registered and not any(p.stage in TRAVEL_STAGES for p in facts.placements)


def summary(given: LookupAnswer) -> dict:
    """What the audit log keeps of an answer: flags only, never a value about the person."""
    return {"registered": given.registered, "consent_to_share": given.consent_to_share,
            "active_placement": given.active_placement}


def is_listed_departure(stage: str, departure_date: date | None) -> bool:
    """Whether a placement belongs in the departures list (the service's query says the same in SQL)."""
    return departure_date is not None and (stage in DEPARTED_OR_LATER or stage == PLANNED_STAGE)


def parse_window(start: str | None, end: str | None, today: date) -> tuple[Window | None, str | None]:
    """`from`/`to` as ISO dates; from defaults to today, to to 30 days after from; at most a year long."""
    try:
        first = date.fromisoformat(start) if start else today
        last = date.fromisoformat(end) if end else first + timedelta(days=DEFAULT_WINDOW_DAYS)
    except (TypeError, ValueError):
        return None, BAD_DATE
    if last < first:
        return None, WINDOW_REVERSED
    if (last - first).days > MAX_WINDOW_DAYS:
        return None, WINDOW_TOO_LONG
    return Window(first, last), None


def check_opening(code: str, facts: OpeningFacts | None) -> OpeningCheck:
    """Verification of a normalised code ("" when malformed): valid only while approved; employer and place
    only if the opening was ever public."""
    if not code:
        return OpeningCheck(valid=False, code=None, status="malformed")
    if facts is None:
        return OpeningCheck(valid=False, code=code, status="unknown")
    status = "approved" if facts.status == "approved" else "closed" if facts.status == "closed" else "under_review"
    if not facts.was_public:
        return OpeningCheck(valid=False, code=code, status=status)
    return OpeningCheck(valid=status == "approved", code=code, status=status, employer=facts.employer,
                        city=facts.city, country=facts.country_code)
