"""Scoring an eligible pair from its features, and explaining the score factor by factor.

The default scorer is linear with documented weights: score = sum(w_i * f_i) / sum(w_i over the
features that apply to the opening). Dividing by what the opening lets anyone reach keeps scores
from 0 to 1 and comparable between openings (the seeker's "my matches" ranks openings), and does
not change the order of candidates for one opening. A factor's contribution is its share of that
score, so the contributions of an explanation add up to the score.

A learned scorer (later: `flask match train`) implements the same three methods: `score` for one
pair, `score_columns` for many (one array per feature, None where a feature is all zero), and
`contributions` for the explanation.
"""
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from app.domain.eligibility import CandidateFacts, OpeningFacts
from app.domain.matching.features import CODES, applies, evaluate

# Set from what the employer asks first (skills, then proof of having done the job), then rounded after a
# coordinate search on tests/data/matching_benchmark_dev.jsonl (seed 7), keeping every feature above zero;
# BENCHMARKS.md reports NDCG@10 on the held-out tests/data/matching_benchmark.jsonl (seed 2026).
# Skills weigh 0.51 together, proof of the trade 0.32 (relevant experience, training in the sector),
# margins above the minimums 0.11, the candidate's own wishes 0.06. They add up to 1.
DEFAULT_WEIGHTS = {
    "REQUIRED_SKILLS": 0.36,
    "SKILL_SIMILARITY": 0.10,
    "PREFERRED_SKILLS": 0.05,
    "CERT_LEVEL": 0.02,
    "LANGUAGE_MARGIN": 0.04,
    "EDUCATION_MARGIN": 0.02,
    "EXPERIENCE_YEARS": 0.03,
    "RELEVANT_EXPERIENCE": 0.22,
    "SECTOR_TRAINING": 0.10,
    "PREFERENCE_FIT": 0.06,
}


@dataclass(frozen=True)
class Factor:
    """One line of an explanation: a feature's code, its share of the score, and the data behind it."""
    code: str
    contribution: float
    data: dict


@dataclass(frozen=True)
class LinearScorer:
    name: str
    weights: tuple[float, ...]  # in features.CODES order
    _reach: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_mapping(cls, name: str, weights: dict[str, float]) -> "LinearScorer":
        unknown = set(weights) - set(CODES)
        if unknown:
            raise ValueError(f"unknown features: {sorted(unknown)}")
        return cls(name, tuple(float(weights.get(code, 0.0)) for code in CODES))

    def reachable(self, applicable: Sequence[bool]) -> float:
        """The sum of the weights of the features that apply (remembered: few openings differ in that)."""
        key = tuple(applicable)
        total = self._reach.get(key)
        if total is None:
            total = 0.0
            for weight, used in zip(self.weights, key, strict=True):
                if used:
                    total += weight
            self._reach[key] = total
        return total

    def score(self, values: Sequence[float], applicable: Sequence[bool]) -> float:
        total = 0.0
        for weight, value in zip(self.weights, values, strict=True):
            total += weight * value
        reach = self.reachable(applicable)
        return total / reach if reach else 0.0

    def score_columns(self, columns: Sequence[np.ndarray | None], applicable: Sequence[bool], rows: int) -> np.ndarray:
        """The same arithmetic as `score`, in the same order, over arrays of feature values."""
        total = np.zeros(rows, dtype=np.float64)
        for weight, column in zip(self.weights, columns, strict=True):
            if column is not None:  # an all-zero feature adds exactly nothing
                total += weight * column
        reach = self.reachable(applicable)
        return total / reach if reach else total

    def contributions(self, values: Sequence[float], applicable: Sequence[bool]) -> list[float]:
        reach = self.reachable(applicable)
        return [weight * value / reach if reach else 0.0 for weight, value in zip(self.weights, values, strict=True)]


DEFAULT_SCORER = LinearScorer.from_mapping("default-v1", DEFAULT_WEIGHTS)


def explain(candidate: CandidateFacts, opening: OpeningFacts, idf: dict[str, float], today: date,
            scorer: LinearScorer = DEFAULT_SCORER,
            applicable: tuple[bool, ...] | None = None) -> tuple[float, list[Factor]]:
    """The pair's score and its factors (only those that apply to the opening), in feature order."""
    evaluated = evaluate(candidate, opening, idf, today)
    values = [value for value, _data in evaluated]
    applicable = applicable or applies(opening)
    score = scorer.score(values, applicable)
    shares = scorer.contributions(values, applicable)
    factors = [Factor(code, share, data) for code, share, (_value, data), used
               in zip(CODES, shares, evaluated, applicable, strict=True) if used]
    return score, factors
