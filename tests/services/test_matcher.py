"""The matcher's services: rankings from the database, the change feed between processes, the commands."""
import json
from datetime import date

import pytest
from sqlalchemy import insert, select, update

from app import create_app
from app.config import TestConfig
from app.domain.clock import whole_years_between
from app.domain.eligibility import Gate, failed_gates
from app.domain.matching.matrix import facts_from_columns
from app.domain.matching.ranking import idf_of
from app.domain.matching.scoring import explain
from app.extensions import db as _db
from app.models import AuditEntry, Certification, Consent, Opening, Placement, SeekerChange, SeekerProfile
from app.services.destination_rules import rules_facts
from app.services.matcher.cache import build_snapshot, read_feed
from app.services.matcher.changes import (
    EVERYONE,
    change_tracking_installed,
    install_change_tracking,
    remove_change_tracking,
)
from app.services.matcher.facts import load_candidates, opening_facts
from app.services.matcher.rank import matcher, rank_candidates, rank_openings
from tests.services.helpers_matching import (
    START,
    TODAY,
    add_experience,
    bulk_candidates,
    make_candidate,
    make_opening,
)


@pytest.fixture(autouse=True)
def fresh_matcher(app):
    """Change tracking on, and a matrix built from this test's rows only (tables are emptied between tests)."""
    installed = change_tracking_installed()
    install_change_tracking()
    matcher_of(app).forget()
    yield
    matcher_of(app).forget()
    if not installed:  # until create_app installs it for every app, leave other tests as they were
        remove_change_tracking()


def matcher_of(application):
    with application.app_context():
        return matcher()


def refs(ranking) -> list[str]:
    return [c.ref for c in ranking.candidates]


def test_an_eligible_candidate_is_ranked_with_an_explanation_that_adds_up(db):
    opening = make_opening()
    seeker = make_candidate(skills=("las", "Las  SMAW."))  # Indonesian and typed spellings of welding and smaw
    ranking = rank_candidates(opening, 10, on=TODAY)
    assert refs(ranking) == [seeker.ref]
    top = ranking.candidates[0]
    assert top.rank == 1 and 0 < top.score <= 1
    assert sum(f.contribution for f in top.explanation) == pytest.approx(top.score)
    required = next(f for f in top.explanation if f.code == "REQUIRED_SKILLS")
    assert required.data == {"matched": 2, "of": 2, "missing": []}


def test_better_fitting_candidates_come_first(db):
    opening = make_opening()
    weak = make_candidate(skills=("welding",))
    strong = make_candidate(skills=("welding", "smaw", "grinding"))
    add_experience(strong, "7212", 30)
    middle = make_candidate(skills=("welding", "smaw"))
    assert refs(rank_candidates(opening, 10, on=TODAY)) == [strong.ref, middle.ref, weak.ref]


@pytest.mark.parametrize("change, gate", [
    ({"consent": False}, Gate.NO_CONSENT),
    ({"schemes": ()}, Gate.CERT_MISSING),
    ({"expires_on": date(2027, 3, 31)}, Gate.CERT_EXPIRES_BEFORE_START),
    ({"language": ("JLPT", "N5")}, Gate.LANGUAGE_BELOW),
    ({"language": None}, Gate.LANGUAGE_BELOW),
    ({"birth_date": date(2009, 4, 2)}, Gate.TOO_YOUNG),  # 17 on the start date, 1 April 2027
    ({"birth_date": date(1991, 3, 31)}, Gate.TOO_OLD),  # 36 on the start date
    ({"education_code": "SD"}, Gate.EDUCATION_BELOW),
])
def test_an_ineligible_candidate_is_never_ranked_and_listed_with_its_gate_only_when_asked(db, change, gate):
    opening = make_opening()
    eligible = make_candidate()
    refused = make_candidate(**change)
    assert refs(rank_candidates(opening, 100, on=TODAY)) == [eligible.ref]
    ranking = rank_candidates(opening, 100, with_ineligible=True, on=TODAY)
    assert refs(ranking) == [eligible.ref]
    assert [(c.ref, c.gates) for c in ranking.ineligible] == [(refused.ref, (gate,))]
    assert rank_candidates(opening, 100, on=TODAY).ineligible is None


def test_a_placed_candidate_is_not_ranked_but_an_applicant_is(db):
    opening, other = make_opening(), make_opening()
    applicant, placed = make_candidate(), make_candidate()
    db.session.add_all([Placement(seeker_id=applicant.id, opening_id=other.id, stage="interview"),
                        Placement(seeker_id=placed.id, opening_id=other.id, stage="accepted")])
    db.session.commit()
    ranking = rank_candidates(opening, 10, with_ineligible=True, on=TODAY)
    assert refs(ranking) == [applicant.ref]
    assert [(c.ref, c.gates) for c in ranking.ineligible] == [(placed.ref, (Gate.ALREADY_PLACED,))]


