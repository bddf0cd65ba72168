"""Learning a scorer from decisions: grades, the split by opening, the non-negative pairwise fit, NDCG@10."""
import numpy as np
import pytest

from app.domain.matching.features import CODES
from app.domain.matching.learning import (
    OpeningOutcomes,
    choose_pull,
    fit,
    grade,
    learn,
    ndcg_at_10,
    pairs,
    shortfall,
    split_by_opening,
)
from app.domain.matching.scoring import DEFAULT_SCORER, LinearScorer

ALL = (True,) * len(CODES)
SKILLS, EXPERIENCE = CODES.index("REQUIRED_SKILLS"), CODES.index("RELEVANT_EXPERIENCE")


@pytest.mark.parametrize("reached, stage, reason, expected", [
    (["applied"], "applied", None, None),  # still waiting: no outcome yet
    (["applied", "shortlisted"], "shortlisted", None, 1),
    (["applied", "shortlisted", "interview"], "interview", None, 2),
    (["applied", "shortlisted", "interview", "offered"], "offered", None, 3),
    (["applied", "shortlisted", "interview", "offered", "accepted", "contract_signed"], "contract_signed", None, 3),
    (["applied", "shortlisted", "interview", "rejected"], "rejected", "not_selected", 2),  # it reached the interview
    (["applied", "shortlisted", "rejected"], "rejected", "requirements_not_met", 1),
    (["applied", "rejected"], "rejected", "not_selected", 0),
    (["applied", "rejected"], "rejected", "requirements_not_met", 0),
    (["applied", "rejected"], "rejected", "position_filled", None),  # says nothing about this candidate's fit
    (["applied", "rejected"], "rejected", "no_show", None),
    (["applied", "withdrawn"], "withdrawn", "changed_mind", None),
    (["applied", "cancelled"], "cancelled", "opening_closed", None),
    (["applied", "shortlisted", "interview", "offered", "withdrawn"], "withdrawn", "family", 3),
])
def test_an_application_is_graded_by_the_furthest_stage_it_reached(reached, stage, reason, expected):
    assert grade(reached, stage, reason) == expected


def opening(opening_id, values, grades, applicable=ALL):
    rows = np.zeros((len(values), len(CODES)))
    for i, row in enumerate(values):
        for code, value in row.items():
            rows[i, CODES.index(code)] = value
    return OpeningOutcomes(opening_id, applicable, rows, np.array(grades, dtype=np.int64))


def skills_decide(opening_id, rng, n=8):
    """Applicants whose grade follows their required skills; relevant experience is noise."""
    skills = rng.random(n)
    grades = np.digitize(skills, [0.4, 0.6, 0.8])
    grades[np.argmax(skills)], grades[np.argmin(skills)] = 3, 0  # a positive and a negative, always
    return opening(opening_id, [{"REQUIRED_SKILLS": s, "RELEVANT_EXPERIENCE": e}
                                for s, e in zip(skills, rng.random(n), strict=True)], grades)


def test_an_opening_with_one_grade_only_is_not_informative():
    assert not opening(1, [{}, {}], [0, 0]).is_informative()
    assert not opening(1, [{}, {}], [2, 2]).is_informative()
    assert not opening(1, [{}], [3]).is_informative()
    assert opening(1, [{}, {}], [1, 0]).is_informative()


def test_too_few_outcomes_say_how_many_there_are_and_how_many_are_needed():
    groups = [opening(i, [{}, {}], [1, 0]) for i in range(3)] + [opening(9, [{}] * 4, [0] * 4)]
    missing = shortfall(groups, min_outcomes=30, min_openings=4)
    assert (missing.outcomes, missing.openings, missing.comparable) == (10, 4, 3)
    assert (missing.min_outcomes, missing.min_openings) == (30, 4)
    assert shortfall(groups, min_outcomes=10, min_openings=3) is None


def test_held_out_openings_are_informative_never_trained_on_and_the_same_for_a_seed():
    rng = np.random.default_rng(1)
    groups = [skills_decide(i, rng) for i in range(10)] + [opening(99, [{}, {}], [0, 0])]
    training, held = split_by_opening(groups, seed=4)
    assert len(held) == 3 and all(g.is_informative() for g in held)
    assert {g.opening_id for g in training} & {g.opening_id for g in held} == set()
    assert {g.opening_id for g in training} | {g.opening_id for g in held} == {g.opening_id for g in groups}
    assert [g.opening_id for g in split_by_opening(groups, seed=4)[1]] == [g.opening_id for g in held]
    assert [g.opening_id for g in split_by_opening(groups[:2], seed=4)[1]] != []  # one held out, one to learn from


