"""What the ranking model page shows: the model serving, every trained version, and who changed what when."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.domain.matching.features import CODES
from app.domain.matching.scoring import DEFAULT_SCORER, DEFAULT_WEIGHTS
from app.extensions import db
from app.models import AuditEntry, RankingModel, User
from app.services.matcher.promotion import PROMOTED, ROLLED_BACK, serving_model
from app.services.matcher.scorers import serving_problem

TRAINED = "ranking_model_trained"
HISTORY = 50


@dataclass(frozen=True)
class ModelEvent:
    action: str  # trained, promoted, rolled_back
    at: datetime
    who: str
    details: dict


@dataclass(frozen=True)
class Overview:
    serving: RankingModel | None  # None: the default weights serve
    serving_name: str
    problem: str | None  # why this process cannot rank with the serving model's file
    models: list[RankingModel]  # newest first
    history: list[ModelEvent]  # newest first
    promoted_by: dict[int, str]  # user id -> display name

    @property
    def default_weights(self) -> dict[str, float]:
        return DEFAULT_WEIGHTS

    @property
    def codes(self) -> tuple[str, ...]:
        return CODES


def overview() -> Overview:
    serving = serving_model()
    models = list(db.session.scalars(select(RankingModel).order_by(RankingModel.trained_at.desc(),
                                                                   RankingModel.id.desc())))
    entries = list(db.session.scalars(select(AuditEntry).where(AuditEntry.action.in_((TRAINED, PROMOTED, ROLLED_BACK)))
                                      .order_by(AuditEntry.id.desc()).limit(HISTORY)))
    user_ids = {e.actor_id for e in entries if e.actor_id} | {m.promoted_by_id for m in models if m.promoted_by_id}
    names = dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()) \
        if user_ids else {}
    history = [ModelEvent(e.action.removeprefix("ranking_model_"), e.at, names.get(e.actor_id) or e.actor_label,
                          e.details or {}) for e in entries]
    return Overview(serving, serving.version if serving else DEFAULT_SCORER.name, serving_problem(), models, history,
                    names)