def test_an_opening_that_fails_its_own_gates_ranks_nobody(db):
    opening = make_opening(country_code="MM")  # Myanmar: blocked
    seeker = make_candidate()
    ranking = rank_candidates(opening, 10, with_ineligible=True, on=TODAY)
    assert ranking.candidates == [] and [f.code for f in ranking.opening_gates] == [Gate.DESTINATION_BLOCKED]
    assert [(c.ref, c.gates) for c in ranking.ineligible] == [(seeker.ref, (Gate.DESTINATION_BLOCKED,))]


def test_the_vectorised_ranking_equals_the_reference_gates_and_scores_on_database_rows(db):
    opening = make_opening(skills=(("welding", "must"), ("forklift operation", "important"), ("cooking", "nice")))
    bulk_candidates(300)
    ranking = rank_candidates(opening, 1000, on=TODAY)
    snapshot = matcher().fresh()
    facts = opening_facts(opening, snapshot.vocabulary, TODAY)
    everyone = facts_from_columns(load_candidates(snapshot.keys, snapshot.vocabulary), snapshot.keys,
                                  snapshot.vocabulary.reference)
    rules = rules_facts()
    idf = idf_of([t for t, _i in facts.skills], snapshot.segments, snapshot.keys)
    expected = sorted((-explain(c, facts, idf, TODAY)[0], c.seeker_id) for c in everyone
                      if not failed_gates(c, facts, rules, TODAY))
    assert [c.seeker_id for c in ranking.candidates] == [seeker for _score, seeker in expected]
    assert [c.score for c in ranking.candidates] == [-score for score, _seeker in expected]
    assert 0 < ranking.eligible < 300


# --- freshness across processes --------------------------------------------------------------------------------

@pytest.fixture
def other_app(app):
    """A second app instance on the same database: another gunicorn worker, another machine."""
    second = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield second
    with second.app_context():
        matcher().forget()
        _db.session.remove()
        _db.engine.dispose()


def ranked_elsewhere(application, opening_id: int) -> list[str]:
    with application.app_context():
        return refs(rank_candidates(_db.session.get(Opening, opening_id), 10, on=TODAY))


def test_a_withdrawn_consent_disappears_from_the_other_instance_at_once(app, other_app, db):
    opening, seeker, other = make_opening(), make_candidate(), make_candidate()
    assert ranked_elsewhere(other_app, opening.id) == [seeker.ref, other.ref]
    consent = db.session.scalar(select(Consent).where(Consent.seeker_id == seeker.id))
    consent.withdrawn_at = consent.granted_at
    db.session.commit()
    assert ranked_elsewhere(other_app, opening.id) == [other.ref]
    assert matcher_of(other_app).full_builds == 1  # reloaded one seeker, not everything


def test_an_expired_certificate_disappears_from_the_other_instance_at_once(app, other_app, db):
    opening, seeker, other = make_opening(), make_candidate(), make_candidate()
    assert ranked_elsewhere(other_app, opening.id) == [seeker.ref, other.ref]
    certificate = db.session.scalar(select(Certification).where(Certification.seeker_id == seeker.id))
    certificate.expires_on = date(2027, 3, 31)  # the day before the job starts
    db.session.commit()
    assert ranked_elsewhere(other_app, opening.id) == [other.ref]
    assert matcher_of(other_app).full_builds == 1


def test_a_certificate_rejected_by_a_bulk_update_disappears_from_the_other_instance(app, other_app, db):
    opening, seeker = make_opening(), make_candidate()
    assert ranked_elsewhere(other_app, opening.id) == [seeker.ref]
    certificate = db.session.scalar(select(Certification.id).where(Certification.seeker_id == seeker.id))
    db.session.execute(update(Certification).where(Certification.id == certificate).values(status="rejected")
                       .execution_options(synchronize_session=False))  # the shape coordinators' decisions take
    db.session.commit()
    assert ranked_elsewhere(other_app, opening.id) == []


def test_a_rolled_back_change_never_reaches_any_matrix(app, other_app, db):
    opening, seeker = make_opening(), make_candidate()
    assert ranked_elsewhere(other_app, opening.id) == [seeker.ref]
    db.session.scalar(select(Consent).where(Consent.seeker_id == seeker.id)).withdrawn_at = TODAY
    db.session.flush()
    assert refs(rank_candidates(opening, 10, on=TODAY)) == [seeker.ref]  # not committed: still consenting
    db.session.rollback()
    assert ranked_elsewhere(other_app, opening.id) == [seeker.ref]


