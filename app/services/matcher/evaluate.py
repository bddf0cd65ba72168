"""NDCG@10 of the serving scorer on a labelled file, so anyone can check a model on their own judgements.

The file is JSON Lines, one opening per line, in either of two shapes:

    {"opening": {...opening...}, "candidates": [{...candidate..., "relevance": 0-3}, ...]}
    {"opening": "REF or JBT-code", "judgements": [{"seeker": "REF or seeker:<id>", "relevance": 0-3}, ...]}

The first is self-contained (the benchmark in tests/data is of this shape): an opening has
`country`, `sector`, `occupation` (ISCO), `start_date`, `min_age`, `max_age`, `language`
("TEST:LEVEL"), `min_education`, `schemes`, `skills` ({"must": [...], "important": [...],
"nice": [...]}, typed as people type them); a candidate has `birth_date`, `education`,
`experience_years`, `skills`, `languages` (["TEST:LEVEL"]), `certifications` ([{"scheme",
"expires_on", "verified"}]), `experience` ([{"occupation", "months"}]), `trained_sectors`,
`preferred_countries`, `preferred_sectors`, `consent`, `placed`. Its openings count as approved,
with a verified employer under an active agreement. The second shape judges people and openings
already in the database, ranked as the serving ranking sees them.

Each opening's candidates are ranked exactly as in production (gates first; a candidate the gates
refuse is ranked below every eligible one) and NDCG@10 (sklearn.metrics.ndcg_score) is averaged
over the openings that have at least one relevant candidate.
"""
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
from sklearn.metrics import ndcg_score

from app.domain.eligibility import (
    CandidateFacts,
    HeldCertificate,
    HeldLanguage,
    LanguageNeed,
    OpeningFacts,
    opening_failures,
)
from app.domain.matching.matrix import Keys, Segment, columns_from_facts, facts_from_columns
from app.domain.matching.ranking import compile_query, idf_of, rank
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import (
    Vocabulary,
    find_opening,
    find_seeker,
    load_candidates,
    load_vocabulary,
    opening_facts,
)
from app.services.matcher.rank import matcher
from app.services.matcher.scorers import serving_scorer

CUTOFF = 10
REFUSED = -1.0  # below every eligible score (scores run from 0 to 1)


class LabelledFileError(ValueError):
    """A line of the labelled file that cannot be read; the message names the line."""


@dataclass
class Evaluation:
    model: str
    ndcg: float
    openings: int  # judged: with at least one relevant candidate
    skipped: int  # openings without any relevant candidate
    candidates: int
    per_opening: list[tuple[str, float]] = field(default_factory=list)


def evaluate_file(path: Path, on: date | None = None) -> Evaluation:
    """Score the serving model on the labelled file at `path`."""
    today, scorer, rules = on or local_today(), serving_scorer(), rules_facts()
    vocabulary = load_vocabulary()
    scores, skipped, candidates = [], 0, 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                name, relevance, ranked = _judge(json.loads(line), vocabulary, today, scorer, rules)
            except (KeyError, TypeError, ValueError, LookupError) as error:
                raise LabelledFileError(f"line {number}: {error}") from error
            candidates += len(relevance)
            if not any(relevance):
                skipped += 1
                continue
            scores.append((name, float(ndcg_score([relevance], [ranked], k=CUTOFF))))
    mean = float(np.mean([s for _name, s in scores])) if scores else 0.0
    return Evaluation(scorer.name, mean, len(scores), skipped, candidates, scores)


def _judge(record: dict, vocabulary: Vocabulary, today: date, scorer, rules) -> tuple[str, list[int], list[float]]:
    """(name, relevances, scores) of one line's candidates, in the file's order."""
    keys = Keys()
    if isinstance(record["opening"], str):
        opening, facts, relevance, idf = _from_database(record, keys, vocabulary, today)
        name = record["opening"]
    else:
        opening = _opening(record["opening"], vocabulary)
        facts = [_candidate(i, c, vocabulary) for i, c in enumerate(record["candidates"], start=1)]
        relevance = [int(c["relevance"]) for c in record["candidates"]]
        name, idf = record["opening"].get("ref", "?"), None
    segment = Segment.build(columns_from_facts(facts, keys), keys)
    query = compile_query(opening, [segment], keys, vocabulary.reference, today, idf)
    ranked = {}
    if not opening_failures(opening, rules, today):
        hits, _eligible = rank([segment], query, scorer, len(facts))
        ranked = {hit.seeker_id: hit.score for hit in hits}
    return name, relevance, [ranked.get(f.seeker_id, REFUSED) for f in facts]


