"""One page of an opening's ineligible candidates, with how many fail each gate.

The coordinators' page shows one page of them (there can be tens of thousands), so gate lists and refs
are built for that page only; the counting is app/services/matcher/ineligible.py's, as for
`rank_candidates(..., with_ineligible=True)` (a test holds the two equal).
"""
from dataclasses import dataclass
from datetime import date

from app.domain.eligibility import Gate, opening_failures
from app.domain.matching.ranking import compile_query
from app.models import Opening
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import opening_facts, seeker_refs
from app.services.matcher.ineligible import failing
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
    found = failing(snapshot, query, blocked)
    everyone = found.seeker_ids
    pages = max(1, -(-len(everyone) // per_page))
    page = min(max(1, page), pages)
    shown = everyone[(page - 1) * per_page:page * per_page]
    gates = found.gates_of(shown)
    refs = seeker_refs(shown.tolist())
    return IneligiblePage(
        items=[IneligibleCandidate(int(s), refs[int(s)], gates[int(s)]) for s in shown], page=page, pages=pages,
        total=len(everyone), by_gate=sorted(found.counts.items(), key=lambda item: (-item[1], str(item[0]))))

