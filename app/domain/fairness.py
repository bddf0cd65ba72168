"""Fairness figures for the coordinators' report: exposure in the top 10 and selection rates, by group.

Pure: group keys and counts in, figures out; a group is any key (a gender code, a kelurahan code,
None for "not recorded"), named by the web layer. Gender and kelurahan are read for this report
only; they are never features of a ranking.

Exposure: for each opening, the candidates shown in its top 10 and its pool of eligible
candidates by group. A group's expected places are what a draw at random from each opening's
pool would give it (places shown x its share of that pool), summed over the openings; the ratio
is places shown / places expected: 1.0 is exactly in proportion, below 1 less than its share.

Selection: of the applications decided so far (reached shortlisted or later, or rejected before
that), the share that reached shortlisted or later, per group, and its ratio to the best-off
group's rate; below FOUR_FIFTHS it is flagged (the four-fifths rule of thumb for adverse impact).

A group with fewer than MIN_PEOPLE different people is "too few to compare": its figures would be
noise, and could point at individuals. It has no ratio, is never flagged and is never the best-off.
"""
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.vocab import ACTIVE_STAGES

MIN_PEOPLE = 5
FOUR_FIFTHS = 0.8
_SELECTED_FROM = ACTIVE_STAGES.index("shortlisted")


@dataclass(frozen=True)
class OpeningExposure:
    shown: Sequence[Hashable]  # the group of each candidate in the opening's top 10
    pool: Mapping[Hashable, int]  # eligible candidates of the opening, by group


@dataclass(frozen=True)
class GroupExposure:
    group: Hashable
    people: int  # different eligible people of the group, over every opening
    shown: int  # places in top 10s
    expected: float  # places a random draw from each pool would give
    shown_share: float
    expected_share: float
    ratio: float | None  # None when too few to compare, or nothing expected
    too_few: bool


def exposure(openings: Iterable[OpeningExposure], people: Mapping[Hashable, int]) -> list[GroupExposure]:
    """Places in the top 10s against the places each group's share of the eligible would give it."""
    shown: Counter = Counter()
    expected: dict[Hashable, float] = defaultdict(float)
    for opening in openings:
        total, places = sum(opening.pool.values()), len(opening.shown)
        if not total or not places:
            continue
        shown.update(opening.shown)
        for group, count in opening.pool.items():
            expected[group] += places * count / total
    places = sum(shown.values())
    rows = []
    for group in sorted(expected, key=_order):
        too_few = people.get(group, 0) < MIN_PEOPLE
        rows.append(GroupExposure(
            group=group, people=people.get(group, 0), shown=shown[group], expected=expected[group],
            shown_share=shown[group] / places if places else 0.0,
            expected_share=expected[group] / places if places else 0.0,
            ratio=None if too_few or not expected[group] else shown[group] / expected[group], too_few=too_few))
    return rows


def is_selected(stages_reached: Iterable[str], stage: str) -> bool | None:
    """True when the application reached shortlisted or later, False when rejected before, None when undecided."""
    reached = [ACTIVE_STAGES.index(s) for s in stages_reached if s in ACTIVE_STAGES]
    if reached and max(reached) >= _SELECTED_FROM:
        return True
    return False if stage == "rejected" else None


@dataclass(frozen=True)
class Decision:
    group: Hashable
    seeker_id: int
    selected: bool


@dataclass(frozen=True)
class GroupSelection:
    group: Hashable
    people: int
    applications: int
    selected: int
    rate: float
    ratio_to_best: float | None
    flagged: bool
    too_few: bool


def selection_rates(decisions: Iterable[Decision]) -> list[GroupSelection]:
    """Selection rate per group, its ratio to the best-off comparable group, flagged below four fifths."""
    applications: Counter = Counter()
    selected: Counter = Counter()
    people: dict[Hashable, set[int]] = defaultdict(set)
    for d in decisions:
        applications[d.group] += 1
        selected[d.group] += d.selected
        people[d.group].add(d.seeker_id)
    rates = {g: selected[g] / applications[g] for g in applications}
    comparable = [g for g in applications if len(people[g]) >= MIN_PEOPLE]
    best = max((rates[g] for g in comparable), default=0.0)
    rows = []
    for group in sorted(applications, key=_order):
        too_few = len(people[group]) < MIN_PEOPLE
        ratio = None if too_few or not best else rates[group] / best
        rows.append(GroupSelection(group, len(people[group]), applications[group], selected[group], rates[group],
                                   ratio, ratio is not None and ratio < FOUR_FIFTHS, too_few))
    return rows


def _order(group) -> tuple:
    return (group is None, str(group))
