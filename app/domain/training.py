"""Training rosters: who gets a seat, who waits, who moves up, and demand against capacity.

Pure: dataclasses and dates in, statuses, ids and reason codes out.
"""
from dataclasses import dataclass
from datetime import date, datetime

# Reason codes; the web layer words them (app/web/training_words.py).
COHORT_NOT_OPEN = "COHORT_NOT_OPEN"
COHORT_STARTED = "COHORT_STARTED"
ALREADY_ENROLLED = "ALREADY_ENROLLED"
ALREADY_COMPLETED = "ALREADY_COMPLETED"
NOT_WITHDRAWABLE = "NOT_WITHDRAWABLE"
NOT_ON_ROSTER = "NOT_ON_ROSTER"
COHORT_CLOSED = "COHORT_CLOSED"
MOVE_NOT_ALLOWED = "MOVE_NOT_ALLOWED"
COHORT_NOT_RUNNING = "COHORT_NOT_RUNNING"
COHORT_NOT_STARTED = "COHORT_NOT_STARTED"
RESULTS_MISSING = "RESULTS_MISSING"
CAPACITY_BELOW_SEATS = "CAPACITY_BELOW_SEATS"
ATTENDANCE_RANGE = "ATTENDANCE_RANGE"

# Statuses that hold a seat; a waitlisted or withdrawn person does not.
SEATED = ("enrolled", "completed", "failed")
# Enrolments a person may still leave.
WITHDRAWABLE = ("enrolled", "waitlisted")
# Cohorts whose roster still changes; a completed or cancelled one is a record.
ACTIVE_COHORT = ("planned", "open", "running")

# Moves a coordinator makes with the status buttons; "completed" only comes from completing a cohort.
COHORT_MOVES = {
    "planned": ("open", "cancelled"),
    "open": ("planned", "running", "cancelled"),
    "running": ("cancelled",),
    "completed": (),
    "cancelled": (),
}

# Years a certificate stays valid, where the scheme's rules say so; unknown → no expiry date recorded.
# SKK Konstruksi: "valid 5 years" (reference data); BST / BST-F: STCW certificates of proficiency run
# 5 years; an EPS-TOPIK result counts for 2 years.
SCHEME_VALIDITY_YEARS = {"SKK-KONSTRUKSI": 5, "BST": 5, "BST-F": 5, "KR-EPS": 2}
NUMBER_PREFIXES = ("BLK", "LPK", "LSP")


@dataclass(frozen=True)
class Seat:
    """One enrolment as the roster rules see it."""
    id: int
    status: str
    enrolled_at: datetime


@dataclass(frozen=True)
class DemandLine:
    """One thing a cohort prepares for: an opening's positions, or a partner city's stated need."""
    kind: str                 # "opening" or "partner_city"
    positions: int | None     # None: a partner city that stated no number
    counts: bool = True       # an opening that is no longer approved is shown but not counted


@dataclass(frozen=True)
class Demand:
    demand: int
    capacity: int
    unstated: int             # partner-city links without a number

    @property
    def gap(self) -> int:
        """Positives: more demand than seats; negatives: seats to spare."""
        return self.demand - self.capacity

    @property
    def covered(self) -> bool:
        return self.demand <= self.capacity


def seats_taken(roster: list[Seat]) -> int:
    return sum(1 for s in roster if s.status in SEATED)


def seats_left(capacity: int, roster: list[Seat]) -> int:
    return max(capacity - seats_taken(roster), 0)


def waitlist(roster: list[Seat]) -> list[Seat]:
    """The waiting list in order: first come, first served (ties by id)."""
    return sorted((s for s in roster if s.status == "waitlisted"), key=lambda s: (s.enrolled_at, s.id))


def waitlist_position(roster: list[Seat], enrolment_id: int) -> int | None:
    """1 for the first in line; None when not waiting."""
    for n, seat in enumerate(waitlist(roster), start=1):
        if seat.id == enrolment_id:
            return n
    return None


