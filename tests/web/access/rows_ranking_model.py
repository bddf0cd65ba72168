"""Rows for the coordinators' ranking model page (promote, roll back) and the fairness report."""
from app.extensions import db
from app.models import RankingModel
from tests.web.access import only

ROWS = {
    "coordinator.ranking_model": ("GET", "/coordinator/ranking-model", only("coordinator")),
    "coordinator.ranking_model_promote": ("POST", "/coordinator/ranking-model/{ranking_model_id}/promote",
                                          only("coordinator", status=302)),
    "coordinator.ranking_model_rollback": ("POST", "/coordinator/ranking-model/rollback",
                                           only("coordinator", status=302)),
    "coordinator.fairness": ("GET", "/coordinator/fairness", only("coordinator")),
}


def build(world):
    """A trained model version's row (no file: the matrix only posts an empty form, which changes nothing)."""
    model = RankingModel(version="learned-access-1", status="trained", metrics={}, features=[])
    db.session.add(model)
    db.session.commit()
    world.ids.update(ranking_model_id=model.id)
