"""Learning from decisions: `flask match train`, the saved versions, promotion and rollback across processes."""
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app import create_app
from app.config import TestConfig
from app.domain.matching.features import CODES
from app.domain.matching.ranking import Hit
from app.domain.matching.scoring import DEFAULT_SCORER, DEFAULT_WEIGHTS
from app.extensions import db as _db
from app.models import AuditEntry, Opening, Placement, RankingModel
from app.services.audit import Actor
from app.services.matcher import promotion
from app.services.matcher.model_files import ModelFileError, load_artefact
from app.services.matcher.rank import matcher, rank_candidates
from app.services.matcher.scorers import EXTENSION, serving_problem, serving_scorer
from app.services.matcher.training import NotEnoughOutcomes, train
from tests.services.helpers_matching import TODAY, make_candidate, make_opening
from tests.services.helpers_models import decide, held_out, make_model, recorded_decisions

BY = Actor.command_line("test")
WORSE = {"EXPERIENCE_YEARS": 1.0}  # puts the unskilled candidate of SKILLED_FIRST first


@pytest.fixture(autouse=True)
def models_folder(app, tmp_path, monkeypatch):
    """Model files in this test's own folder; no scorer cached from another test."""
    folder = tmp_path / "models"
    monkeypatch.setitem(app.config, "RANKING_MODELS_FOLDER", str(folder))
    app.extensions.pop(EXTENSION, None)
    yield folder
    app.extensions.pop(EXTENSION, None)


def audit_actions() -> list[str]:
    return list(_db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("ranking_model_%"))
                                    .order_by(AuditEntry.id)))


# --- training ----------------------------------------------------------------------------------------------------

def test_training_refuses_honestly_with_too_few_outcomes(db, runner, models_folder):
    opening = make_opening()
    for skills, stages, reason in ((("welding",), ("shortlisted",), None), ((), ("rejected",), "not_selected")):
        decide(make_candidate(skills=skills), opening, stages, reason)
    decide(make_candidate(), opening)  # still waiting: not an outcome
    with pytest.raises(NotEnoughOutcomes, match=r"2 outcomes on 1 openings \(1 with decisions to compare.*\); "
                                                r"at least 30 outcomes and 4 openings"):
        train(BY, today=TODAY)
    result = runner.invoke(args=["match", "train", "--min-outcomes", "2"])
    assert result.exit_code == 1
    assert "2 outcomes on 1 openings" in result.stderr and "at least 2 outcomes and 4 openings" in result.stderr
    assert _db.session.scalar(select(func.count()).select_from(RankingModel)) == 0
    assert not models_folder.exists() or not any(models_folder.iterdir())


def test_training_saves_a_trained_version_that_reads_back_and_does_not_serve(db, models_folder):
    recorded_decisions(openings=5)
    trained = train(BY, seed=3, today=TODAY)
    model = _db.session.scalar(select(RankingModel))
    assert model.version == "learned-20260601-1" and model.status == "trained"
    assert model.path == f"{model.version}.joblib"
    assert set(model.metrics) >= {"ndcg_model", "ndcg_serving", "pairs", "openings", "held_out", "sha256"}
    assert (model.metrics["pairs"], model.metrics["openings"], model.metrics["held_out"]) == (30, 5, 2)
    assert model.metrics["ndcg_model"] == round(trained.ndcg_model, 4) and model.metrics["serving"] == "default-v1"
    assert [f["code"] for f in model.features] == list(CODES)
    weights = [f["weight"] for f in model.features]
    assert min(weights) >= 0 and sum(weights) == pytest.approx(1.0, abs=1e-5)
    artefact = load_artefact(model.path, model.metrics["sha256"])
    assert artefact["version"] == model.version and artefact["weights"] == pytest.approx(weights, abs=1e-6)
    assert (models_folder / model.path).is_file()
    assert audit_actions() == ["ranking_model_trained"]
    assert serving_scorer() is DEFAULT_SCORER
    assert train(BY, seed=3, today=TODAY).model.version == "learned-20260601-2"


