"""Rankings as plain JSON-ready values, for `flask match` and (later) the API; codes, never words.

The keys are the command-line contract of issue 5: nothing beyond them, so scripts can rely on it.
"""
from datetime import date
from decimal import Decimal

from app.domain.eligibility import Failure
from app.domain.matching.scoring import Factor
from app.services.matcher.rank import CandidateRanking, SeekerMatches

DIGITS = 4


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def factor_json(factor: Factor) -> dict:
    return {"code": factor.code, **{k: _plain(v) for k, v in factor.data.items()},
            "contribution": round(factor.contribution, DIGITS)}


def failure_json(failure: Failure) -> dict:
    return {"code": str(failure.code), **{k: _plain(v) for k, v in failure.data.items()}}


def ranking_json(ranking: CandidateRanking) -> dict:
    """`opening`, `candidates` (best first) and, only when asked for, `ineligible`."""
    value = {
        "opening": {"ref": ranking.opening_ref, "code": ranking.opening_code},
        "candidates": [{"ref": c.ref, "rank": c.rank, "score": round(c.score, DIGITS),
                        "explanation": [factor_json(f) for f in c.explanation]} for c in ranking.candidates],
    }
    if ranking.ineligible is not None:
        value["ineligible"] = [{"ref": c.ref, "gates": [str(g) for g in c.gates]} for c in ranking.ineligible]
    return value


def matches_json(matches: SeekerMatches, with_ineligible: bool = False) -> dict:
    """`seeker`, `openings` (best first) and, when asked for, `ineligible` with each failed gate and its data."""
    value = {
        "seeker": {"ref": matches.ref},
        "openings": [{"ref": o.ref, "code": o.code, "rank": o.rank, "score": round(o.score, DIGITS),
                      "explanation": [factor_json(f) for f in o.explanation]} for o in matches.openings],
    }
    if with_ineligible:
        value["ineligible"] = [{"ref": o.ref, "code": o.code, "gates": [failure_json(f) for f in o.failures]}
                               for o in matches.ineligible]
    return value
