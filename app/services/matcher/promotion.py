"""Promoting a trained model to serve, and rolling back: the coordinator's decisions on the model page.

A promotion is refused unless, at the moment it is asked for:
- the model's file reads back with the hash recorded when it was trained;
- on the openings held out when it was trained, its NDCG@10 is no worse than that of the model
  serving now (judged again, since another model may serve than when it was trained);
- ranked with it, the top CHECK_TOP of every approved opening hold nobody the legal gates refuse:
  the gates run before any scoring, so this must hold; it is checked anyway, independently, with
  eligibility.failed_gates on facts read again from the database;
- the model serving is still the one the coordinator saw on the page.
A rollback returns to the model the rolled-back one replaced (the default when it replaced none).
Both are audited with who and when; the page lists them.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from app.domain.clock import utcnow
from app.domain.eligibility import failed_gates, opening_failures
from app.domain.matching.learning import ndcg_at_10
from app.domain.matching.matrix import Keys, facts_from_columns
from app.domain.matching.ranking import compile_query, rank
from app.domain.matching.scoring import DEFAULT_SCORER, LinearScorer
from app.extensions import db
from app.models import AuditEntry, RankingModel
from app.services import audit
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import approved_openings, load_candidates, opening_facts
from app.services.matcher.model_files import ModelFileError, held_out_of, load_artefact, scorer_of
from app.services.matcher.rank import matcher
from app.services.matcher.scorers import serving_scorer

CHECK_TOP = 50
PROMOTED, ROLLED_BACK = "ranking_model_promoted", "ranking_model_rolled_back"


class PromotionRefused(Exception):
    """Why a promotion or rollback was not made: a code and its data, put into words by the web layer."""

    def __init__(self, code: str, **data):
        self.code, self.data = code, data
        super().__init__(code, data)


@dataclass(frozen=True)
class RankingCheck:
    openings: int
    candidates: int
    ineligible: list[tuple[int, int, tuple[str, ...]]]  # (opening id, seeker id, gate codes)


def serving_model() -> RankingModel | None:
    return db.session.scalar(select(RankingModel).where(RankingModel.status == "serving")
                             .order_by(RankingModel.promoted_at.desc(), RankingModel.id.desc()).limit(1))


def _serving_name(row: RankingModel | None) -> str:
    return row.version if row is not None else DEFAULT_SCORER.name


def check_rankings(scorer: LinearScorer, today: date, top_k: int = CHECK_TOP) -> RankingCheck:
    """Rank every approved opening with `scorer`, then hold each ranked candidate against the gates again."""
    snapshot, rules = matcher().fresh(), rules_facts()
    ranked: list[tuple] = []
    for opening in approved_openings():
        facts = opening_facts(opening, snapshot.vocabulary, today)
        if opening_failures(facts, rules, today):
            continue  # an opening failing its own gates ranks nobody
        query = compile_query(facts, snapshot.segments, snapshot.keys, snapshot.vocabulary.reference, today)
        hits, _eligible = rank(snapshot.segments, query, scorer, top_k)
        ranked.append((facts, [hit.seeker_id for hit in hits]))
    keys = Keys()
    seekers = sorted({s for _facts, ids in ranked for s in ids})
    loaded = {c.seeker_id: c for c in facts_from_columns(load_candidates(keys, snapshot.vocabulary, seekers), keys,
                                                          snapshot.vocabulary.reference)}
    refused = []
    for facts, ids in ranked:
        for seeker in ids:
            gates = ("ERASED",) if seeker not in loaded else tuple(
                str(f.code) for f in failed_gates(loaded[seeker], facts, rules, today))
            if gates:
                refused.append((facts.opening_id, seeker, gates))
    return RankingCheck(len(ranked), sum(len(ids) for _facts, ids in ranked), refused)


def promote(model: RankingModel, by: audit.Actor, expected_serving: str, today: date | None = None) -> RankingCheck:
    """Make `model` the serving model, or raise PromotionRefused with the reason."""
    today = today or local_today()
    current = serving_model()
    if model.status == "serving":
        raise PromotionRefused("ALREADY_SERVING", version=model.version)
    if _serving_name(current) != expected_serving:
        raise PromotionRefused("SERVING_CHANGED", serving=_serving_name(current))
    try:
        artefact = load_artefact(model.path, (model.metrics or {}).get("sha256"))
        candidate = scorer_of(artefact)
    except ModelFileError as error:
        raise PromotionRefused("FILE_UNREADABLE", version=model.version, problem=str(error)) from error
    serving = serving_scorer()
    held_out = held_out_of(artefact)
    ndcg_model, judged = ndcg_at_10(candidate, held_out)
    ndcg_serving, _judged = ndcg_at_10(serving, held_out)
    if ndcg_model is None or ndcg_model < ndcg_serving - 1e-9:
        raise PromotionRefused("WORSE_THAN_SERVING", version=model.version, serving=serving.name,
                               ndcg_model=ndcg_model, ndcg_serving=ndcg_serving, openings=judged)
    check = check_rankings(candidate, today)
    if check.ineligible:
        raise PromotionRefused("INELIGIBLE_RANKED", version=model.version, count=len(check.ineligible),
                               openings=len({opening for opening, _s, _g in check.ineligible}))
    # Every other serving row retires, also one a simultaneous promotion committed meanwhile.
    db.session.execute(update(RankingModel).where(RankingModel.status == "serving", RankingModel.id != model.id)
                       .values(status="retired"))
    model.status, model.promoted_by_id, model.promoted_at = "serving", by.user_id, utcnow()
    audit.record(by, PROMOTED, model, version=model.version, replaced=_serving_name(current),
                 ndcg_model=round(ndcg_model, 4), ndcg_serving=round(ndcg_serving, 4), serving_judged=serving.name,
                 held_out=judged, openings_checked=check.openings, candidates_checked=check.candidates)
    db.session.commit()
    return check


def roll_back(by: audit.Actor, expected_serving: str) -> str:
    """Return to the model the serving one replaced (or the default); the name of what serves now."""
    current = serving_model()
    if current is None:
        raise PromotionRefused("NOTHING_TO_ROLL_BACK")
    if current.version != expected_serving:
        raise PromotionRefused("SERVING_CHANGED", serving=current.version)
    previous = _replaced_by(current)
    target = db.session.scalar(select(RankingModel).where(RankingModel.version == previous)) if previous else None
    unreadable = None
    if target is not None:
        try:
            load_artefact(target.path, (target.metrics or {}).get("sha256"))
        except ModelFileError as error:  # the way back must work: the default always does
            target, unreadable = None, str(error)
    current.status = "retired"
    if target is not None:
        target.status, target.promoted_by_id, target.promoted_at = "serving", by.user_id, utcnow()
    now_serving = _serving_name(target)
    audit.record(by, ROLLED_BACK, current, version=current.version, to=now_serving, meant=previous or now_serving,
                 problem=unreadable)
    db.session.commit()
    return now_serving


def _replaced_by(model: RankingModel) -> str | None:
    """The model this one replaced at its latest promotion (None: the default, or no promotion recorded)."""
    details = db.session.scalar(select(AuditEntry.details).where(
        AuditEntry.action == PROMOTED, AuditEntry.object_type == RankingModel.__tablename__,
        AuditEntry.object_id == str(model.id)).order_by(AuditEntry.id.desc()).limit(1))
    replaced = (details or {}).get("replaced")
    return None if replaced in (None, DEFAULT_SCORER.name) else replaced
