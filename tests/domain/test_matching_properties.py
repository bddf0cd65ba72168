"""Properties of the matcher over generated candidates and openings (hypothesis).

No ranking ever holds a candidate the gates refuse, and it holds every one they accept; the
vectorised scores are the reference scores to the last bit; extra skills never lower a score;
incremental updates rank exactly as a rebuild would.
"""
import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.clock import whole_years_between
from app.domain.destinations import RuleFacts
from app.domain.eligibility import (
    CandidateFacts,
    HeldCertificate,
    HeldLanguage,
    LanguageNeed,
    OpeningFacts,
    failed_gates,
    latest_birth_for_age,
)
from app.domain.matching.explaining import explain_hits
from app.domain.matching.matrix import Keys, MatchReference, Segment, columns_from_facts, facts_from_columns
from app.domain.matching.ranking import compile_query, idf_of, rank, top_k
from app.domain.matching.scoring import DEFAULT_SCORER, explain

TODAY = date(2026, 6, 1)
ASKED = ("welding", "smaw", "grinding", "forklift operation", "elderly care", "cooking", "first aid")
UNASKED = ("barista", "tiling", "fishing", "driving")
SCHEMES = ("SKKNI-SMAW", "SKK-CPMI", "LEVELLED")
REFERENCE = MatchReference(
    education_ranks={"SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D3": 6, "D4": 7, "S1": 7},
    level_codes={**{("JLPT", r): c for r, c in enumerate(("N5", "N4", "N3", "N2", "N1"), 1)},
                 **{("TOPIK", r): str(r) for r in range(1, 7)}},
    schemes={"SKKNI-SMAW": (None, "manufacturing"), "SKK-CPMI": (2, "general"), "LEVELLED": (4, "manufacturing")},
)
RULES = [RuleFacts(1, "JP", None, "allowed", date(2020, 1, 1)), RuleFacts(2, "MM", None, "blocked", date(2025, 1, 1))]

days = st.integers(min_value=-500, max_value=900).map(lambda d: TODAY + timedelta(days=d))
certificates = st.builds(lambda scheme, verified, expires: HeldCertificate(scheme, verified, expires,
                                                                           *REFERENCE.schemes[scheme]),
                         st.sampled_from(SCHEMES), st.booleans(), st.none() | days)
languages = st.one_of(
    st.integers(1, 5).map(lambda r: HeldLanguage("JLPT", REFERENCE.level_codes[("JLPT", r)], r)),
    st.integers(1, 6).map(lambda r: HeldLanguage("TOPIK", str(r), r)))
EDUCATIONS = [(None, 0), ("SD", 1), ("SMP", 2), ("SMA", 3), ("SMK", 3), ("D3", 6), ("S1", 7)]
educations = st.sampled_from(EDUCATIONS)


@st.composite
def candidate(draw, seeker_id: int = 0) -> CandidateFacts:
    education, rank = draw(educations)
    return CandidateFacts(
        seeker_id=seeker_id, birth_date=draw(st.dates(date(1980, 1, 1), date(2011, 12, 31))),
        education_code=education, education_rank=rank,
        certificates=tuple(draw(st.lists(certificates, max_size=3))),
        languages=tuple(draw(st.lists(languages, max_size=2))),
        consents_to_matching=draw(st.sampled_from([True] * 4 + [False])),
        placed=draw(st.sampled_from([False] * 4 + [True])),
        skills=frozenset(draw(st.lists(st.sampled_from(ASKED + UNASKED), max_size=6))),
        experience_years=Decimal(draw(st.integers(0, 150))) / 10,
        experience=tuple(draw(st.lists(st.tuples(st.sampled_from(["7212", "7213", "5322", "9412"]),
                                                 st.integers(0, 60)), max_size=3))),
        trained_sectors=frozenset(draw(st.lists(st.sampled_from(["manufacturing", "care"]), max_size=2))),
        preferred_countries=frozenset(draw(st.lists(st.sampled_from(["JP", "KR"]), max_size=2))),
        preferred_sectors=frozenset(draw(st.lists(st.sampled_from(["manufacturing", "care"]), max_size=2))),
    )


def random_candidate(rnd: random.Random, seeker_id: int) -> CandidateFacts:
    """A candidate drawn with plain `random` (many per example: hypothesis's own draws would be slow)."""
    education, rank = rnd.choice(EDUCATIONS)
    schemes = [rnd.choice(SCHEMES) for _ in range(rnd.randint(0, 3))]
    return CandidateFacts(
        seeker_id=seeker_id, birth_date=date(1980, 1, 1) + timedelta(days=rnd.randint(0, 11_700)),
        education_code=education, education_rank=rank,
        certificates=tuple(HeldCertificate(s, rnd.random() < 0.7, rnd.choice([None, TODAY + timedelta(
            days=rnd.randint(-500, 900))]), *REFERENCE.schemes[s]) for s in schemes),
        languages=tuple(HeldLanguage("JLPT", REFERENCE.level_codes[("JLPT", r)], r)
                        for r in rnd.sample(range(1, 6), rnd.randint(0, 2))),
        consents_to_matching=rnd.random() < 0.85, placed=rnd.random() < 0.15,
        skills=frozenset(rnd.sample(ASKED + UNASKED, rnd.randint(0, 6))),
        experience_years=Decimal(rnd.randint(0, 150)) / 10,
        experience=tuple((rnd.choice(["7212", "7213", "5322", "9412"]), rnd.randint(0, 60))
                         for _ in range(rnd.randint(0, 3))),
        trained_sectors=frozenset(rnd.sample(["manufacturing", "care"], rnd.randint(0, 2))),
        preferred_countries=frozenset(rnd.sample(["JP", "KR"], rnd.randint(0, 2))),
        preferred_sectors=frozenset(rnd.sample(["manufacturing", "care"], rnd.randint(0, 2))),
    )