def test_pairs_only_compare_candidates_of_the_same_opening():
    groups = [opening(1, [{"REQUIRED_SKILLS": 1.0}, {}], [2, 0]), opening(2, [{"CERT_LEVEL": 1.0}, {}], [0, 0])]
    diffs, targets, weights = pairs(groups)
    assert diffs.shape == (1, len(CODES)) and diffs[0, SKILLS] == 1.0 and targets.tolist() == [2.0]
    assert weights.tolist() == [1.0]


def test_the_fit_finds_the_feature_the_decisions_follow_with_weights_never_negative_adding_up_to_one():
    rng = np.random.default_rng(7)
    groups = [skills_decide(i, rng) for i in range(12)]
    _estimator, weights = fit(groups, DEFAULT_SCORER.weights, pull=0.5)
    assert (weights >= 0).all() and weights.sum() == pytest.approx(1.0)
    assert weights[SKILLS] > DEFAULT_SCORER.weights[SKILLS]
    assert weights[EXPERIENCE] < DEFAULT_SCORER.weights[EXPERIENCE]


def test_a_feature_the_decisions_follow_against_it_gets_no_negative_weight():
    groups = [opening(i, [{"EXPERIENCE_YEARS": 0.0}, {"EXPERIENCE_YEARS": 1.0}], [3, 0]) for i in range(6)]
    _estimator, weights = fit(groups, DEFAULT_SCORER.weights, pull=0.5)
    assert weights[CODES.index("EXPERIENCE_YEARS")] == 0.0 and (weights >= 0).all()


def test_features_the_decisions_never_vary_keep_the_default_proportions():
    rng = np.random.default_rng(3)
    _estimator, weights = fit([skills_decide(i, rng) for i in range(6)], DEFAULT_SCORER.weights, pull=2.0)
    language, training = CODES.index("LANGUAGE_MARGIN"), CODES.index("SECTOR_TRAINING")
    assert weights[language] > 0
    assert weights[language] / weights[training] == pytest.approx(
        DEFAULT_SCORER.weights[language] / DEFAULT_SCORER.weights[training])


def test_the_pull_toward_the_default_is_weak_when_decisions_are_consistent_and_strong_when_they_are_noise():
    rng = np.random.default_rng(11)
    assert choose_pull([skills_decide(i, rng, n=10) for i in range(15)], DEFAULT_SCORER.weights) <= 8.0
    noise = [opening(i, [{"REQUIRED_SKILLS": v} for v in rng.random(6)], [3, 0, 0, 1, 0, 2]) for i in range(15)]
    assert choose_pull(noise, DEFAULT_SCORER.weights) >= 32.0


def test_a_learned_model_orders_unseen_openings_better_than_the_default_when_decisions_follow_skills():
    rng = np.random.default_rng(5)
    groups = [skills_decide(i, rng, n=10) for i in range(30)]
    training, held = split_by_opening(groups, seed=0)
    learned = learn(training, DEFAULT_SCORER.weights)
    model, judged = ndcg_at_10(LinearScorer("learned", tuple(learned.weights)), held)
    default, _judged = ndcg_at_10(DEFAULT_SCORER, held)
    assert judged == len(held) == 9
    assert model > default


def test_ndcg_is_one_for_the_right_order_lower_for_the_reverse_and_skips_openings_without_a_positive():
    right = opening(1, [{"REQUIRED_SKILLS": 1.0}, {"REQUIRED_SKILLS": 0.5}, {}], [3, 1, 0])
    reverse = opening(2, [{}, {"REQUIRED_SKILLS": 0.5}, {"REQUIRED_SKILLS": 1.0}], [3, 1, 0])
    nothing = opening(3, [{"REQUIRED_SKILLS": 1.0}, {}], [0, 0])
    skills_only = LinearScorer.from_mapping("skills", {"REQUIRED_SKILLS": 1.0})
    assert ndcg_at_10(skills_only, [right]) == (pytest.approx(1.0), 1)
    assert ndcg_at_10(skills_only, [reverse])[0] < 0.7
    assert ndcg_at_10(skills_only, [right, nothing]) == (pytest.approx(1.0), 1)
    assert ndcg_at_10(skills_only, [nothing]) == (None, 0)
