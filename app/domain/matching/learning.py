"""Learning a scorer from recorded decisions: grades, the split by opening, the fit, NDCG@10.

Grades (graded relevance of one application, from its stage history): the furthest stage the
employer or coordinator moved it to counts, even if it was closed later. Shortlisted is 1,
interview 2, offered 3, and accepted or anything after it 3 as well (accepting is the seeker's
choice, not another judgement of fit). A placement rejected after an interview still reached
the interview: someone judged the candidate good enough to meet, so it keeps grade 2. An
application rejected before shortlisting with reason not_selected or requirements_not_met is a
negative (0). Everything else says nothing about fit and is left out: applications still
waiting, withdrawn by the seeker, cancelled (opening closed, placed elsewhere), or rejected for
another reason (position filled, no show).

The fit: pairwise least squares with non-negative weights, scikit-learn's
LinearRegression(positive=True, fit_intercept=False) (non-negative least squares underneath).
Within one opening, a pair (better, worse) asks that the weights put the better candidate
above the worse one by their difference in grade: (x_better - x_worse) . w ~ grade difference.
Why this and not a classifier then clipped: only the order within an opening matters (the
serving scorer divides by the weights the opening lets anyone reach, so scores of different
openings never compete), pairs only ever compare candidates of the same opening, and the
non-negativity is a constraint of the fit, not a correction after it; a clipped logistic
regression is no longer the optimum of anything. Non-negative weights keep the model a
LinearScorer: it plugs into the vectorised ranking, its explanations add up, and having more
of what the opening asks never lowers a score. Every opening weighs the same (its pairs
share a weight of 1), so one opening with many applicants does not decide alone.

Few decisions say little about most features, so the fit is pulled toward the documented
default weights (ridge toward them, counted as a number of openings' worth of evidence): a
feature the decisions never vary keeps its default share instead of falling to zero. How hard
to pull is chosen on the training openings alone (GroupKFold by opening: fit on some, order the
others, keep the pull that orders them best, the stronger pull on a tie), so the model moves away
from the default only as far as decisions on openings it did not see support. The weights are
then scaled to add up to 1, like the default's (the scale does not change any ranking).

Protected attributes are never features: the only inputs are the feature values of
features.evaluate (FEATURES), which read no gender, age, religion, kelurahan or name.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import ndcg_score
from sklearn.model_selection import GroupKFold

from app.domain.matching.features import CODES
from app.domain.matching.scoring import LinearScorer
from app.domain.vocab import ACTIVE_STAGES

CUTOFF = 10
NEGATIVE_REASONS = ("not_selected", "requirements_not_met")
GRADE_OF = {"shortlisted": 1, "interview": 2, **dict.fromkeys(ACTIVE_STAGES[ACTIVE_STAGES.index("offered"):], 3)}
HELD_OUT_SHARE = 0.3
PULLS = (0.5, 2.0, 8.0, 32.0, 128.0)  # the default weights count as this many openings' decisions
FOLDS = 5
MIN_OUTCOMES = 30  # decisions (positive or negative)
MIN_OPENINGS = 4  # openings with decisions to compare: some to learn from, at least one to hold out
METHOD = "pairwise-nnls, pulled toward the default"


def grade(stages_reached: Iterable[str], stage: str, closed_reason: str | None) -> int | None:
    """The relevance one application earned: 0 to 3, or None when it tells nothing about fit."""
    best = max((GRADE_OF.get(s, 0) for s in stages_reached), default=0)
    if best:
        return best
    if stage == "rejected" and closed_reason in NEGATIVE_REASONS:
        return 0
    return None


@dataclass(frozen=True, eq=False)
class OpeningOutcomes:
    """The graded applications of one opening, with the feature values of each (rows in CODES order)."""
    opening_id: int
    applicable: tuple[bool, ...]
    values: np.ndarray  # (applications, features)
    grades: np.ndarray  # (applications,)

    def is_informative(self) -> bool:
        """Holds a positive and a different grade: something to order, and to be judged on."""
        return len(self.grades) > 1 and int(self.grades.max()) > 0 and int(self.grades.min()) < int(self.grades.max())

    def columns(self) -> list[np.ndarray]:
        return [self.values[:, k] for k in range(self.values.shape[1])]


@dataclass(frozen=True)
class Shortfall:
    outcomes: int
    openings: int  # openings with any outcome
    comparable: int  # openings with decisions to compare: a positive and another grade
    min_outcomes: int
    min_openings: int


def shortfall(groups: Sequence[OpeningOutcomes], min_outcomes: int = MIN_OUTCOMES,
              min_openings: int = MIN_OPENINGS) -> Shortfall | None:
    """What is missing before a model can be trained and judged; None when there is enough."""
    outcomes = sum(len(g.grades) for g in groups)
    informative = sum(1 for g in groups if g.is_informative())
    if outcomes >= min_outcomes and informative >= max(min_openings, 2):
        return None
    return Shortfall(outcomes, len(groups), informative, min_outcomes, max(min_openings, 2))


def split_by_opening(groups: Sequence[OpeningOutcomes], seed: int,
                     share: float = HELD_OUT_SHARE) -> tuple[list[OpeningOutcomes], list[OpeningOutcomes]]:
    """(training, held out): a seeded share of the informative openings is held out, at least one,
    and at least one is left to learn from; openings with one grade only can only train."""
    informative = sorted((g for g in groups if g.is_informative()), key=lambda g: g.opening_id)
    order = np.random.default_rng(seed).permutation(len(informative))
    count = min(max(1, round(share * len(informative))), len(informative) - 1)
    held = {informative[i].opening_id for i in order[:count]}
    return ([g for g in groups if g.opening_id not in held],
            sorted((g for g in informative if g.opening_id in held), key=lambda g: g.opening_id))


def pairs(groups: Iterable[OpeningOutcomes]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(differences, grade differences, weights) of every (better, worse) pair within each opening."""
    diffs, targets, weights = [], [], []
    for g in groups:
        better, worse = np.nonzero(g.grades[:, None] > g.grades[None, :])
        if not len(better):
            continue
        diffs.append(g.values[better] - g.values[worse])
        targets.append((g.grades[better] - g.grades[worse]).astype(np.float64))
        weights.append(np.full(len(better), 1.0 / len(better)))
    if not diffs:
        return np.zeros((0, len(CODES))), np.zeros(0), np.zeros(0)
    return np.vstack(diffs), np.concatenate(targets), np.concatenate(weights)


