"""Which scorer serves rankings: the default weights until a coordinator promotes a learned model.

Every ranking asks the database which model serves (one small query on a table of a few rows), so a
promotion or rollback made by any process is used by every other process at its next ranking. The
model's file is read and checked once per process per version (app.extensions holds them, by row id
and training time, so a row replaced by another with the same id is never mistaken for it). When a
process cannot read the serving model's file (missing on this machine, or altered), it ranks with
the default scorer, logs an error, and says so: rankings then name "default-v1" as their model,
and the model page shows the problem. It tries the file again after RETRY_SECONDS.
"""
import logging
import threading
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from app.domain.matching.scoring import DEFAULT_SCORER, LinearScorer
from app.extensions import db
from app.models import RankingModel
from app.services.matcher.model_files import ModelFileError, load_artefact, scorer_of

EXTENSION = "jembatan.scorers"
RETRY_SECONDS = 60.0
log = logging.getLogger(__name__)


@dataclass
class _Loaded:
    scorer: LinearScorer
    problem: str | None = None
    at: float = 0.0


class _Scorers:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_key: dict[tuple[int, str | None], _Loaded] = {}


def _scorers() -> _Scorers:
    return current_app.extensions.setdefault(EXTENSION, _Scorers())


def _serving_row():
    """(id, trained_at) of the model that serves now, or None for the default.

    A small Core statement on the session's connection: about a tenth of a millisecond, on every ranking.
    """
    return db.session.connection().execute(
        select(RankingModel.id, RankingModel.trained_at).where(RankingModel.status == "serving")
        .order_by(RankingModel.promoted_at.desc(), RankingModel.id.desc()).limit(1)).first()


def serving_scorer() -> LinearScorer:
    """The scorer every ranking uses now."""
    row = _serving_row()
    return DEFAULT_SCORER if row is None else _loaded(row).scorer


def serving_problem() -> str | None:
    """Why this process does not rank with the model that serves, if it does not."""
    row = _serving_row()
    return None if row is None else _loaded(row).problem


def _loaded(row) -> _Loaded:
    cache = _scorers()
    key = (row.id, row.trained_at)
    with cache.lock:
        loaded = cache.by_key.get(key)
        if loaded is None or (loaded.problem and time.monotonic() - loaded.at > RETRY_SECONDS):
            loaded = cache.by_key[key] = _load(row)
        return loaded


def _load(row) -> _Loaded:
    model = db.session.get(RankingModel, row.id)
    try:
        return _Loaded(scorer_of(load_artefact(model.path, (model.metrics or {}).get("sha256"))))
    except ModelFileError as error:
        log.error("ranking model %s cannot serve in this process, ranking with %s: %s", model.version,
                  DEFAULT_SCORER.name, error)
        return _Loaded(DEFAULT_SCORER, str(error), time.monotonic())
