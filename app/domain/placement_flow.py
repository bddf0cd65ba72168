"""The placement state machine: which stage may follow which, who may make each move, and why.

Pure: stage, role and reason codes in, problem codes out. The service applies the move; the web
layer turns the codes into words.
"""
from app.domain.vocab import ACTIVE_STAGES, CLOSED_STAGES, STAGES

SEEKER, EMPLOYER, COORDINATOR, SYSTEM = "seeker", "employer", "coordinator", "system"
ROLES = (SEEKER, EMPLOYER, COORDINATOR, SYSTEM)

MOVE_NOT_ALLOWED = "MOVE_NOT_ALLOWED"
ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
REASON_REQUIRED = "REASON_REQUIRED"
UNKNOWN_REASON = "UNKNOWN_REASON"
NOTE_REQUIRED = "NOTE_REQUIRED"

_BEFORE_ACCEPTED = ACTIVE_STAGES[:ACTIVE_STAGES.index("accepted")]      # applied … offered
_BEFORE_DEPARTED = ACTIVE_STAGES[:ACTIVE_STAGES.index("departed")]      # applied … documents_verified
_ABROAD = ("departed", "arrived")

_FORWARD = {
    ("applied", "shortlisted"): {EMPLOYER, COORDINATOR},
    ("shortlisted", "interview"): {EMPLOYER, COORDINATOR},
    ("interview", "offered"): {EMPLOYER, COORDINATOR},
    ("offered", "accepted"): {SEEKER},
    ("accepted", "contract_signed"): {COORDINATOR},
    ("contract_signed", "documents_verified"): {COORDINATOR},
    ("documents_verified", "departed"): {COORDINATOR},
    ("departed", "arrived"): {COORDINATOR},
    ("arrived", "completed"): {COORDINATOR},
    ("completed", "returned"): {COORDINATOR},
    # Coming home before the contract ends, by the worker's own choice (not a repatriation).
    ("arrived", "returned"): {COORDINATOR},
}

_CLOSING = {
    **{(stage, "rejected"): {EMPLOYER, COORDINATOR} for stage in _BEFORE_ACCEPTED},
    **{(stage, "withdrawn"): {SEEKER} for stage in _BEFORE_DEPARTED},
    # The system cancels open applications when the seeker is placed elsewhere or the opening closes.
    **{(stage, "cancelled"): {COORDINATOR, SYSTEM} if stage in _BEFORE_ACCEPTED else {COORDINATOR}
       for stage in _BEFORE_DEPARTED},
    **{(stage, "terminated"): {COORDINATOR} for stage in _ABROAD},
    **{(stage, "repatriated"): {COORDINATOR} for stage in _ABROAD},
}

# Every allowed move, and the roles that may make it.
MOVES: dict[tuple[str, str], frozenset[str]] = {move: frozenset(roles) for move, roles in {**_FORWARD,
                                                                                            **_CLOSING}.items()}

# The reasons a move into each of these stages may give; "other" always needs a note.
REASONS: dict[str, tuple[str, ...]] = {
    "rejected": ("not_selected", "requirements_not_met", "position_filled", "no_show", "other"),
    "withdrawn": ("found_other_work", "family", "changed_mind", "health", "other"),
    "cancelled": ("placed_elsewhere", "opening_closed", "employer_withdrew", "documents_incomplete",
                  "seeker_unreachable", "other"),
    "terminated": ("employer_ended_contract", "worker_ended_contract", "mutual_agreement", "business_closed",
                   "other"),
    "repatriated": ("abuse", "unpaid_wages", "health", "accident", "deportation", "emergency", "other"),
    "returned": ("early_return_family", "early_return_health", "other"),
}
OTHER = "other"


def needs_reason(from_stage: str, to_stage: str) -> bool:
    """Closing moves, and coming home early, must say why."""
    return to_stage in CLOSED_STAGES or (from_stage, to_stage) == ("arrived", "returned")


def check_move(from_stage: str, to_stage: str, role: str, reason_code: str | None = None,
               note: str | None = None) -> list[str]:
    """The problems with moving a placement; an empty list means the move may be made."""
    roles = MOVES.get((from_stage, to_stage))
    if roles is None:
        return [MOVE_NOT_ALLOWED]
    problems = [] if role in roles else [ROLE_NOT_ALLOWED]
    if needs_reason(from_stage, to_stage):
        if not reason_code:
            problems.append(REASON_REQUIRED)
        elif reason_code not in REASONS[to_stage]:
            problems.append(UNKNOWN_REASON)
        elif reason_code == OTHER and not (note or "").strip():
            problems.append(NOTE_REQUIRED)
    elif reason_code:
        problems.append(UNKNOWN_REASON)
    return problems


def moves_for(from_stage: str, role: str) -> list[str]:
    """The stages a role may move a placement to from where it is, in journey order."""
    return [to for to in STAGES if role in MOVES.get((from_stage, to), ())]


def stages_that_may_move_to(to_stage: str, role: str) -> list[str]:
    """The stages from which a role may move a placement to `to_stage`."""
    return [frm for frm in STAGES if role in MOVES.get((frm, to_stage), ())]


def reasons_for(from_stage: str, to_stage: str) -> tuple[str, ...]:
    return REASONS[to_stage] if needs_reason(from_stage, to_stage) else ()


def is_closed(stage: str) -> bool:
    return stage in CLOSED_STAGES


GATED_STAGES = ("documents_verified", "departed")


def requires_predeparture_gate(to_stage: str) -> bool:
    """Moving to this stage needs every pre-departure item verified first (the gate lives elsewhere).

    "documents_verified" says so in its name, and Immigration's departures list counts it as planned
    travel, so it is gated as well as "departed" itself."""
    return to_stage in GATED_STAGES
