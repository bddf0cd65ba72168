"""Who fails an opening's gates, computed on the matrix: counts per gate by array sums, the failing seeker
ids sorted once, and each one's gates built only for the seekers asked about.

The one implementation behind `rank_candidates(..., with_ineligible=True)` (every one, for `flask match
rank --ineligible`) and the coordinators' paged list (app/services/ineligible_candidates.py).
"""
from dataclasses import dataclass

import numpy as np

from app.domain.eligibility import Gate
from app.domain.matching.ranking import failed_masks
from app.services.matcher.cache import Snapshot


@dataclass(frozen=True)
class Failing:
    seeker_ids: np.ndarray  # every live candidate failing a gate, by seeker id
    counts: dict[Gate, int]  # how many fail each gate
    blocked: tuple[Gate, ...]  # the opening's own gates, failed by everyone
    parts: tuple  # (segment, its gate masks, the rows failing anything)

    def gates_of(self, seeker_ids: np.ndarray) -> dict[int, tuple[Gate, ...]]:
        """The gates each of these (failing) seekers fails: the opening's first, then theirs in gate order."""
        found: dict[int, list[Gate]] = {int(s): list(self.blocked) for s in seeker_ids}
        for segment, masks, failing in self.parts:
            rows = failing[np.isin(segment.seeker_ids[failing], seeker_ids)]
            for gate, mask in masks:
                for seeker in segment.seeker_ids[rows[mask[rows]]].tolist():
                    found[seeker].append(gate)
        return {seeker: tuple(gates) for seeker, gates in found.items()}


def failing(snapshot: Snapshot, query, blocked: tuple[Gate, ...]) -> Failing:
    counts: dict[Gate, int] = {}
    parts = []
    for segment in snapshot.segments:
        masks = failed_masks(segment, query)
        rows = segment.live.copy() if blocked else np.zeros(segment.size, dtype=bool)
        for gate, mask in masks:
            counts[gate] = counts.get(gate, 0) + int(np.count_nonzero(mask))
            rows |= mask
        for gate in blocked:
            counts[gate] = counts.get(gate, 0) + segment.live_count()
        parts.append((segment, masks, np.flatnonzero(rows)))
    everyone = np.sort(np.concatenate([segment.seeker_ids[rows] for segment, _masks, rows in parts]))
    return Failing(everyone, counts, blocked, tuple(parts))
