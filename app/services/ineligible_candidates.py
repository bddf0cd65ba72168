"""One page of an opening's ineligible candidates, with how many fail each gate, computed on the matrix.

`rank_candidates(..., with_ineligible=True)` lists every ineligible candidate with a Python loop and
reads the ref of each (tens of thousands at city scale: seconds). The coordinators' page shows one
page of them, so this counts each gate with array sums, sorts the failing seeker ids once, and builds
gate lists and refs for the page only. Same gates, same order, same candidates (a test holds them equal).
"""
from dataclasses import dataclass
from datetime import date

import numpy as np

from app.domain.eligibility import Gate, opening_failures
from app.domain.matching.ranking import compile_query, failed_masks
from app.models import Opening
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import opening_facts, seeker_refs
from app.services.matcher.rank import IneligibleCandidate, matcher


@dataclass(frozen=True)
class IneligiblePage:
    items: list[IneligibleCandidate]
    page: int
    pages: int
    total: int
    by_gate: list[tuple[Gate, int]]  # how many candidates fail each gate, most first


def ineligible_page(opening: Opening, page: int, per_page: int, today: date) -> IneligiblePage:
    """The ineligible candidates of page `page` (by seeker id), their gates and refs, and the totals."""
    snapshot = matcher().fresh()
    facts = opening_facts(opening, snapshot.vocabulary, today)
    blocked = tuple(f.code for f in opening_failures(facts, rules_facts(), today))
    query = compile_query(facts, snapshot.segments, snapshot.keys, snapshot.vocabulary.reference, today)
    counts: dict[Gate, int] = {}
    parts = []  # (segment, its gate masks, the rows failing anything)
    for segment in snapshot.segments:
        masks = failed_masks(segment, query)
        failing = segment.live.copy() if blocked else np.zeros(segment.size, dtype=bool)
        for gate, mask in masks:
            counts[gate] = counts.get(gate, 0) + int(np.count_nonzero(mask))
            failing |= mask
        for gate in blocked:
            counts[gate] = counts.get(gate, 0) + segment.live_count()
        parts.append((segment, masks, np.flatnonzero(failing)))
    everyone = np.sort(np.concatenate([segment.seeker_ids[rows] for segment, _masks, rows in parts]))
    pages = max(1, -(-len(everyone) // per_page))
    page = min(max(1, page), pages)
    shown = everyone[(page - 1) * per_page:page * per_page]
    gates = _gates_of(shown, parts, blocked)
    refs = seeker_refs(shown.tolist())
    return IneligiblePage(
        items=[IneligibleCandidate(int(s), refs[int(s)], gates[int(s)]) for s in shown], page=page, pages=pages,
        total=len(everyone), by_gate=sorted(counts.items(), key=lambda item: (-item[1], str(item[0]))))


def _gates_of(seeker_ids: np.ndarray, parts, blocked: tuple[Gate, ...]) -> dict[int, tuple[Gate, ...]]:
    """The gates each of these (failing) seekers fails: the opening's first, then theirs in gate order."""
    found: dict[int, list[Gate]] = {int(s): list(blocked) for s in seeker_ids}
    for segment, masks, failing in parts:
        live_failing = segment.seeker_ids[failing]
        rows = failing[np.isin(live_failing, seeker_ids)]
        for gate, mask in masks:
            for seeker in segment.seeker_ids[rows[mask[rows]]].tolist():
                found[seeker].append(gate)
    return {seeker: tuple(gates) for seeker, gates in found.items()}
