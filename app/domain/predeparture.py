"""The pre-departure checklist: which items there are, who holds each, and when one may count as verified.

Pure: dates, terms and statuses in, reason codes out. The service records the decisions; the web layer
turns the codes into words. A placement may depart only when every item is verified by a coordinator
(UU 18/2017 Pasal 13 and Pasal 5; see ../shared/data/legal_rules.md).
"""
import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.vocab import PRE_DEPARTURE_ITEMS

ITEMS = PRE_DEPARTURE_ITEMS
# Papers the seeker holds and has verified on their own papers page; a coordinator attaches them.
SEEKER_HELD = ("marital_status", "passport", "health_certificate", "bpjs", "family_permission", "opp_certificate")
# Papers of this placement only; a coordinator uploads them on the item.
PLACEMENT_HELD = ("employment_contract", "placement_agreement", "work_visa")
# The checklist is worked on between the signed contract and the departure; before, there is nothing to
# check against, and after, it is the record of what was checked.
OPEN_STAGES = ("contract_signed", "documents_verified")

VERIFIED, FLAGGED, REJECTED, PENDING = "verified", "flagged", "rejected", "pending"
PASSPORT_MARGIN_MONTHS = 6

# --- reason codes -------------------------------------------------------------------------------------
PREDEPARTURE_INCOMPLETE = "PREDEPARTURE_INCOMPLETE"
CHECKLIST_CLOSED = "CHECKLIST_CLOSED"
UNKNOWN_ITEM = "UNKNOWN_ITEM"
NOT_ATTACHABLE = "NOT_ATTACHABLE"            # a placement document cannot come from the seeker's papers
NOT_UPLOADABLE = "NOT_UPLOADABLE"            # a seeker's paper is verified on the papers page, not uploaded here
DOCUMENT_WRONG_KIND = "DOCUMENT_WRONG_KIND"
DOCUMENT_UNKNOWN = "DOCUMENT_UNKNOWN"        # not the seeker's current paper of that kind (it changed meanwhile)
DOCUMENT_NOT_VERIFIED = "DOCUMENT_NOT_VERIFIED"
DOCUMENT_EXPIRED = "DOCUMENT_EXPIRED"
START_DATE_UNKNOWN = "START_DATE_UNKNOWN"    # the opening lacks a start date or a duration
PASSPORT_EXPIRY_UNKNOWN = "PASSPORT_EXPIRY_UNKNOWN"
PASSPORT_TOO_SHORT = "PASSPORT_TOO_SHORT"
VISA_TYPE_REQUIRED = "VISA_TYPE_REQUIRED"
VISA_TOURIST_OR_VISIT = "VISA_TOURIST_OR_VISIT"
VISA_NOT_FOR_WORK = "VISA_NOT_FOR_WORK"
VISA_EXPIRES_BEFORE_START = "VISA_EXPIRES_BEFORE_START"
TERMS_INCOMPLETE = "TERMS_INCOMPLETE"
CONTRACT_DIFFERS = "CONTRACT_DIFFERS"
REASON_REQUIRED = "REASON_REQUIRED"

# A paper that fails one of these rules is itself a decision: the item is rejected with the rule as its
# reason (a tourist visa is a warning sign worth keeping). The other codes only refuse what was entered.
RULE_REFUSALS = frozenset({PASSPORT_TOO_SHORT, PASSPORT_EXPIRY_UNKNOWN, DOCUMENT_EXPIRED, VISA_TOURIST_OR_VISIT,
                           VISA_NOT_FOR_WORK, VISA_EXPIRES_BEFORE_START})

# The visa types a coordinator may record. Only a work visa lets a person work; travelling to work on a
# tourist or visit visa is the first sign of a non-procedural departure (Kemlu's red flags).
WORK_VISA = "work"
VISA_TYPES = ("work", "tourist", "visit", "business", "transit", "student", "other")
_VISA_REFUSALS = {"tourist": VISA_TOURIST_OR_VISIT, "visit": VISA_TOURIST_OR_VISIT, "business": VISA_NOT_FOR_WORK,
                  "transit": VISA_NOT_FOR_WORK, "student": VISA_NOT_FOR_WORK, "other": VISA_NOT_FOR_WORK}

# The terms of the contract compared with the opening, in the order the coordinator reads them.
TERM_FIELDS = ("job_title", "monthly_wage", "currency", "hours_per_week", "contract_months")


@dataclass(frozen=True)
class Terms:
    """What an employment contract (or the opening it must match) says."""
    job_title: str | None
    monthly_wage: Decimal | None
    currency: str | None
    hours_per_week: int | None
    contract_months: int | None


@dataclass(frozen=True)
class Difference:
    """One term on which the contract differs from the opening: the opening's value, then the contract's."""
    field: str
    opening: object
    contract: object