def _from_database(record: dict, keys: Keys, vocabulary: Vocabulary, today: date):
    found = find_opening(record["opening"])
    if found is None:
        raise LookupError(f"no opening {record['opening']}")
    seekers = []
    for judgement in record["judgements"]:
        seeker = find_seeker(judgement["seeker"])
        if seeker is None:
            raise LookupError(f"no seeker {judgement['seeker']}")
        seekers.append(seeker.id)
    opening = opening_facts(found, vocabulary, today)
    snapshot = matcher().fresh()
    idf = idf_of([term for term, _i in opening.skills], snapshot.segments, snapshot.keys)
    loaded = {f.seeker_id: f for f in facts_from_columns(load_candidates(keys, vocabulary, seekers), keys,
                                                         vocabulary.reference)}
    judged = [(loaded[s], int(j["relevance"])) for s, j in zip(seekers, record["judgements"], strict=True)
              if s in loaded]
    return opening, [f for f, _r in judged], [r for _f, r in judged], idf


def _level(text: str, vocabulary: Vocabulary) -> tuple[str, str, int]:
    test, _colon, level = text.partition(":")
    ranks = {(t, code): rank for (t, rank), code in vocabulary.reference.level_codes.items()}
    if (test, level) not in ranks:
        raise LookupError(f"unknown language level {text}")
    return test, level, ranks[(test, level)]


def _opening(o: dict, vocabulary: Vocabulary) -> OpeningFacts:
    skills: dict[str, str] = {}
    for importance in ("must", "important", "nice"):
        for term in o.get("skills", {}).get(importance, []):
            skills.setdefault(vocabulary.canonical(term), importance)
    schemes = tuple(sorted(o.get("schemes", [])))
    levels = [vocabulary.reference.schemes.get(s, (None, None))[0] for s in schemes]
    education = o.get("min_education")
    return OpeningFacts(
        opening_id=0, status="approved", employer_verified=True, agreement_active=True,
        country_code=o["country"].upper(), sector_code=o.get("sector"),
        start_date=date.fromisoformat(o["start_date"]) if o.get("start_date") else None,
        min_age=int(o.get("min_age", 18)), max_age=o.get("max_age"), schemes=schemes,
        language=LanguageNeed(*_level(o["language"], vocabulary)) if o.get("language") else None,
        min_education_code=education,
        min_education_rank=vocabulary.reference.education_ranks[education] if education else 0,
        occupation_code=o.get("occupation"), skills=tuple(skills.items()),
        required_kkni_level=max((lv for lv in levels if lv is not None), default=None), ref=o.get("ref"),
    )


def _candidate(seeker_id: int, c: dict, vocabulary: Vocabulary) -> CandidateFacts:
    schemes = vocabulary.reference.schemes
    education = c.get("education")
    return CandidateFacts(
        seeker_id=seeker_id, birth_date=date.fromisoformat(c["birth_date"]), education_code=education,
        education_rank=vocabulary.reference.education_ranks.get(education, 0) if education else 0,
        certificates=tuple(HeldCertificate(
            cert["scheme"], bool(cert.get("verified", True)),
            date.fromisoformat(cert["expires_on"]) if cert.get("expires_on") else None,
            *schemes.get(cert["scheme"], (None, None))) for cert in c.get("certifications", [])),
        languages=tuple(HeldLanguage(*_level(text, vocabulary)) for text in c.get("languages", [])),
        consents_to_matching=bool(c.get("consent", True)), placed=bool(c.get("placed", False)),
        skills=frozenset(vocabulary.canonical(term) for term in c.get("skills", [])),
        experience_years=Decimal(str(c.get("experience_years", 0))),
        experience=tuple((job["occupation"], int(job["months"])) for job in c.get("experience", [])),
        trained_sectors=frozenset(c.get("trained_sectors", [])),
        preferred_countries=frozenset(code.upper() for code in c.get("preferred_countries", [])),
        preferred_sectors=frozenset(c.get("preferred_sectors", [])),
    )
