"""The fairness report: who reaches the top 10 of the approved openings, and whose applications are selected.

Each approved opening is ranked through rank_candidates (the serving model, gates first), its top 10
taken, and its eligible pool counted by group with the same vectorised gates. Gender and kelurahan
are read here from the profiles, for this report only (the matcher never loads them), in one query
into arrays, so the counting stays a few NumPy operations per opening even with 100,000 seekers.
Erased seekers are left out. Reading the report is audited: it is a read of personal data, aggregated.
"""
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import select

from app.domain import fairness
from app.domain.eligibility import opening_failures
from app.domain.matching.ranking import compile_query, eligible_rows
from app.extensions import db
from app.models import Kelurahan, Placement, PlacementEvent, SeekerProfile
from app.services import audit
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import approved_openings, opening_facts
from app.services.matcher.rank import matcher, rank_candidates

TOP = 10


@dataclass(frozen=True)
class FairnessReport:
    model: str
    openings: int  # approved openings ranked
    exposure_gender: list[fairness.GroupExposure]
    exposure_kelurahan: list[fairness.GroupExposure]
    selection_gender: list[fairness.GroupSelection]
    selection_kelurahan: list[fairness.GroupSelection]
    decided: int  # applications with a decision
    undecided: int  # applications still waiting, withdrawn or cancelled before any decision
    kelurahan_names: dict[str, str]
    seconds: float


class _Groups:
    """Gender and kelurahan of every seeker not erased, as arrays sorted by seeker id (one Core query: no ORM rows)."""

    def __init__(self):
        rows = db.session.connection().execute(
            select(SeekerProfile.id, SeekerProfile.gender, SeekerProfile.kelurahan_code)
            .where(SeekerProfile.erased_at.is_(None)).order_by(SeekerProfile.id)).all()
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.gender_keys, self.gender_of = _coded([r[1] for r in rows])
        self.place_keys, self.place_of = _coded([r[2] for r in rows])

    def find(self, seeker_ids) -> tuple[np.ndarray, np.ndarray]:
        """Rows of these seekers, and which of them were found (erased seekers are not)."""
        ids = np.asarray(seeker_ids, dtype=np.int64)
        if not len(self.ids):
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return at, self.ids[at] == ids

    def rows(self, seeker_ids) -> np.ndarray:
        at, found = self.find(seeker_ids)
        return at[found]

    @staticmethod
    def counts(rows: np.ndarray, of: np.ndarray, keys: list) -> dict:
        found = np.bincount(of[rows], minlength=len(keys))
        return {keys[i]: int(n) for i, n in enumerate(found) if n}


def _coded(values: list) -> tuple[list, np.ndarray]:
    """The distinct values (None last) and each value's index among them."""
    keys = sorted(set(values), key=lambda v: (v is None, v or ""))
    index = {key: i for i, key in enumerate(keys)}
    return keys, np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values))


def fairness_report(by: audit.Actor, today: date | None = None) -> FairnessReport:
    """Compute the report and audit its reading."""
    started, today = time.perf_counter(), today or local_today()
    groups = _Groups()
    by_gender, by_place, everyone, model = [], [], [], None
    snapshot, rules = matcher().fresh(), rules_facts()
    for opening in approved_openings():
        facts = opening_facts(opening, snapshot.vocabulary, today)
        if opening_failures(facts, rules, today):
            continue
        query = compile_query(facts, snapshot.segments, snapshot.keys, snapshot.vocabulary.reference, today)
        pool = groups.rows(np.concatenate([s.seeker_ids[eligible_rows(s, query)] for s in snapshot.segments]))
        ranking = rank_candidates(opening, TOP, on=today)
        model = ranking.model
        shown = groups.rows([c.seeker_id for c in ranking.candidates])
        everyone.append(pool)
        by_gender.append(fairness.OpeningExposure([groups.gender_keys[i] for i in groups.gender_of[shown]],
                                                  groups.counts(pool, groups.gender_of, groups.gender_keys)))
        by_place.append(fairness.OpeningExposure([groups.place_keys[i] for i in groups.place_of[shown]],
                                                 groups.counts(pool, groups.place_of, groups.place_keys)))
    people = np.unique(np.concatenate(everyone)) if everyone else np.zeros(0, dtype=np.int64)
    decisions, undecided = _decisions(groups)
    report = FairnessReport(
        model=model or "—", openings=len(by_gender),
        exposure_gender=fairness.exposure(by_gender, groups.counts(people, groups.gender_of, groups.gender_keys)),
        exposure_kelurahan=fairness.exposure(by_place, groups.counts(people, groups.place_of, groups.place_keys)),
        selection_gender=fairness.selection_rates(d for d, _place in decisions),
        selection_kelurahan=fairness.selection_rates(fairness.Decision(place, d.seeker_id, d.selected)
                                                     for d, place in decisions),
        decided=len(decisions), undecided=undecided, kelurahan_names=_kelurahan_names(),
        seconds=time.perf_counter() - started)
    audit.record_now(by, "fairness_report_read", object_type="fairness", model=report.model, openings=report.openings,
                     decided=report.decided)
    return report


def _decisions(groups: _Groups) -> tuple[list[tuple[fairness.Decision, str | None]], int]:
    """(decision by gender, kelurahan) of every decided application of a seeker not erased; and how many undecided."""
    connection = db.session.connection()
    reached: dict[int, set[str]] = {}
    for placement_id, stage in connection.execute(select(PlacementEvent.placement_id, PlacementEvent.to_stage)):
        reached.setdefault(placement_id, set()).add(stage)
    placements = connection.execute(select(Placement.id, Placement.seeker_id, Placement.stage)).all()
    at, found = groups.find([p[1] for p in placements])
    decisions, undecided = [], 0
    for (placement_id, seeker_id, stage), row, known in zip(placements, at.tolist(), found.tolist(), strict=True):
        if not known:
            continue
        selected = fairness.is_selected(reached.get(placement_id, set()) | {stage}, stage)
        if selected is None:
            undecided += 1
            continue
        decisions.append((fairness.Decision(groups.gender_keys[groups.gender_of[row]], seeker_id, selected),
                          groups.place_keys[groups.place_of[row]]))
    return decisions, undecided


def _kelurahan_names() -> dict[str, str]:
    return dict(db.session.connection().execute(select(Kelurahan.code, Kelurahan.name)).all())
