"""Recorded decisions as labelled pairs: each graded application with the feature values of its pair.

Grades come from the placement's stage history (app.domain.matching.learning.grade). Feature values
are those the serving ranking would compute today (features.evaluate over the matcher's facts and
idf): profiles are not versioned, so a candidate who gained a skill since the decision is judged
with it. Erased seekers are left out. Nothing here reads gender, kelurahan or any other protected
attribute: the facts the matcher loads do not hold them.
"""
from collections import defaultdict
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.matching.features import applies, evaluate
from app.domain.matching.learning import OpeningOutcomes, grade
from app.domain.matching.matrix import Keys, facts_from_columns
from app.domain.matching.ranking import idf_of
from app.extensions import db
from app.models import Employer, Opening, Placement, PlacementEvent
from app.services.matcher.facts import load_candidates, opening_facts
from app.services.matcher.rank import matcher


def graded_applications() -> dict[int, dict[int, int]]:
    """{opening id: {seeker id: grade}} of every application that tells something about fit."""
    reached: dict[int, set[str]] = defaultdict(set)
    for placement_id, stage in db.session.execute(select(PlacementEvent.placement_id, PlacementEvent.to_stage)):
        reached[placement_id].add(stage)
    graded: dict[int, dict[int, int]] = defaultdict(dict)
    rows = db.session.execute(select(Placement.id, Placement.opening_id, Placement.seeker_id, Placement.stage,
                                     Placement.closed_reason).order_by(Placement.id))
    for placement_id, opening_id, seeker_id, stage, reason in rows:
        value = grade(reached[placement_id] | {stage}, stage, reason)
        if value is not None:
            graded[opening_id][seeker_id] = value
    return dict(graded)


def labelled_openings(today: date) -> list[OpeningOutcomes]:
    """The graded applications of every opening that has any, with their feature values, by opening id."""
    graded = graded_applications()
    if not graded:
        return []
    snapshot = matcher().fresh()
    vocabulary = snapshot.vocabulary
    keys = Keys()
    seekers = sorted({s for by_seeker in graded.values() for s in by_seeker})
    candidates = {c.seeker_id: c for c in facts_from_columns(load_candidates(keys, vocabulary, seekers), keys,
                                                              vocabulary.reference)}
    openings = db.session.scalars(
        select(Opening).where(Opening.id.in_(list(graded))).order_by(Opening.id)
        .options(selectinload(Opening.skills), selectinload(Opening.certifications),
                 selectinload(Opening.language_level), selectinload(Opening.employer)
                 .selectinload(Employer.partner_city)))
    groups = []
    for opening in openings:
        facts = opening_facts(opening, vocabulary, today)
        idf = idf_of([term for term, _importance in facts.skills], snapshot.segments, snapshot.keys)
        judged = [(candidates[s], g) for s, g in sorted(graded[opening.id].items()) if s in candidates]
        if not judged:
            continue
        values = np.array([[value for value, _data in evaluate(c, facts, idf, today)] for c, _g in judged])
        groups.append(OpeningOutcomes(opening.id, applies(facts), values,
                                      np.array([g for _c, g in judged], dtype=np.int64)))
    return groups
