"""The candidate matrix: every candidate's gate columns and features as contiguous arrays.

Dense columns hold one value per candidate (birth date as a day ordinal, education rank, consent,
placed, experience in tenths of a year, the best rank of each language test). Sets (skills,
verified certificates with the date they are valid until, past jobs by occupation, trained
sectors, preferred countries and sectors) are sparse matrices in compressed-column form, so the
candidates holding one skill or one scheme are one slice: ranking touches only the columns an
opening asks about. A `Segment` is immutable and sorted by seeker id; changes build a new one.
"""
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

import numpy as np
import scipy.sparse as sp

from app.domain.eligibility import CandidateFacts, HeldCertificate, HeldLanguage
from app.domain.matching.features import experience_tenths

NEVER = date.max.toordinal()  # "valid until" of a certificate that does not expire
_EMPTY = np.zeros(0, dtype=np.int64)


class Vocabulary:
    """Strings to column numbers; it only grows, so segments built at different times agree."""

    def __init__(self, items: Sequence[str] = ()):
        self.items: list[str] = []
        self._index: dict[str, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: str) -> int:
        index = self._index.get(item)
        if index is None:
            index = self._index[item] = len(self.items)
            self.items.append(item)
        return index

    def get(self, item: str | None) -> int | None:
        return None if item is None else self._index.get(item)

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class Keys:
    """The vocabularies of the sparse columns, shared by every segment of one cache."""
    terms: Vocabulary = field(default_factory=Vocabulary)
    schemes: Vocabulary = field(default_factory=Vocabulary)
    tests: Vocabulary = field(default_factory=Vocabulary)
    occupations: Vocabulary = field(default_factory=Vocabulary)
    sectors: Vocabulary = field(default_factory=Vocabulary)
    countries: Vocabulary = field(default_factory=Vocabulary)
    educations: Vocabulary = field(default_factory=Vocabulary)


@dataclass(frozen=True)
class MatchReference:
    """Reference data the matrix needs to turn numbers back into codes."""
    education_ranks: Mapping[str, int]
    level_codes: Mapping[tuple[str, int], str]  # (test, rank) -> level code
    schemes: Mapping[str, tuple[int | None, str | None]]  # scheme -> (KKNI level, sector)


@dataclass
class Pairs:
    """(row, key, value) triples of one sparse family, before they become a matrix."""
    rows: np.ndarray = field(default_factory=lambda: _EMPTY)
    keys: np.ndarray = field(default_factory=lambda: _EMPTY)
    values: np.ndarray = field(default_factory=lambda: _EMPTY)

    @classmethod
    def of(cls, triples: Sequence[tuple[int, int, int]]) -> "Pairs":
        if not triples:
            return cls()
        array = np.asarray(triples, dtype=np.int64).reshape(-1, 3)
        return cls(array[:, 0].copy(), array[:, 1].copy(), array[:, 2].copy())


SPARSE = ("skills", "certificates", "experience", "trained", "countries", "sectors")
DENSE = ("seeker_ids", "birth", "education", "education_rank", "consent", "placed", "experience_tenths")


@dataclass
class CandidateColumns:
    """A batch of candidates in columns, as the database loader or a list of facts gives them."""
    seeker_ids: np.ndarray  # int64
    birth: np.ndarray  # int32 day ordinals
    education: np.ndarray  # int16 index into Keys.educations, -1 when unknown
    education_rank: np.ndarray  # int8, 0 when unknown
    consent: np.ndarray  # bool
    placed: np.ndarray  # bool
    experience_tenths: np.ndarray  # int16
    languages: Pairs  # key: test, value: rank
    skills: Pairs  # key: term
    certificates: Pairs  # key: scheme, value: valid-until ordinal (verified only)
    experience: Pairs  # key: occupation, value: months
    trained: Pairs  # key: sector
    countries: Pairs  # key: country
    sectors: Pairs  # key: sector

    def __len__(self) -> int:
        return len(self.seeker_ids)


def columns_from_facts(facts: Sequence[CandidateFacts], keys: Keys) -> CandidateColumns:
    """Columns for a list of candidates (tests, the labelled benchmark, one seeker)."""
    dense = {
        "seeker_ids": np.array([f.seeker_id for f in facts], dtype=np.int64),
        "birth": np.array([f.birth_date.toordinal() for f in facts], dtype=np.int32),
        "education": np.array([keys.educations.add(f.education_code) if f.education_code else -1 for f in facts],
                              dtype=np.int16),
        "education_rank": np.array([f.education_rank for f in facts], dtype=np.int8),
        "consent": np.array([f.consents_to_matching for f in facts], dtype=bool),
        "placed": np.array([f.placed for f in facts], dtype=bool),
        "experience_tenths": np.array([experience_tenths(f.experience_years) for f in facts], dtype=np.int16),
    }
    sets = {name: [] for name in ("languages", *SPARSE)}
    for row, f in enumerate(facts):
        sets["languages"] += [(row, keys.tests.add(lang.test_code), lang.rank) for lang in f.languages]
        sets["skills"] += [(row, keys.terms.add(term), 1) for term in sorted(f.skills)]
        sets["certificates"] += [(row, keys.schemes.add(c.scheme_code),
                                  NEVER if c.expires_on is None else c.expires_on.toordinal())
                                 for c in f.certificates if c.verified]
        sets["experience"] += [(row, keys.occupations.add(code), months) for code, months in f.experience if code]
        sets["trained"] += [(row, keys.sectors.add(s), 1) for s in sorted(f.trained_sectors)]
        sets["countries"] += [(row, keys.countries.add(c), 1) for c in sorted(f.preferred_countries)]
        sets["sectors"] += [(row, keys.sectors.add(s), 1) for s in sorted(f.preferred_sectors)]
    return CandidateColumns(**dense, **{name: Pairs.of(triples) for name, triples in sets.items()})