@dataclass(frozen=True)
class HeldDocument:
    """A seeker's own paper, as the checklist sees it."""
    kind: str
    status: str
    expires_on: date | None


@dataclass(frozen=True)
class ItemState:
    """An item's status and, when it points at one, the status of its document now."""
    status: str
    document_status: str | None = None


def is_open(stage: str) -> bool:
    """Whether a coordinator may still decide on the items at this stage."""
    return stage in OPEN_STAGES


def holder(item: str) -> str:
    """Who brings the item: "seeker" (from their papers) or "placement" (uploaded on the item)."""
    return "seeker" if item in SEEKER_HELD else "placement"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that month is shorter (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def passport_needed_until(start_date: date, contract_months: int) -> date:
    """A passport must stay valid for the whole contract and six months more."""
    return add_months(start_date, contract_months + PASSPORT_MARGIN_MONTHS)


def passport_problems(expires_on: date | None, start_date: date | None, contract_months: int | None) -> list[str]:
    """Why a passport cannot be accepted for this contract (empty: it can)."""
    if start_date is None or not contract_months:
        return [START_DATE_UNKNOWN]
    if expires_on is None:
        return [PASSPORT_EXPIRY_UNKNOWN]
    return [] if expires_on >= passport_needed_until(start_date, contract_months) else [PASSPORT_TOO_SHORT]


def visa_problems(visa_type: str | None, valid_until: date | None, start_date: date | None) -> list[str]:
    """Why a visa cannot be accepted: it must be a work visa, and not end before the work starts."""
    if not visa_type or visa_type not in VISA_TYPES:
        return [VISA_TYPE_REQUIRED]
    if visa_type != WORK_VISA:
        return [_VISA_REFUSALS[visa_type]]
    if valid_until is not None and start_date is not None and valid_until < start_date:
        return [VISA_EXPIRES_BEFORE_START]
    return []


def attach_problems(item: str, document: HeldDocument, today: date, start_date: date | None,
                    contract_months: int | None, passport_expires_on: date | None = None) -> list[str]:
    """Why a seeker's paper cannot be attached to an item (empty: the coordinator may confirm it).

    For the passport, the document's expiry counts, else the one on the seeker's profile."""
    if item not in SEEKER_HELD:
        return [NOT_ATTACHABLE]
    if document.kind != item:
        return [DOCUMENT_WRONG_KIND]
    if document.status != VERIFIED:
        return [DOCUMENT_NOT_VERIFIED]
    if item == "passport":
        return passport_problems(document.expires_on or passport_expires_on, start_date, contract_months)
    if document.expires_on is not None and document.expires_on < today:
        return [DOCUMENT_EXPIRED]
    return []


def _same_text(a: str | None, b: str | None) -> bool:
    def norm(text: str | None) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text or "").casefold().split())
    return norm(a) == norm(b)


def _same(field: str, opening, contract) -> bool:
    if opening is None or contract is None:
        return False  # an unknown term cannot be shown to match
    if field == "job_title":
        return _same_text(opening, contract)
    if field == "currency":
        return opening.strip().upper() == contract.strip().upper()
    if field == "monthly_wage":
        return Decimal(opening) == Decimal(contract)
    return int(opening) == int(contract)


def contract_differences(opening: Terms, contract: Terms) -> list[Difference]:
    """Every term on which the contract differs from the opening. Any difference flags the contract,
    a better wage included: the seeker agreed to the opening, and a changed contract is checked by a person."""
    return [Difference(name, getattr(opening, name), getattr(contract, name)) for name in TERM_FIELDS
            if not _same(name, getattr(opening, name), getattr(contract, name))]


def terms_problems(contract: Terms) -> list[str]:
    """A contract can be compared only when every term was entered."""
    return [TERMS_INCOMPLETE] if any(getattr(contract, name) in (None, "") for name in TERM_FIELDS) else []


def contract_decision(differences: list[Difference]) -> str:
    return FLAGGED if differences else VERIFIED


def is_cleared(state: ItemState | None) -> bool:
    """An item counts when a coordinator verified it and the document it points at (if any) is still verified:
    a paper the seeker replaced after it was attached waits for review again."""
    return state is not None and state.status == VERIFIED and state.document_status in (None, VERIFIED)


def missing_items(states: Mapping[str, ItemState]) -> list[str]:
    """The items not yet cleared, in checklist order; `states` holds the items that have a row."""
    return [item for item in ITEMS if not is_cleared(states.get(item))]


def departure_problems(states: Mapping[str, ItemState]) -> list[str]:
    """The gate before "departed": every item verified by a coordinator."""
    return [PREDEPARTURE_INCOMPLETE] if missing_items(states) else []