def test_the_train_command_prints_the_ndcg_of_the_new_model_and_of_the_serving_one(db, runner):
    recorded_decisions(openings=5)
    result = runner.invoke(args=["match", "train", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert "NDCG@10 on the held-out openings" in result.stdout and "default-v1" in result.stdout
    assert "REQUIRED_SKILLS" in result.stdout
    as_json = runner.invoke(args=["match", "train", "--json"])
    value = json.loads(as_json.stdout)
    assert value["status"] == "trained" and set(value["weights"]) == set(CODES)
    assert value["metrics"]["openings"] == 5


def test_a_model_file_changed_after_training_is_refused(db, models_folder):
    model = make_model("learned-test-1", DEFAULT_WEIGHTS)
    with (models_folder / model.path).open("ab") as out:
        out.write(b"\0")
    with pytest.raises(ModelFileError, match="differs"):
        load_artefact(model.path, model.metrics["sha256"])
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.promote(model, BY, DEFAULT_SCORER.name, today=TODAY)
    assert refused.value.code == "FILE_UNREADABLE"


# --- promotion and rollback ----------------------------------------------------------------------------------------

def test_promotion_is_refused_when_the_model_scores_worse_than_the_serving_one(db):
    model = make_model("learned-test-1", WORSE)
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.promote(model, BY, DEFAULT_SCORER.name, today=TODAY)
    assert refused.value.code == "WORSE_THAN_SERVING"
    assert refused.value.data["ndcg_model"] < refused.value.data["ndcg_serving"] == pytest.approx(1.0)
    assert _db.session.get(RankingModel, model.id).status == "trained"
    assert serving_scorer() is DEFAULT_SCORER and audit_actions() == []


def test_promotion_judges_again_against_whatever_serves_now(db):
    experienced_first = [held_out([{"REQUIRED_SKILLS": 1.0}, {"EXPERIENCE_YEARS": 1.0}], [0, 3])]
    better = make_model("learned-test-1", WORSE, groups=experienced_first)
    promotion.promote(better, BY, DEFAULT_SCORER.name, today=TODAY)  # it orders its held-out opening better
    default_like = make_model("learned-test-2", DEFAULT_WEIGHTS, groups=experienced_first)
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.promote(default_like, BY, "learned-test-1", today=TODAY)
    assert refused.value.code == "WORSE_THAN_SERVING" and refused.value.data["serving"] == "learned-test-1"


def test_promotion_and_rollback_change_the_scorer_of_every_ranking(db):
    opening = make_opening()
    make_candidate()
    model = make_model("learned-test-1", DEFAULT_WEIGHTS | {"PREFERENCE_FIT": 0.2})
    check = promotion.promote(model, BY, DEFAULT_SCORER.name, today=TODAY)
    assert (check.openings, check.candidates, check.ineligible) == (1, 1, [])
    assert serving_scorer().name == "learned-test-1"
    assert rank_candidates(_db.session.get(Opening, opening.id), 10, on=TODAY).model == "learned-test-1"
    promoted = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ranking_model_promoted"))
    assert promoted.details["replaced"] == "default-v1" and promoted.details["candidates_checked"] == 1
    assert promotion.roll_back(BY, "learned-test-1") == "default-v1"
    assert serving_scorer() is DEFAULT_SCORER
    assert _db.session.get(RankingModel, model.id).status == "retired"
    assert audit_actions() == ["ranking_model_promoted", "ranking_model_rolled_back"]


def test_rollback_returns_to_the_model_the_rolled_back_one_replaced_then_to_the_default(db):
    first = make_model("learned-test-1", DEFAULT_WEIGHTS)
    second = make_model("learned-test-2", DEFAULT_WEIGHTS | {"SECTOR_TRAINING": 0.2})
    promotion.promote(first, BY, "default-v1", today=TODAY)
    promotion.promote(second, BY, "learned-test-1", today=TODAY)
    assert _db.session.get(RankingModel, first.id).status == "retired"
    assert promotion.roll_back(BY, "learned-test-2") == "learned-test-1"
    assert serving_scorer().name == "learned-test-1"
    assert promotion.roll_back(BY, "learned-test-1") == "default-v1"
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.roll_back(BY, "default-v1")
    assert refused.value.code == "NOTHING_TO_ROLL_BACK"


def test_nothing_changes_when_the_serving_model_changed_since_the_coordinator_looked(db):
    first, second = make_model("learned-test-1", DEFAULT_WEIGHTS), make_model("learned-test-2", DEFAULT_WEIGHTS)
    promotion.promote(first, BY, "default-v1", today=TODAY)
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.promote(second, BY, "default-v1", today=TODAY)  # the page still showed the default
    assert refused.value.code == "SERVING_CHANGED"
    with pytest.raises(promotion.PromotionRefused):
        promotion.roll_back(BY, "default-v1")
    assert serving_scorer().name == "learned-test-1"


def test_promotion_is_refused_if_the_check_ranking_lists_anyone_the_gates_refuse(db, monkeypatch):
    opening, refused_one = make_opening(), make_candidate(consent=False)
    make_candidate()
    assert promotion.check_rankings(DEFAULT_SCORER, TODAY).ineligible == []

    def broken_rank(segments, query, scorer, k):  # a ranking that forgot its gates
        return [Hit(0, 0, refused_one.id, 1.0)], 1
    monkeypatch.setattr(promotion, "rank", broken_rank)
    model = make_model("learned-test-1", DEFAULT_WEIGHTS)
    with pytest.raises(promotion.PromotionRefused) as refused:
        promotion.promote(model, BY, "default-v1", today=TODAY)
    assert refused.value.code == "INELIGIBLE_RANKED" and refused.value.data["count"] == 1
    assert promotion.check_rankings(DEFAULT_SCORER, TODAY).ineligible == [(opening.id, refused_one.id, ("NO_CONSENT",))]
    assert serving_scorer() is DEFAULT_SCORER


def test_a_process_that_cannot_read_the_serving_file_ranks_with_the_default_and_says_why(app, db, models_folder):
    model = make_model("learned-test-1", DEFAULT_WEIGHTS)
    promotion.promote(model, BY, "default-v1", today=TODAY)
    (models_folder / model.path).unlink()
    app.extensions.pop(EXTENSION, None)  # another process, which has not read the file yet
    assert serving_scorer() is DEFAULT_SCORER
    assert "cannot be read" in serving_problem()


# --- across processes ----------------------------------------------------------------------------------------------

@pytest.fixture
def other_app(app):
    """A second app instance on the same database and model folder: another gunicorn worker, another machine."""
    second = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                                     "RANKING_MODELS_FOLDER": app.config["RANKING_MODELS_FOLDER"]})
    yield second
    with second.app_context():
        matcher().forget()
        _db.session.remove()
        _db.engine.dispose()


