"""`flask match train`: learn a scorer from recorded decisions, judge it on held-out openings, save it.

The model is trained on some openings and judged on others it never saw (NDCG@10 of its order of
their graded applications), beside the model serving now judged on the same openings. It is saved
as a joblib file and a RankingModel row with status "trained": it serves only once a coordinator
promotes it on the model page (app.services.matcher.promotion).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.domain.clock import utcnow
from app.domain.matching import learning
from app.domain.matching.features import CODES
from app.domain.matching.scoring import DEFAULT_SCORER, LinearScorer
from app.extensions import db
from app.models import RankingModel
from app.services import audit
from app.services.catalogue import local_today
from app.services.matcher.model_files import held_out_records, models_folder, save_artefact
from app.services.matcher.outcomes import labelled_openings
from app.services.matcher.scorers import serving_scorer

VERSION_PREFIX = "learned-"


class NotEnoughOutcomes(Exception):
    """Too few recorded decisions to learn from and to judge a model on."""

    def __init__(self, shortfall: learning.Shortfall):
        self.shortfall = shortfall
        super().__init__(
            f"{shortfall.outcomes} outcomes on {shortfall.openings} openings ({shortfall.comparable} with decisions to "
            f"compare: a positive and another grade); at least {shortfall.min_outcomes} outcomes and "
            f"{shortfall.min_openings} openings with decisions to compare needed")


class NothingLearned(Exception):
    """The decisions order no pair of candidates by any feature: every weight came out zero."""


@dataclass(frozen=True)
class Trained:
    model: RankingModel
    ndcg_model: float
    ndcg_serving: float
    serving: str


def train(by: audit.Actor, min_outcomes: int = learning.MIN_OUTCOMES, seed: int = 0,
          today: date | None = None) -> Trained:
    """Fit, judge and save a model from the decisions recorded so far; raises NotEnoughOutcomes."""
    today = today or local_today()
    groups = labelled_openings(today)
    missing = learning.shortfall(groups, min_outcomes)
    if missing:
        raise NotEnoughOutcomes(missing)
    training, held_out = learning.split_by_opening(groups, seed)
    learned = learning.learn(training, DEFAULT_SCORER.weights)
    if not learned.weights.any():
        raise NothingLearned("the decisions order no candidates by any feature")
    version = _next_version(today)
    scorer = LinearScorer(version, tuple(float(w) for w in learned.weights))
    serving = serving_scorer()
    ndcg_model, judged = learning.ndcg_at_10(scorer, held_out)
    ndcg_serving, _judged = learning.ndcg_at_10(serving, held_out)
    name, sha256 = save_artefact(version, {
        "features": list(CODES), "weights": list(scorer.weights), "estimator": learned.estimator,
        "method": learning.METHOD, "pull": learned.pull, "seed": seed, "trained_on": today.isoformat(),
        "held_out": held_out_records(held_out), "train_openings": [g.opening_id for g in training]})
    metrics = {"ndcg_model": round(ndcg_model, 4), "ndcg_serving": round(ndcg_serving, 4), "serving": serving.name,
               "pairs": int(sum(len(g.grades) for g in groups)), "openings": len(groups), "held_out": judged,
               "train_openings": len(training), "seed": seed, "method": learning.METHOD, "pull": learned.pull,
               "sha256": sha256}
    model = RankingModel(version=version, path=name, status="trained", metrics=metrics, trained_at=utcnow(),
                         features=[{"code": c, "weight": round(w, 6)} for c, w in zip(CODES, scorer.weights,
                                                                                     strict=True)])
    db.session.add(model)
    try:
        db.session.flush()
    except IntegrityError:  # another `train` took the same version at the same moment
        db.session.rollback()
        (models_folder() / name).unlink(missing_ok=True)
        raise
    audit.record(by, "ranking_model_trained", model, version=version, **{k: metrics[k] for k in (
        "ndcg_model", "ndcg_serving", "serving", "pairs", "openings", "held_out")})
    db.session.commit()
    return Trained(model, ndcg_model, ndcg_serving, serving.name)


def _next_version(today: date) -> str:
    """learned-YYYYMMDD-N: the N-th model trained that day."""
    prefix = f"{VERSION_PREFIX}{today:%Y%m%d}-"
    taken = db.session.scalar(select(func.count()).select_from(RankingModel)
                              .where(RankingModel.version.like(prefix + "%"))) or 0
    return f"{prefix}{taken + 1}"