def test_new_and_changed_seekers_are_reloaded_incrementally(db):
    opening = make_opening()
    first = make_candidate(skills=("welding",))
    assert refs(rank_candidates(opening, 10, on=TODAY)) == [first.ref]
    second = make_candidate(skills=("welding", "smaw"))
    bulk = bulk_candidates(20)
    first.skills.clear()
    db.session.commit()
    ranking = rank_candidates(opening, 100, on=TODAY)
    shown = {c.ref: c for c in ranking.candidates}
    assert second.ref in shown
    assert next(f for f in shown[first.ref].explanation if f.code == "REQUIRED_SKILLS").data["matched"] == 0
    cache = matcher()
    assert cache.full_builds == 1 and cache.reloaded_seekers >= 22
    assert len([r for r in refs(ranking) if r.startswith("BULK-")]) == len([s for i, s in enumerate(bulk) if i % 3
                                                                         and i % 7 and _adult_on_start(s)])


def _adult_on_start(seeker_id: int) -> bool:
    seeker = _db.session.get(SeekerProfile, seeker_id)
    return 18 <= whole_years_between(seeker.birth_date, START) <= 35


def test_an_erased_or_deleted_seeker_leaves_the_matrix(db):
    opening, erased, deleted, kept = make_opening(), make_candidate(), make_candidate(), make_candidate()
    assert len(refs(rank_candidates(opening, 10, on=TODAY))) == 3
    erased.erased_at = erased.created_at
    db.session.delete(deleted)
    db.session.commit()
    assert refs(rank_candidates(opening, 10, on=TODAY)) == [kept.ref]


def test_a_bulk_write_nobody_can_attribute_rebuilds_the_matrix(db):
    opening = make_opening()
    rank_candidates(opening, 10, on=TODAY)
    db.session.execute(insert(SeekerProfile), [{"full_name": "X", "birth_date": date(2000, 1, 1), "gender": "F",
                                               "created_at": TODAY, "updated_at": TODAY}])
    db.session.commit()
    assert db.session.scalar(select(SeekerChange.seeker_id).order_by(SeekerChange.id.desc()).limit(1)) == EVERYONE
    rank_candidates(opening, 10, on=TODAY)
    assert matcher().full_builds == 2


def test_feed_ids_that_commit_late_are_asked_for_again(db):
    db.session.execute(insert(SeekerChange), [{"id": 5, "seeker_id": 50}])
    db.session.commit()
    feed = read_feed(db.session, 0, {}, now=0.0)
    assert feed.seekers == {50} and feed.watermark == 5 and set(feed.gaps) == {1, 2, 3, 4}
    db.session.execute(insert(SeekerChange), [{"id": 3, "seeker_id": 30}])  # a transaction that began earlier
    db.session.commit()
    later = read_feed(db.session, feed.watermark, feed.gaps, now=1.0)
    assert later.seekers == {30} and set(later.gaps) == {1, 2, 4}
    assert read_feed(db.session, later.watermark, later.gaps, now=1000.0).gaps == {}  # gone for good


def test_a_rebuild_still_waits_for_feed_ids_missing_just_below_its_watermark(db):
    db.session.execute(insert(SeekerChange), [{"id": 1, "seeker_id": 10}, {"id": 3, "seeker_id": 30}])
    db.session.commit()
    assert set(build_snapshot(db.session, now=0.0).gaps) == {2}


# --- the seeker's side -------------------------------------------------------------------------------------------

def test_a_seeker_sees_the_openings_they_fit_and_what_blocks_the_others(db):
    fits = make_opening()
    korean = make_opening(language=("TOPIK", "3"), skills=(("cooking", "must"),), schemes=())
    seeker = make_candidate(birth_date=date(2009, 6, 1))  # 17 on 1 April 2027: eligible from 1 June 2027
    later = make_opening(start_date=date(2027, 7, 1))
    matches = rank_openings(seeker, 10, on=TODAY)
    assert [o.opening_id for o in matches.openings] == [later.id]
    blocked = {b.opening_id: b.failures for b in matches.ineligible}
    assert blocked[fits.id][0].code == Gate.TOO_YOUNG
    assert blocked[fits.id][0].data["eligible_from"] == date(2027, 6, 1)
    assert [f.code for f in blocked[korean.id]] == [Gate.TOO_YOUNG, Gate.LANGUAGE_BELOW]


# --- the commands -----------------------------------------------------------------------------------------------