def fit(groups: Sequence[OpeningOutcomes], prior: Sequence[float],
        pull: float) -> tuple[LinearRegression, np.ndarray]:
    """The fitted estimator, and its weights scaled to add up to 1 (all zero: nothing was learned)."""
    diffs, targets, weights = pairs(groups)
    prior = np.asarray(prior, dtype=np.float64)
    # The default's own scale on these pairs, so that the pull is toward the default's shape, not its size.
    along = diffs @ prior
    scale = float(np.sum(weights * along * targets) / np.sum(weights * along * along)) if len(diffs) else 0.0
    scale = max(scale, 0.0)
    strength = np.sqrt(pull)
    rows = np.vstack([diffs, strength * np.eye(len(prior))])
    wanted = np.concatenate([targets, strength * scale * prior])
    sample = np.concatenate([weights, np.ones(len(prior))])
    model = LinearRegression(positive=True, fit_intercept=False).fit(rows, wanted, sample_weight=sample)
    coefficients = np.clip(model.coef_, 0.0, None)  # already >= 0; removes a -0.0
    total = coefficients.sum()
    return model, (coefficients / total if total > 0 else coefficients)


@dataclass(frozen=True, eq=False)
class Learned:
    estimator: LinearRegression
    weights: np.ndarray  # in CODES order, adding up to 1 (all zero: nothing learned)
    pull: float


def learn(training: Sequence[OpeningOutcomes], prior: Sequence[float]) -> Learned:
    """Choose the pull toward the prior on the training openings, then fit on all of them."""
    pull = choose_pull(training, prior)
    estimator, weights = fit(training, prior, pull)
    return Learned(estimator, weights, pull)


def choose_pull(training: Sequence[OpeningOutcomes], prior: Sequence[float]) -> float:
    """The pull whose models order openings they were not fitted on best (GroupKFold by opening)."""
    informative = [g for g in training if g.is_informative()]
    others = [g for g in training if not g.is_informative()]
    folds = min(FOLDS, len(informative))
    if folds < 2:
        return max(PULLS)
    splits = list(GroupKFold(n_splits=folds).split(np.zeros(len(informative)),
                                                     groups=[g.opening_id for g in informative]))
    best, chosen = -1.0, max(PULLS)
    for pull in PULLS:
        found = []
        for fitted, judged in splits:
            _estimator, weights = fit([informative[i] for i in fitted] + others, prior, pull)
            found.append(ndcg_at_10(LinearScorer("fold", tuple(weights)), [informative[i] for i in judged])[0])
        mean = float(np.mean(found))
        if mean >= best - 1e-12:  # a tie goes to the stronger pull: closer to the documented default
            best, chosen = mean, pull
    return chosen


def ndcg_at_10(scorer, groups: Iterable[OpeningOutcomes]) -> tuple[float | None, int]:
    """Mean NDCG@10 of the scorer over the openings with a positive (ties share their gain), and how many."""
    found = []
    for g in groups:
        if len(g.grades) < 2 or int(g.grades.max()) <= 0:
            continue
        scores = scorer.score_columns(g.columns(), g.applicable, len(g.grades))
        found.append(float(ndcg_score([g.grades], [scores], k=CUTOFF)))
    return (float(np.mean(found)) if found else None), len(found)
