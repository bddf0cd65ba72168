"""Explanations for the rows shown, and only those: back from the matrix to facts, then the reference.

For each shown row the matrix gives back what the opening asks about (its skills, schemes, test,
occupation, sector, country); the reference gates must find nothing (a second, independent check
that no ineligible candidate is ever listed) and the reference features give the factors.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from app.domain.eligibility import CandidateFacts, HeldCertificate, HeldLanguage, candidate_failures
from app.domain.matching.matrix import NEVER, Keys, MatchReference, Segment, postings
from app.domain.matching.ranking import Hit, Query
from app.domain.matching.scoring import Factor, explain


class IneligibleRanked(AssertionError):
    """The vectorised gates let through a candidate the reference gates refuse: a bug, never shown."""


@dataclass(frozen=True)
class Explained:
    seeker_id: int
    rank: int
    score: float
    factors: list[Factor]


def _lookup(matrix, key: int | None, shown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each shown row: does it hold `key`, and with which value."""
    rows, values = postings(matrix, key)
    if not len(rows):
        return np.zeros(len(shown), dtype=bool), np.zeros(len(shown), dtype=np.int64)
    at = np.minimum(np.searchsorted(rows, shown), len(rows) - 1)
    return rows[at] == shown, values[at]


def shown_facts(segment: Segment, shown: np.ndarray, query: Query, keys: Keys,
                reference: MatchReference) -> list[CandidateFacts]:
    """Facts of the shown rows, limited to what the opening asks about (all the gates and features read)."""
    opening = query.opening
    skills = [(term, _lookup(segment.skills, key, shown)[0]) for term, key, _importance in query.terms]
    schemes = dict.fromkeys(list(opening.schemes) + [keys.schemes.items[key] for key, _level in query.kkni])
    certificates = [(code, *_lookup(segment.certificates, keys.schemes.get(code), shown)) for code in schemes]
    jobs = [(keys.occupations.items[key], *_lookup(segment.experience, key, shown)) for key in query.occupations]
    trained = _lookup(segment.trained, query.sector, shown)[0]
    country = _lookup(segment.countries, query.country, shown)[0]
    sector = _lookup(segment.sectors, query.sector, shown)[0]
    test = opening.language.test_code if opening.language else None
    ranks = segment.languages.get(keys.tests.get(test)) if test else None
    facts = []
    for i, row in enumerate(shown):
        education = int(segment.education[row])
        rank = int(ranks[row]) if ranks is not None else 0
        facts.append(CandidateFacts(
            seeker_id=int(segment.seeker_ids[row]), birth_date=date.fromordinal(int(segment.birth[row])),
            education_code=keys.educations.items[education] if education >= 0 else None,
            education_rank=int(segment.education_rank[row]),
            certificates=tuple(HeldCertificate(code, True, None if until[i] == NEVER else date.fromordinal(
                int(until[i])), *reference.schemes.get(code, (None, None))) for code, held, until in certificates
                if held[i]),
            languages=(HeldLanguage(test, reference.level_codes.get((test, rank), str(rank)), rank),) if rank else (),
            consents_to_matching=bool(segment.consent[row]), placed=bool(segment.placed[row]),
            skills=frozenset(term for term, held in skills if held[i]),
            experience_years=Decimal(int(segment.experience_tenths[row])) / 10,
            experience=tuple((code, int(months[i])) for code, held, months in jobs if held[i]),
            trained_sectors=frozenset([opening.sector_code]) if trained[i] else frozenset(),
            preferred_countries=frozenset([opening.country_code]) if country[i] else frozenset(),
            preferred_sectors=frozenset([opening.sector_code]) if sector[i] else frozenset(),
        ))
    return facts


def explain_hits(segments: Sequence[Segment], hits: Sequence[Hit], query: Query, keys: Keys,
                 reference: MatchReference, scorer) -> list[Explained]:
    """Rank, score and factors of each hit; raises IneligibleRanked if the reference gates disagree."""
    explained = []
    for number, segment in enumerate(segments):
        mine = [(place, hit) for place, hit in enumerate(hits) if hit.segment == number]
        if not mine:
            continue
        facts = shown_facts(segment, np.array([hit.row for _place, hit in mine]), query, keys, reference)
        for (place, hit), candidate in zip(mine, facts, strict=True):
            if candidate_failures(candidate, query.opening, query.today):
                raise IneligibleRanked(f"seeker {hit.seeker_id} passed the vectorised gates but not the reference")
            _score, factors = explain(candidate, query.opening, query.idf, query.today, scorer, query.applicable)
            explained.append(Explained(hit.seeker_id, place + 1, hit.score, factors))
    return sorted(explained, key=lambda e: e.rank)