def _dedupe(pairs: Pairs, keep: str) -> Pairs:
    """One triple per (row, key): the largest value, or the sum."""
    if not len(pairs.rows):
        return pairs
    order = np.lexsort((pairs.values, pairs.keys, pairs.rows))
    rows, keys, values = pairs.rows[order], pairs.keys[order], pairs.values[order]
    last = np.ones(len(rows), dtype=bool)
    last[:-1] = (rows[1:] != rows[:-1]) | (keys[1:] != keys[:-1])
    if keep == "sum":
        starts = np.flatnonzero(np.r_[True, last[:-1]])
        return Pairs(rows[last], keys[last], np.add.reduceat(values, starts))
    return Pairs(rows[last], keys[last], values[last])


def _csc(pairs: Pairs, n: int, width: int, dtype, keep: str = "max") -> sp.csc_matrix:
    pairs = _dedupe(pairs, keep)
    matrix = sp.csc_matrix((pairs.values.astype(dtype), (pairs.rows, pairs.keys)), shape=(n, width))
    matrix.sort_indices()
    return matrix


# How each sparse family stores its values, and how two values for one (row, key) combine.
KINDS = {"skills": (np.uint8, "max"), "certificates": (np.int32, "max"), "experience": (np.int32, "sum"),
         "trained": (np.uint8, "max"), "countries": (np.uint8, "max"), "sectors": (np.uint8, "max")}


def _widths(keys: Keys) -> dict[str, int]:
    return {"skills": len(keys.terms), "certificates": len(keys.schemes), "experience": len(keys.occupations),
            "trained": len(keys.sectors), "countries": len(keys.countries), "sectors": len(keys.sectors)}


def _best_ranks(pairs: Pairs, n: int) -> dict[int, np.ndarray]:
    ranks: dict[int, np.ndarray] = {}
    for key in np.unique(pairs.keys):
        chosen = pairs.keys == key
        column = np.zeros(n, dtype=np.int8)
        np.maximum.at(column, pairs.rows[chosen], pairs.values[chosen].astype(np.int8))
        ranks[int(key)] = column
    return ranks


@dataclass(frozen=True, eq=False)
class Segment:
    """Candidates sorted by seeker id, with a `live` mask for rows a later change replaced."""
    seeker_ids: np.ndarray
    birth: np.ndarray
    education: np.ndarray
    education_rank: np.ndarray
    consent: np.ndarray
    placed: np.ndarray
    experience_tenths: np.ndarray
    live: np.ndarray
    languages: dict[int, np.ndarray]  # test -> best rank per row (0: none)
    skills: sp.csc_matrix
    certificates: sp.csc_matrix
    experience: sp.csc_matrix
    trained: sp.csc_matrix
    countries: sp.csc_matrix
    sectors: sp.csc_matrix

    @property
    def size(self) -> int:
        return len(self.seeker_ids)

    @classmethod
    def build(cls, columns: CandidateColumns, keys: Keys) -> "Segment":
        n = len(columns)
        order = np.argsort(columns.seeker_ids, kind="stable")
        inverse = np.empty(n, dtype=np.int64)
        inverse[order] = np.arange(n)

        def moved(pairs: Pairs) -> Pairs:
            return Pairs(inverse[pairs.rows], pairs.keys, pairs.values)

        dense = {name: np.ascontiguousarray(getattr(columns, name)[order]) for name in DENSE}
        widths = _widths(keys)
        sparse = {name: _csc(moved(getattr(columns, name)), n, widths[name], *KINDS[name]) for name in SPARSE}
        return cls(**dense, live=np.ones(n, dtype=bool), languages=_best_ranks(moved(columns.languages), n), **sparse)

    def rows_of(self, seeker_ids: np.ndarray) -> np.ndarray:
        """The rows holding these seekers (ids not here are left out)."""
        ids = np.asarray(seeker_ids, dtype=np.int64)
        positions = np.searchsorted(self.seeker_ids, ids)
        positions = positions[positions < self.size]
        return positions[np.isin(self.seeker_ids[positions], ids)]

    def without(self, rows: np.ndarray) -> "Segment":
        """The same segment with these rows no longer live (copy on write: rankings in flight are untouched)."""
        live = self.live.copy()
        live[rows] = False
        return replace(self, live=live)

    def live_count(self) -> int:
        return int(np.count_nonzero(self.live))

    def merged(self, other: "Segment", keys: Keys) -> "Segment":
        """The live rows of both in one segment, sorted by seeker id (no database involved)."""
        mine, theirs = np.flatnonzero(self.live), np.flatnonzero(other.live)
        ids = np.concatenate([self.seeker_ids[mine], other.seeker_ids[theirs]])
        order = np.argsort(ids, kind="stable")
        dense = {name: np.ascontiguousarray(np.concatenate([getattr(self, name)[mine],
                                                            getattr(other, name)[theirs]])[order]) for name in DENSE}
        widths = _widths(keys)
        sparse = {}
        for name in SPARSE:
            stacked = sp.vstack([_widen(getattr(self, name)[mine], widths[name]),
                                 _widen(getattr(other, name)[theirs], widths[name])], format="csr")
            matrix = sp.csc_matrix(stacked[order])
            matrix.sort_indices()
            sparse[name] = matrix
        languages = {}
        for test in set(self.languages) | set(other.languages):
            both = np.concatenate([self.languages.get(test, np.zeros(self.size, np.int8))[mine],
                                   other.languages.get(test, np.zeros(other.size, np.int8))[theirs]])
            languages[test] = np.ascontiguousarray(both[order])
        return Segment(**dense, live=np.ones(len(ids), dtype=bool), languages=languages, **sparse)

    def nbytes(self) -> int:
        """Memory held by the arrays of this segment."""
        total = sum(getattr(self, name).nbytes for name in (*DENSE, "live"))
        total += sum(column.nbytes for column in self.languages.values())
        for name in SPARSE:
            matrix = getattr(self, name)
            total += matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
        return total


