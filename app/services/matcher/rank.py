"""Ranking in both directions: the candidates for an opening, and the openings for a seeker.

Both read the process's candidate matrix (fresh before every ranking), gate first, score the
eligible with the serving scorer and explain only the rows returned. They read and return; the
caller audits what it shows with `audit_ranking` / `audit_matches` (a read of personal data).
"""
from dataclasses import dataclass
from datetime import date

from flask import current_app

from app.domain.eligibility import Failure, Gate, candidate_failures, opening_failures
from app.domain.matching.explaining import explain_hits
from app.domain.matching.matrix import Keys, facts_from_columns
from app.domain.matching.ranking import compile_query, idf_of, rank
from app.domain.matching.scoring import Factor, explain
from app.models import Opening, SeekerProfile
from app.services import audit
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts
from app.services.matcher.cache import CandidateCache, Snapshot
from app.services.matcher.facts import (
    load_candidates,
    opening_facts,
    seeker_refs,
)
from app.services.matcher.ineligible import failing
from app.services.matcher.opening_board import approved_board
from app.services.matcher.scorers import serving_scorer

EXTENSION = "jembatan.matcher"
AUDITED_IDS = 500  # an audit entry names at most this many shown seekers (and always counts them all)


def matcher() -> CandidateCache:
    """This app's candidate cache (one per app instance, so one per process in production)."""
    return current_app.extensions.setdefault(EXTENSION, CandidateCache())


@dataclass(frozen=True)
class RankedCandidate:
    seeker_id: int
    ref: str
    rank: int
    score: float
    explanation: list[Factor]


@dataclass(frozen=True)
class IneligibleCandidate:
    seeker_id: int
    ref: str
    gates: tuple[Gate, ...]


@dataclass(frozen=True)
class CandidateRanking:
    opening_id: int
    opening_ref: str | None
    opening_code: str | None
    model: str
    eligible: int  # how many candidates passed every gate (the list holds at most top_k of them)
    candidates: list[RankedCandidate]
    opening_gates: list[Failure]  # gates the opening itself fails: then nobody is eligible
    ineligible: list[IneligibleCandidate] | None = None


def rank_candidates(opening: Opening, top_k: int, with_ineligible: bool = False,
                    on: date | None = None) -> CandidateRanking:
    """The best `top_k` eligible candidates, best first, explained; with the ineligible and their gates if asked."""
    today = on or local_today()
    snapshot = matcher().fresh()
    facts = opening_facts(opening, snapshot.vocabulary, today)
    blocked = opening_failures(facts, rules_facts(), today)
    query = compile_query(facts, snapshot.segments, snapshot.keys, snapshot.vocabulary.reference, today)
    scorer = serving_scorer()
    hits, eligible = ([], 0) if blocked else rank(snapshot.segments, query, scorer, max(top_k, 0))
    explained = explain_hits(snapshot.segments, hits, query, snapshot.keys, snapshot.vocabulary.reference, scorer)
    refused = _ineligible(snapshot, query, blocked) if with_ineligible else None
    refs = seeker_refs([e.seeker_id for e in explained] + [seeker for seeker, _gates in refused or []])
    return CandidateRanking(
        opening_id=opening.id, opening_ref=opening.ref, opening_code=opening.code, model=scorer.name,
        eligible=eligible, opening_gates=blocked,
        candidates=[RankedCandidate(e.seeker_id, refs[e.seeker_id], e.rank, e.score, e.factors) for e in explained],
        ineligible=None if refused is None else [IneligibleCandidate(s, refs[s], gates) for s, gates in refused],
    )


def _ineligible(snapshot: Snapshot, query, blocked: list[Failure]) -> list[tuple[int, tuple[Gate, ...]]]:
    """Every live candidate who fails a gate, by seeker id, with the codes of the gates failed."""
    found = failing(snapshot, query, tuple(f.code for f in blocked))
    gates = found.gates_of(found.seeker_ids)
    return [(int(seeker), gates[int(seeker)]) for seeker in found.seeker_ids]


@dataclass(frozen=True)
class RankedOpening:
    opening_id: int
    ref: str | None
    code: str | None
    rank: int
    score: float
    explanation: list[Factor]


@dataclass(frozen=True)
class BlockedOpening:
    """An approved opening this seeker cannot be matched to, with every gate that stands in the way."""
    opening_id: int
    ref: str | None
    code: str | None
    failures: list[Failure]


@dataclass(frozen=True)
class SeekerMatches:
    seeker_id: int
    ref: str
    model: str
    openings: list[RankedOpening]
    ineligible: list[BlockedOpening]


def rank_openings(seeker: SeekerProfile, top_k: int, on: date | None = None) -> SeekerMatches:
    """The best `top_k` approved openings for this seeker, explained; and every one they are not eligible for, why."""
    today = on or local_today()
    snapshot = matcher().fresh()
    keys = Keys()  # the seeker's own: the shared vocabularies change only under the cache's lock
    columns = load_candidates(keys, snapshot.vocabulary, [seeker.id])
    scorer = serving_scorer()
    ref = seeker_refs([seeker.id])[seeker.id]
    if not len(columns):  # erased: nothing is matched any more
        return SeekerMatches(seeker.id, ref, scorer.name, [], [])
    candidate = facts_from_columns(columns, keys, snapshot.vocabulary.reference)[0]
    scored, blocked = [], []
    for entry in approved_board(snapshot.vocabulary, snapshot.stamp, today):
        failures = list(entry.blocked) + candidate_failures(candidate, entry.facts, today)
        if failures:
            blocked.append(BlockedOpening(entry.opening_id, entry.ref, entry.code, failures))
            continue
        idf = idf_of([term for term, _importance in entry.facts.skills], snapshot.segments, snapshot.keys)
        score, factors = explain(candidate, entry.facts, idf, today, scorer)
        scored.append((score, entry, factors))
    scored.sort(key=lambda item: (-item[0], item[1].opening_id))
    return SeekerMatches(
        seeker_id=seeker.id, ref=ref, model=scorer.name, ineligible=blocked,
        openings=[RankedOpening(o.opening_id, o.ref, o.code, place, score, factors)
                  for place, (score, o, factors) in enumerate(scored[:max(top_k, 0)], start=1)])


def audit_ranking(actor: audit.Actor, ranking: CandidateRanking) -> None:
    """Record (and commit) that these candidates were shown to someone."""
    shown = [c.seeker_id for c in ranking.candidates] + [c.seeker_id for c in ranking.ineligible or []]
    audit.record_now(actor, "candidates_ranked", object_type="openings", object_id=ranking.opening_id,
                     model=ranking.model, shown=len(shown), seeker_ids=shown[:AUDITED_IDS])


def audit_matches(actor: audit.Actor, matches: SeekerMatches) -> None:
    """Record (and commit) that a seeker's matches were read."""
    audit.record_now(actor, "seeker_matches_read", object_type="seekers", object_id=matches.seeker_id,
                     model=matches.model, openings=len(matches.openings), ineligible=len(matches.ineligible))
