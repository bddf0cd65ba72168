"""Ranking one opening over the candidate matrix: gate masks, features of the eligible, top k.

The opening is compiled once into a `Query` (its keys in the matrix, its age cut-offs as birth
ordinals, the idf of its skills). Each gate is a boolean mask over contiguous columns; features
are computed only for the eligible rows and only from the sparse columns the opening names; top k
uses np.argpartition, ties broken by seeker id. The arithmetic mirrors features.py operation for
operation, so the scores are the reference scores to the last bit.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from app.domain.eligibility import ADULT_AGE, Gate, OpeningFacts, latest_birth_for_age
from app.domain.matching.features import (
    EXPERIENCE_TENTHS_CAP,
    IMPORTANCE_WEIGHT,
    KKNI_CAP,
    LEVELS_CAP,
    RELEVANT_MONTHS_CAP,
    REQUIRED_IMPORTANCE,
    applies,
    in_occupation,
    skill_idf,
)
from app.domain.matching.matrix import Keys, MatchReference, Segment, postings


@dataclass(frozen=True)
class Query:
    """An opening compiled against one cache's vocabularies and candidate counts."""
    opening: OpeningFacts
    today: date
    start: int  # ordinal of the day gates judge on
    born_by: int  # latest birth ordinal old enough on the start date
    born_after: int | None  # birth ordinals at or before this are too old
    schemes: tuple[tuple[str, int | None], ...]
    language: tuple[int | None, int] | None  # (test key, rank needed)
    terms: tuple[tuple[str, int | None, str], ...]  # (term, key, importance)
    idf: dict[str, float]
    kkni: tuple[tuple[int, int], ...]  # (scheme key, KKNI level) of certificates that count for CERT_LEVEL
    occupations: tuple[int, ...]  # occupation keys inside the opening's ISCO group
    sector: int | None
    country: int | None
    applicable: tuple[bool, ...]


def compile_query(opening: OpeningFacts, segments: Sequence[Segment], keys: Keys, reference: MatchReference,
                  today: date, idf: dict[str, float] | None = None) -> Query:
    """The opening against these segments; `idf` defaults to the idf over their live candidates."""
    start = opening.start_on(today)
    least = max(ADULT_AGE, opening.min_age or ADULT_AGE)
    oldest = None if opening.max_age is None else latest_birth_for_age(start, opening.max_age + 1).toordinal()
    terms = tuple((term, keys.terms.get(term), importance) for term, importance in opening.skills)
    if idf is None:
        idf = idf_of([term for term, _key, _importance in terms], segments, keys)
    kkni = tuple((keys.schemes.get(code), level) for code, (level, sector) in sorted(reference.schemes.items())
                 if level is not None and keys.schemes.get(code) is not None
                 and (sector == opening.sector_code or code in opening.schemes))
    language = None
    if opening.language is not None:
        language = (keys.tests.get(opening.language.test_code), opening.language.rank)
    return Query(
        opening=opening, today=today, start=start.toordinal(), born_by=latest_birth_for_age(start, least).toordinal(),
        born_after=oldest, schemes=tuple((code, keys.schemes.get(code)) for code in opening.schemes),
        language=language, terms=terms, idf=idf, kkni=kkni,
        occupations=tuple(i for i, code in enumerate(keys.occupations.items)
                          if in_occupation(code, opening.occupation_code)),
        sector=keys.sectors.get(opening.sector_code), country=keys.countries.get(opening.country_code),
        applicable=applies(opening),
    )


def idf_of(terms: Sequence[str], segments: Sequence[Segment], keys: Keys) -> dict[str, float]:
    """The idf of each term over the live candidates of every segment."""
    candidates = sum(segment.live_count() for segment in segments)
    return {term: skill_idf(_document_frequency(segments, keys.terms.get(term)), candidates) for term in terms}


def _document_frequency(segments: Sequence[Segment], key: int | None) -> int:
    return sum(int(np.count_nonzero(segment.live[postings(segment.skills, key)[0]])) for segment in segments)


# --- gates --------------------------------------------------------------------------------------