@st.composite
def pools(draw, min_size=1, max_size=40) -> list[CandidateFacts]:
    """Candidates with distinct ids; hypothesis draws the size and a seed, so a failure replays (and
    shrinks to the smallest pool, though not inside one candidate)."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    size = draw(st.integers(min_size, max_size))
    return [random_candidate(rnd, seeker_id) for seeker_id in rnd.sample(range(1, 10_000), size)]


@st.composite
def opening(draw) -> OpeningFacts:
    terms = draw(st.lists(st.sampled_from(ASKED), max_size=5, unique=True))
    schemes = tuple(sorted(draw(st.lists(st.sampled_from(SCHEMES), max_size=2, unique=True))))
    language = draw(st.none() | st.integers(1, 5).map(
        lambda r: LanguageNeed("JLPT", REFERENCE.level_codes[("JLPT", r)], r)))
    education, rank = draw(educations)
    min_age = draw(st.integers(18, 25))
    levels = [REFERENCE.schemes[s][0] for s in schemes if REFERENCE.schemes[s][0] is not None]
    return OpeningFacts(
        opening_id=1, status=draw(st.sampled_from(["approved"] * 5 + ["submitted"])), employer_verified=True,
        agreement_active=True, country_code=draw(st.sampled_from(["JP"] * 5 + ["MM"])),
        sector_code=draw(st.sampled_from(["manufacturing", "care", None])),
        start_date=draw(st.none() | days), min_age=min_age,
        max_age=draw(st.none() | st.integers(min_age, 45)), schemes=schemes, language=language,
        min_education_code=education, min_education_rank=rank,
        occupation_code=draw(st.sampled_from([None, "7212", "72", "5322"])),
        skills=tuple((t, draw(st.sampled_from(["must", "important", "nice"]))) for t in terms),
        required_kkni_level=max(levels) if levels else None,
    )


def build(pool: list[CandidateFacts], keys: Keys | None = None) -> tuple[Segment, Keys]:
    keys = keys or Keys()
    return Segment.build(columns_from_facts(pool, keys), keys), keys


def ranked(segments, keys, job: OpeningFacts, k: int):
    query = compile_query(job, segments, keys, REFERENCE, TODAY)
    hits, eligible = rank(segments, query, DEFAULT_SCORER, k)
    return hits, eligible, query


@settings(max_examples=200, deadline=None)
@given(pool=pools(), job=opening(), k=st.integers(0, 50))
def test_no_ranking_ever_contains_a_candidate_the_gates_refuse(pool, job, k):
    segment, keys = build(pool)
    candidate_gates_only = replace(job, status="approved", country_code="JP")  # opening gates are checked apart
    hits, eligible, query = ranked([segment], keys, candidate_gates_only, k)
    accepted = [c for c in pool if not failed_gates(c, candidate_gates_only, RULES, TODAY)]
    assert eligible == len(accepted)
    by_id = {c.seeker_id: c for c in pool}
    assert all(failed_gates(by_id[hit.seeker_id], candidate_gates_only, RULES, TODAY) == [] for hit in hits)
    expected = sorted((-explain(c, candidate_gates_only, query.idf, TODAY)[0], c.seeker_id) for c in accepted)[:k]
    assert [(hit.seeker_id, hit.score) for hit in hits] == [(seeker, -score) for score, seeker in expected]
    explained = explain_hits([segment], hits, query, keys, REFERENCE, DEFAULT_SCORER)  # re-checks every gate
    for hit, line in zip(hits, explained, strict=True):
        assert line.seeker_id == hit.seeker_id
        assert sum(f.contribution for f in line.factors) == pytest.approx(hit.score, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(pool=pools(), job=opening(), chosen=st.integers(0, 39), extra=st.lists(st.sampled_from(UNASKED), min_size=1))
def test_extra_unrelated_skills_never_lower_a_score(pool, job, chosen, extra):
    job = replace(job, status="approved", country_code="JP")
    index = chosen % len(pool)
    richer = list(pool)
    richer[index] = replace(pool[index], skills=pool[index].skills | set(extra))

    def scores(candidates):
        segment, keys = build(candidates)
        hits, _eligible, _query = ranked([segment], keys, job, len(candidates))
        return {hit.seeker_id: hit.score for hit in hits}

    before, after = scores(pool), scores(richer)
    seeker = pool[index].seeker_id
    assert (seeker in before) == (seeker in after)
    if seeker in before:
        assert after[seeker] >= before[seeker]


@settings(max_examples=150, deadline=None)
@given(person=candidate(), job=opening(), added=st.lists(st.sampled_from(ASKED + UNASKED), min_size=1),
       idf=st.lists(st.floats(1.0, 8.0), min_size=len(ASKED), max_size=len(ASKED)))
def test_any_extra_skill_never_lowers_the_reference_score(person, job, added, idf):
    weights = dict(zip(ASKED, idf, strict=True))
    before = explain(person, job, weights, TODAY)[0]
    after = explain(replace(person, skills=person.skills | set(added)), job, weights, TODAY)[0]
    assert after >= before


@given(on=st.dates(date(2000, 1, 1), date(2060, 12, 31)), born=st.dates(date(1940, 1, 1), date(2060, 12, 31)),
       years=st.integers(0, 80))
def test_the_vectorised_age_cut_off_agrees_with_whole_years(on, born, years):
    assert (born <= latest_birth_for_age(on, years)) == (whole_years_between(born, on) >= years)


@settings(max_examples=100, deadline=None)
@given(pool=pools(min_size=2), job=opening(), data=st.data())
def test_incremental_updates_rank_exactly_as_a_rebuild(pool, job, data):
    job = replace(job, status="approved", country_code="JP")
    base, keys = build(pool)
    changed = data.draw(st.lists(st.sampled_from(pool), unique_by=lambda c: c.seeker_id, max_size=len(pool)))
    removed = {c.seeker_id for c in data.draw(st.lists(st.sampled_from(changed), max_size=3))} if changed else set()
    rnd = random.Random(data.draw(st.integers(0, 2**32)))
    replaced = [random_candidate(rnd, c.seeker_id) for c in changed if c.seeker_id not in removed]
    ids = np.array(sorted(c.seeker_id for c in changed), dtype=np.int64)
    tail, _keys = build(replaced, keys)
    incremental = [base.without(base.rows_of(ids)), tail]
    merged = [incremental[0].merged(incremental[1], keys)]
    current = [c for c in pool if c.seeker_id not in set(ids.tolist())] + replaced
    rebuilt, rebuilt_keys = build(current)
    expected = [(h.seeker_id, h.score) for h in ranked([rebuilt], rebuilt_keys, job, 100)[0]]
    assert [(h.seeker_id, h.score) for h in ranked(incremental, keys, job, 100)[0]] == expected
    assert [(h.seeker_id, h.score) for h in ranked(merged, keys, job, 100)[0]] == expected


@settings(max_examples=100, deadline=None)
@given(pool=pools())
def test_facts_come_back_from_the_matrix_as_the_gates_read_them(pool):
    keys = Keys()
    back = {f.seeker_id: f for f in facts_from_columns(columns_from_facts(pool, keys), keys, REFERENCE)}
    for person in pool:
        again = back[person.seeker_id]
        assert again.skills == person.skills and again.birth_date == person.birth_date
        assert again.experience_years == person.experience_years
        assert sorted(_summed(again.experience)) == sorted(_summed(person.experience))
        for scheme in SCHEMES:
            job = OpeningFacts(1, "approved", True, True, "JP", None, TODAY, schemes=(scheme,))
            assert failed_gates(again, job, RULES, TODAY) == failed_gates(person, job, RULES, TODAY)


def _summed(jobs):
    months: dict[str, int] = {}
    for code, m in jobs:
        months[code] = months.get(code, 0) + m
    return list(months.items())


@given(scores=st.lists(st.integers(0, 5).map(float), max_size=60), k=st.integers(0, 70))
def test_top_k_is_the_best_first_prefix_with_ties_in_id_order(scores, k):
    ids = np.arange(len(scores), dtype=np.int64)[::-1].copy()
    chosen = top_k(np.array(scores), ids, k)
    expected = sorted(range(len(scores)), key=lambda i: (-scores[i], ids[i]))[:k]
    assert chosen.tolist() == expected


@settings(max_examples=50, deadline=None)
@given(pool=pools(), data=st.data())
def test_the_idf_is_scikit_learns_over_the_live_candidates(pool, data):
    from sklearn.feature_extraction.text import TfidfVectorizer
    segment, keys = build(pool)
    gone = data.draw(st.lists(st.sampled_from(pool), max_size=5, unique_by=lambda c: c.seeker_id))
    segment = segment.without(segment.rows_of(np.array([c.seeker_id for c in gone], dtype=np.int64)))
    live = [sorted(c.skills) for c in pool if c not in gone]
    if not any(live):
        return
    fitted = TfidfVectorizer(analyzer=lambda terms: terms, smooth_idf=True).fit(live)
    ours = idf_of(list(fitted.vocabulary_), [segment], keys)
    for term, column in fitted.vocabulary_.items():
        assert ours[term] == pytest.approx(fitted.idf_[column], rel=1e-12)
