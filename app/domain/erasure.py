"""What may be kept of an erased seeker: an age band and how far they got, nothing that identifies."""
from dataclasses import dataclass
from datetime import date

from app.domain.clock import whole_years_between
from app.domain.vocab import ACTIVE_STAGES, CLOSED_STAGES

# Coarse on purpose: with a kelurahan, a finer band could point at one person.
AGE_BANDS = ((15, "<15"), (18, "15-17"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (None, "45+"))

# A placement in one of these blocks erasure: it is still moving (completed and returned are ends).
IN_PROGRESS_STAGES = ACTIVE_STAGES[:ACTIVE_STAGES.index("completed")]

NO_PLACEMENT = "registered"


@dataclass(frozen=True)
class PlacementTrace:
    """One placement as erasure sees it: where it stands now and every stage it ever reached."""
    stage: str
    reached: tuple[str, ...] = ()


def age_band(birth_date: date, on: date) -> str:
    age = whole_years_between(birth_date, on)
    return next(band for upper, band in AGE_BANDS if upper is None or age < upper)


def blocks_erasure(stage: str) -> bool:
    return stage in IN_PROGRESS_STAGES


def _progress(trace: PlacementTrace) -> tuple[int, int]:
    furthest = max((ACTIVE_STAGES.index(s) for s in (trace.stage, *trace.reached) if s in ACTIVE_STAGES),
                   default=-1)
    # Between two placements that got equally far, the one that ended in a closed stage says more
    # (terminated or repatriated after arriving is the outcome statistics must not lose).
    return furthest, int(trace.stage in CLOSED_STAGES)


def outcome(placements: list[PlacementTrace]) -> str:
    """The current stage of the placement that got furthest, or "registered" without any."""
    if not placements:
        return NO_PLACEMENT
    return max(placements, key=_progress).stage