def test_rank_json_is_one_object_with_the_contracted_keys(runner, db):
    opening = make_opening()
    seekers = [make_candidate(skills=skills) for skills in (("welding",), ("welding", "smaw"), ("cooking",))]
    refused = make_candidate(consent=False)
    result = runner.invoke(args=["match", "rank", opening.code, "--top", "2", "--json", "--on", "2026-06-01"])
    assert result.exit_code == 0, result.output
    value = json.loads(result.stdout)
    assert set(value) == {"opening", "candidates"}
    assert value["opening"] == {"ref": opening.ref, "code": opening.code}
    assert [c["ref"] for c in value["candidates"]] == [seekers[1].ref, seekers[0].ref]
    for place, candidate in enumerate(value["candidates"], start=1):
        assert set(candidate) == {"ref", "rank", "score", "explanation"} and candidate["rank"] == place
        assert all({"code", "contribution"} <= set(factor) for factor in candidate["explanation"])
    everything = json.loads(runner.invoke(args=["match", "rank", opening.ref, "--top", "1000000", "--json",
                                                "--ineligible", "--on", "2026-06-01"]).stdout)
    assert set(everything) == {"opening", "candidates", "ineligible"}
    assert len(everything["candidates"]) == 3  # no score floor: the one without a matching skill is listed too
    assert everything["ineligible"] == [{"ref": refused.ref, "gates": ["NO_CONSENT"]}]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "candidates_ranked"))
    assert entry.object_id == str(opening.id) and entry.details["shown"] == 2


def test_rank_accepts_a_code_as_typed_and_refuses_an_unknown_opening(runner, db):
    opening = make_opening()
    typed = opening.code.lower().replace("-", " ")
    assert runner.invoke(args=["match", "rank", typed, "--json"]).exit_code == 0
    result = runner.invoke(args=["match", "rank", "NOPE", "--json"])
    assert result.exit_code == 1 and result.stdout == ""


def test_for_seeker_json_uses_the_fallback_ref_of_web_registered_seekers(runner, db):
    opening = make_opening()
    seeker = make_candidate(ref=None)
    result = runner.invoke(args=["match", "for-seeker", f"seeker:{seeker.id}", "--json", "--on", "2026-06-01"])
    assert result.exit_code == 0, result.output
    value = json.loads(result.stdout)
    assert value["seeker"] == {"ref": f"seeker:{seeker.id}"}
    assert [(o["ref"], o["code"], o["rank"]) for o in value["openings"]] == [(opening.ref, opening.code, 1)]
    assert set(value["openings"][0]) == {"ref", "code", "rank", "score", "explanation"}


def test_evaluate_prints_ndcg_at_10_for_a_labelled_file(runner, db, tmp_path):
    line = {"opening": {"ref": "T1", "country": "JP", "sector": "manufacturing", "occupation": "7212",
                        "start_date": "2027-04-01", "skills": {"must": ["welding"], "important": ["smaw"]}},
            "candidates": [{"ref": "a", "relevance": 0, "birth_date": "2000-01-01", "skills": ["memasak"]},
                           {"ref": "b", "relevance": 3, "birth_date": "2000-01-01", "skills": ["las", "las listrik"]},
                           {"ref": "c", "relevance": 2, "birth_date": "2000-01-01", "skills": ["welder"]}]}
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = runner.invoke(args=["match", "evaluate", str(labelled), "--json", "--on", "2026-06-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ndcg_at_10"] == 1.0
    assert runner.invoke(args=["match", "evaluate", str(labelled)]).stdout.startswith("NDCG@10 1.0000")
    labelled.write_text('{"opening": {"country": "JP"}, "candidates": [{"relevance": 1}]}\n', encoding="utf-8")
    broken = runner.invoke(args=["match", "evaluate", str(labelled)])
    assert broken.exit_code == 1 and "line 1" in broken.output


def test_evaluate_reads_judgements_of_openings_and_seekers_in_the_database(runner, db, tmp_path):
    opening = make_opening()
    good, poor, refused = make_candidate(skills=("welding", "smaw")), make_candidate(skills=()), \
        make_candidate(consent=False)
    judgements = [{"seeker": poor.ref, "relevance": 0}, {"seeker": good.ref, "relevance": 3},
                  {"seeker": refused.ref, "relevance": 2}]
    labelled = tmp_path / "judged.jsonl"
    labelled.write_text(json.dumps({"opening": opening.code, "judgements": judgements}) + "\n", encoding="utf-8")
    value = json.loads(runner.invoke(args=["match", "evaluate", str(labelled), "--json", "--on", "2026-06-01"]).stdout)
    assert value["openings"] == 1 and value["candidates"] == 3
    assert 0.5 < value["ndcg_at_10"] < 1  # the one judged 2 cannot be ranked: the gates come first