def status_for_newcomer(capacity: int, roster: list[Seat]) -> str:
    """A new enrolment gets a seat while there is one, otherwise a place on the waiting list."""
    return "enrolled" if seats_taken(roster) < capacity else "waitlisted"


def to_promote(capacity: int, roster: list[Seat], cohort_status: str) -> list[int]:
    """The waitlisted who move up now that seats are free (after a withdrawal or a larger capacity)."""
    if cohort_status not in ACTIVE_COHORT:
        return []
    return [s.id for s in waitlist(roster)[:seats_left(capacity, roster)]]


def enrol_blockers(cohort_status: str, starts_on: date, today: date, my_status: str | None) -> list[str]:
    """Why a seeker cannot enrol in a cohort now; `my_status` is their earlier enrolment there, if any.
    Age is not a gate: vocational students under 18 train early."""
    if my_status in WITHDRAWABLE:
        return [ALREADY_ENROLLED]
    if my_status in ("completed", "failed"):
        return [ALREADY_COMPLETED]
    if cohort_status != "open":
        return [COHORT_NOT_OPEN]
    if starts_on < today:
        return [COHORT_STARTED]
    return []


def withdraw_blockers(status: str, cohort_status: str) -> list[str]:
    if cohort_status not in ACTIVE_COHORT:
        return [COHORT_CLOSED]
    return [] if status in WITHDRAWABLE else [NOT_WITHDRAWABLE]


def record_blockers(status: str, cohort_status: str, attendance_pct: int | None = None) -> list[str]:
    """Why attendance or a result cannot be recorded for an enrolment."""
    if cohort_status not in ACTIVE_COHORT:
        return [COHORT_CLOSED]
    if status != "enrolled":
        return [NOT_ON_ROSTER]
    if attendance_pct is not None and not 0 <= attendance_pct <= 100:
        return [ATTENDANCE_RANGE]
    return []


def status_move_blockers(from_status: str, to_status: str) -> list[str]:
    return [] if to_status in COHORT_MOVES.get(from_status, ()) else [MOVE_NOT_ALLOWED]


def capacity_blockers(capacity: int, roster: list[Seat]) -> list[str]:
    """A cohort never shrinks below the people already seated: nobody loses a seat they were given."""
    return [CAPACITY_BELOW_SEATS] if capacity < seats_taken(roster) else []


def completion_blockers(cohort_status: str, starts_on: date, today: date,
                        results: list[bool | None]) -> list[str]:
    """Why a cohort cannot be completed; `results` are those of the seated (None: not entered yet)."""
    if cohort_status != "running":
        return [COHORT_NOT_RUNNING]
    if starts_on > today:
        return [COHORT_NOT_STARTED]
    if any(r is None for r in results):
        return [RESULTS_MISSING]
    return []


def end_date_on_completion(ends_on: date, today: date) -> date:
    """A cohort completed before its planned end ended today; the certificate is dated so."""
    return min(ends_on, today)


def outcome(passed: bool) -> str:
    return "completed" if passed else "failed"


def certificate_number(provider_kind: str, cohort_id: int, enrolment_id: int) -> str:
    """The number a completed training's certificate gets when none is entered: stable and unique."""
    prefix = provider_kind if provider_kind in NUMBER_PREFIXES else "TRN"
    return f"{prefix}-{cohort_id}-{enrolment_id}"


def certificate_expiry(scheme_code: str, issued_on: date) -> date | None:
    years = SCHEME_VALIDITY_YEARS.get(scheme_code)
    if years is None:
        return None
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 29 February → 28 February
        return issued_on.replace(year=issued_on.year + years, day=28)


def demand_against_capacity(lines: list[DemandLine], capacity: int) -> Demand:
    """Positions of the linked openings still approved plus the stated partner-city positions."""
    counted = [line for line in lines if line.counts]
    return Demand(demand=sum(line.positions or 0 for line in counted), capacity=capacity,
                  unstated=sum(1 for line in counted if line.positions is None))