def _widen(matrix: sp.spmatrix, width: int) -> sp.csr_matrix:
    matrix = sp.csr_matrix(matrix)
    if matrix.shape[1] < width:
        matrix.resize((matrix.shape[0], width))
    return matrix


def postings(matrix: sp.csc_matrix, key: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The rows holding `key` and their values (empty when nobody in this segment does)."""
    if key is None or key >= matrix.shape[1]:
        return _EMPTY, _EMPTY
    start, end = matrix.indptr[key], matrix.indptr[key + 1]
    return matrix.indices[start:end], matrix.data[start:end]


def facts_from_columns(columns: CandidateColumns, keys: Keys, reference: MatchReference) -> list[CandidateFacts]:
    """The candidates of a batch back as facts (for one seeker's own matches, and for tests)."""
    n = len(columns)
    sets: dict[str, list[list[tuple[int, int]]]] = {name: [[] for _ in range(n)] for name in ("languages", *SPARSE)}
    for name in sets:
        pairs = getattr(columns, name)
        for row, key, value in zip(pairs.rows.tolist(), pairs.keys.tolist(), pairs.values.tolist(), strict=True):
            sets[name][row].append((key, value))
    facts = []
    for row in range(n):
        best_until: dict[str, int] = {}
        for key, until in sets["certificates"][row]:
            code = keys.schemes.items[key]
            best_until[code] = max(until, best_until.get(code, until))
        best_rank: dict[str, int] = {}
        for key, rank in sets["languages"][row]:
            test = keys.tests.items[key]
            best_rank[test] = max(rank, best_rank.get(test, rank))
        education = int(columns.education[row])
        facts.append(CandidateFacts(
            seeker_id=int(columns.seeker_ids[row]), birth_date=date.fromordinal(int(columns.birth[row])),
            education_code=keys.educations.items[education] if education >= 0 else None,
            education_rank=int(columns.education_rank[row]),
            certificates=tuple(HeldCertificate(code, True, None if until == NEVER else date.fromordinal(until),
                                               *reference.schemes.get(code, (None, None)))
                               for code, until in sorted(best_until.items())),
            languages=tuple(HeldLanguage(test, reference.level_codes.get((test, rank), str(rank)), rank)
                            for test, rank in sorted(best_rank.items())),
            consents_to_matching=bool(columns.consent[row]), placed=bool(columns.placed[row]),
            skills=frozenset(keys.terms.items[k] for k, _v in sets["skills"][row]),
            experience_years=_years(int(columns.experience_tenths[row])),
            experience=tuple((keys.occupations.items[k], v) for k, v in sets["experience"][row]),
            trained_sectors=frozenset(keys.sectors.items[k] for k, _v in sets["trained"][row]),
            preferred_countries=frozenset(keys.countries.items[k] for k, _v in sets["countries"][row]),
            preferred_sectors=frozenset(keys.sectors.items[k] for k, _v in sets["sectors"][row]),
        ))
    return facts


def _years(tenths: int) -> Decimal:
    return Decimal(tenths) / 10
