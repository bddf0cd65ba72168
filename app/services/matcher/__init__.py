"""The matcher's use cases: the cached candidate matrix, the change feed that keeps it fresh, ranking
in both directions, and evaluation on a labelled file.

    rank_candidates(opening, top_k, with_ineligible=False, on=None) -> CandidateRanking
    rank_openings(seeker, top_k, on=None) -> SeekerMatches
    evaluate_file(path) -> Evaluation
    training.train(by, min_outcomes, seed) -> Trained          (a version saved with status "trained")
    promotion.promote(model, by, expected_serving) / promotion.roll_back(by, expected_serving)
    scorers.serving_scorer() -> LinearScorer                   (the promoted model, else the default)
"""