def _holders(segment: Segment, key: int | None, start: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows holding a verified certificate of the scheme at all, and rows holding one valid on `start`."""
    held = np.zeros(segment.size, dtype=bool)
    valid = np.zeros(segment.size, dtype=bool)
    rows, until = postings(segment.certificates, key)
    held[rows] = True
    valid[rows[until >= start]] = True
    return held, valid


def _language_rank(segment: Segment, query: Query) -> np.ndarray:
    test = query.language[0]
    column = segment.languages.get(test) if test is not None else None
    return column if column is not None else np.zeros(segment.size, dtype=np.int8)


def eligible_rows(segment: Segment, query: Query) -> np.ndarray:
    """Rows that pass every candidate gate (the caller has checked the opening's own gates)."""
    mask = segment.live & segment.consent
    mask &= ~segment.placed
    mask &= segment.birth <= query.born_by
    if query.born_after is not None:
        mask &= segment.birth > query.born_after
    if query.opening.min_education_rank:
        mask &= segment.education_rank >= query.opening.min_education_rank
    if query.language is not None:
        mask &= _language_rank(segment, query) >= query.language[1]
    for _code, key in query.schemes:
        mask &= _holders(segment, key, query.start)[1]
    return np.flatnonzero(mask)


def failed_masks(segment: Segment, query: Query) -> list[tuple[Gate, np.ndarray]]:
    """For --ineligible: each candidate gate with the live rows that fail it."""
    masks = [(Gate.NO_CONSENT, ~segment.consent), (Gate.ALREADY_PLACED, segment.placed.copy()),
             (Gate.TOO_YOUNG, segment.birth > query.born_by)]
    if query.born_after is not None:
        masks.append((Gate.TOO_OLD, segment.birth <= query.born_after))
    missing = np.zeros(segment.size, dtype=bool)
    expiring = np.zeros(segment.size, dtype=bool)
    for _code, key in query.schemes:
        held, valid = _holders(segment, key, query.start)
        missing |= ~held
        expiring |= held & ~valid
    masks += [(Gate.CERT_MISSING, missing), (Gate.CERT_EXPIRES_BEFORE_START, expiring)]
    if query.language is not None:
        masks.append((Gate.LANGUAGE_BELOW, _language_rank(segment, query) < query.language[1]))
    if query.opening.min_education_rank:
        masks.append((Gate.EDUCATION_BELOW, segment.education_rank < query.opening.min_education_rank))
    return [(gate, mask & segment.live) for gate, mask in masks if mask.any()]


# --- features -----------------------------------------------------------------------------------

class _Eligible:
    """The eligible rows of one segment, and where each segment row sits among them."""

    def __init__(self, segment: Segment, rows: np.ndarray):
        self.segment, self.rows = segment, rows
        self.position = np.full(segment.size, -1, dtype=np.int32)
        self.position[rows] = np.arange(len(rows), dtype=np.int32)
        self._skills: dict[int | None, np.ndarray] = {}

    def holding(self, matrix, key: int | None) -> tuple[np.ndarray, np.ndarray]:
        """Positions (among the eligible) of the rows holding `key`, with their values."""
        rows, values = postings(matrix, key)
        if not len(rows):
            return rows, values
        where = self.position[rows]
        chosen = where >= 0
        return where[chosen], values[chosen]

    def with_skill(self, key: int | None) -> np.ndarray:
        """Positions of the eligible rows holding a skill (asked once per term, however many features read it)."""
        if key not in self._skills:
            self._skills[key] = self.holding(self.segment.skills, key)[0]
        return self._skills[key]

    def member(self, matrix, key: int | None) -> np.ndarray:
        found = np.zeros(len(self.rows), dtype=bool)
        found[self.holding(matrix, key)[0]] = True
        return found


def _skill_share(eligible: _Eligible, query: Query, weigh) -> np.ndarray | None:
    """sum(weight of the asked terms held) / sum(weight of the asked terms), in the opening's term order."""
    total, got = 0.0, None
    for term, key, importance in query.terms:
        weight = weigh(term, importance)
        if weight is None:
            continue
        total += weight
        where = eligible.with_skill(key)
        if len(where):
            got = np.zeros(len(eligible.rows)) if got is None else got
            got[where] += weight
    return None if got is None or not total else got / total


def _feature_columns(eligible: _Eligible, query: Query) -> list[np.ndarray | None]:
    segment, rows, opening = eligible.segment, eligible.rows, query.opening
    nice = [term for term, _key, importance in query.terms if importance == "nice"]
    columns: list[np.ndarray | None] = [
        _skill_share(eligible, query, lambda t, i: IMPORTANCE_WEIGHT[i] if i in REQUIRED_IMPORTANCE else None),
        _skill_share(eligible, query, lambda t, i: IMPORTANCE_WEIGHT[i] * query.idf[t]),
        None, None, None, None, None, None, None, None,
    ]
    if nice:
        held = np.zeros(len(rows), dtype=np.int64)
        for _term, key, importance in query.terms:
            if importance == "nice":
                held[eligible.with_skill(key)] += 1
        columns[2] = held / len(nice)
    if opening.required_kkni_level is not None and query.kkni:
        best = np.zeros(len(rows), dtype=np.int64)
        for key, level in query.kkni:
            where, until = eligible.holding(segment.certificates, key)
            best[where[until >= query.start]] = np.maximum(best[where[until >= query.start]], level)
        columns[3] = np.clip(best - opening.required_kkni_level, 0, KKNI_CAP) / KKNI_CAP
    if query.language is not None:
        held = _language_rank(segment, query)[rows].astype(np.int64)
        columns[4] = np.clip(held - query.language[1], 0, LEVELS_CAP) / LEVELS_CAP
    if opening.min_education_rank:
        has = segment.education_rank[rows].astype(np.int64)
        columns[5] = np.clip(has - opening.min_education_rank, 0, LEVELS_CAP) / LEVELS_CAP
    columns[6] = np.minimum(segment.experience_tenths[rows].astype(np.int64), EXPERIENCE_TENTHS_CAP) \
        / EXPERIENCE_TENTHS_CAP
    if opening.occupation_code is not None and query.occupations:
        months = np.zeros(len(rows), dtype=np.int64)
        for key in query.occupations:
            where, values = eligible.holding(segment.experience, key)
            months[where] += values
        columns[7] = np.minimum(months, RELEVANT_MONTHS_CAP) / RELEVANT_MONTHS_CAP
    if opening.sector_code is not None:
        columns[8] = eligible.member(segment.trained, query.sector).astype(np.float64)
    columns[9] = 0.5 * eligible.member(segment.countries, query.country) \
        + 0.5 * eligible.member(segment.sectors, query.sector)
    return columns


def score_rows(segment: Segment, rows: np.ndarray, query: Query, scorer) -> np.ndarray:
    """Scores of these (eligible) rows."""
    if not len(rows):
        return np.zeros(0)
    return scorer.score_columns(_feature_columns(_Eligible(segment, rows), query), query.applicable, len(rows))


# --- top k --------------------------------------------------------------------------------------

def top_k(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first; equal scores in ascending id order (also at the cut)."""
    if k <= 0 or not len(scores):
        return np.zeros(0, dtype=np.int64)
    if k < len(scores):
        cut = scores[np.argpartition(scores, len(scores) - k)[len(scores) - k]]
        above = np.flatnonzero(scores > cut)
        tied = np.flatnonzero(scores == cut)
        chosen = np.concatenate([above, tied[np.argsort(ids[tied], kind="stable")][:k - len(above)]])
    else:
        chosen = np.arange(len(scores))
    return chosen[np.lexsort((ids[chosen], -scores[chosen]))]


@dataclass(frozen=True)
class Hit:
    segment: int
    row: int
    seeker_id: int
    score: float


def rank(segments: Sequence[Segment], query: Query, scorer, k: int) -> tuple[list[Hit], int]:
    """The k best eligible candidates over every segment, and how many were eligible in all."""
    parts = []
    for number, segment in enumerate(segments):
        rows = eligible_rows(segment, query)
        parts.append((number, rows, score_rows(segment, rows, query, scorer), segment.seeker_ids[rows]))
    scores = np.concatenate([p[2] for p in parts])
    ids = np.concatenate([p[3] for p in parts])
    owner = np.concatenate([np.full(len(p[1]), p[0], dtype=np.int64) for p in parts])
    rows = np.concatenate([p[1] for p in parts])
    best = top_k(scores, ids, k)
    return [Hit(int(owner[i]), int(rows[i]), int(ids[i]), float(scores[i])) for i in best], len(scores)
