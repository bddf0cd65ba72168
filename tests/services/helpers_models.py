"""Factories for the ranking model's tests: recorded decisions, and model versions saved as the trainer saves them."""
import numpy as np

from app.domain.clock import utcnow
from app.domain.matching.features import CODES
from app.domain.matching.learning import OpeningOutcomes
from app.extensions import db
from app.models import Placement, PlacementEvent, RankingModel
from app.services.matcher.model_files import held_out_records, save_artefact
from tests.services.helpers_matching import make_candidate, make_opening

ALL = (True,) * len(CODES)
# The opening asks welding (must), smaw (important), grinding (nice): the fuller the skills, the further.
OUTCOMES = ((("welding", "smaw", "grinding"), ("shortlisted", "interview", "offered"), None),
            (("welding", "smaw"), ("shortlisted", "interview"), None),
            (("welding", "smaw"), ("shortlisted",), None),
            (("welding",), ("rejected",), "not_selected"),
            (("smaw",), ("rejected",), "not_selected"),
            ((), ("rejected",), "requirements_not_met"))


def decide(seeker, opening, stages=(), reason: str | None = None) -> Placement:
    """An application moved through `stages` after `applied`; a closing stage takes `reason`."""
    placement = Placement(seeker_id=seeker.id, opening_id=opening.id, stage="applied")
    placement.events.append(PlacementEvent(from_stage=None, to_stage="applied", actor_label="test"))
    for stage in stages:
        placement.events.append(PlacementEvent(from_stage=placement.stage, to_stage=stage, actor_label="test",
                                               reason_code=reason if stage == "rejected" else None))
        placement.stage = stage
    placement.closed_reason = reason if placement.stage == "rejected" else None
    db.session.add(placement)
    db.session.commit()
    return placement


def recorded_decisions(openings: int = 5) -> list:
    """Six candidates applying to each of `openings` approved openings, graded by how many asked skills they have."""
    made = [make_opening() for _ in range(openings)]
    for skills, stages, reason in OUTCOMES:
        seeker = make_candidate(skills=skills)
        for opening in made:
            decide(seeker, opening, stages, reason)
    return made


def held_out(values_by_row: list[dict], grades: list[int], opening_id: int = 1) -> OpeningOutcomes:
    rows = np.zeros((len(values_by_row), len(CODES)))
    for i, values in enumerate(values_by_row):
        for code, value in values.items():
            rows[i, CODES.index(code)] = value
    return OpeningOutcomes(opening_id, ALL, rows, np.array(grades))


# The candidate with the required skills went furthest: the default orders it right (NDCG 1).
SKILLED_FIRST = [held_out([{"REQUIRED_SKILLS": 1.0}, {"EXPERIENCE_YEARS": 1.0}], [3, 0])]


def make_model(version: str, weights: dict[str, float], groups=None, status: str = "trained") -> RankingModel:
    """A saved model version, as `flask match train` saves one (file with its hash, row, metrics, features)."""
    vector = [float(weights.get(code, 0.0)) for code in CODES]
    groups = SKILLED_FIRST if groups is None else groups
    name, sha256 = save_artefact(version, {"features": list(CODES), "weights": vector, "estimator": None,
                                           "method": "test", "seed": 0, "held_out": held_out_records(groups),
                                           "train_openings": []})
    model = RankingModel(version=version, path=name, status=status, trained_at=utcnow(),
                         metrics={"ndcg_model": 1.0, "ndcg_serving": 1.0, "serving": "default-v1", "pairs": 30,
                                  "openings": 5, "held_out": len(groups), "sha256": sha256},
                         features=[{"code": c, "weight": w} for c, w in zip(CODES, vector, strict=True)])
    db.session.add(model)
    db.session.commit()
    return model
