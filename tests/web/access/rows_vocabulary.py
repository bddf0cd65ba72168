"""Rows for the coordinators' skills vocabulary."""
from tests.web.access import only


def build(world):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Skill
    world.ids["skill"] = db.session.scalar(select(Skill.id).where(Skill.term == "welding"))


ROWS = {
    "coordinator.vocabulary": ("GET", "/coordinator/vocabulary", only("coordinator")),
    "coordinator.vocabulary_aliases": ("POST", "/coordinator/vocabulary/{skill}/aliases",
                                       only("coordinator", status=302)),
}