def model_elsewhere(application, opening_id: int) -> str:
    with application.app_context():
        return rank_candidates(_db.session.get(Opening, opening_id), 10, on=TODAY).model


def test_a_promotion_reaches_the_other_instance_at_its_next_ranking_and_so_does_the_rollback(app, other_app, db):
    opening = make_opening()
    make_candidate()
    assert model_elsewhere(other_app, opening.id) == "default-v1"
    promotion.promote(make_model("learned-test-1", DEFAULT_WEIGHTS), BY, "default-v1", today=TODAY)
    assert model_elsewhere(other_app, opening.id) == "learned-test-1"
    promotion.roll_back(BY, "learned-test-1")
    assert model_elsewhere(other_app, opening.id) == "default-v1"


# --- the demo ----------------------------------------------------------------------------------------------------

DEMO_DAY = date(2026, 11, 28)


def test_the_demo_outcomes_are_marked_as_demo_and_enough_to_train_a_model(db):
    from app.services.demo import load_demo
    from app.services.demo_outcomes import NOTE, add_demo_outcomes
    load_demo(today=DEMO_DAY)
    if not _db.session.scalar(select(func.count()).where(Placement.closed_reason == "requirements_not_met")):
        add_demo_outcomes(DEMO_DAY, 2026)  # until the demo loader calls it itself
        _db.session.commit()
    placements = _db.session.scalars(select(Placement).where(Placement.events.any(note=NOTE))).all()
    assert len(placements) > 100
    for placement in placements:
        events = placement.events
        assert events[0].to_stage == "applied" and events[-1].to_stage == placement.stage
        assert placement.opening.is_demo and placement.opening.approved_at < events[0].at
        assert all(a.at < b.at and b.from_stage == a.to_stage for a, b in zip(events, events[1:], strict=False))
        assert events[-1].at.date() <= DEMO_DAY and placement.stage not in ("accepted", "contract_signed")
    trained = train(BY, today=DEMO_DAY)
    assert trained.model.metrics["pairs"] >= 100 and trained.model.metrics["held_out"] >= 2
