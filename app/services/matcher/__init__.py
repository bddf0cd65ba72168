"""The matcher's use cases: the cached candidate matrix, the change feed that keeps it fresh, ranking
in both directions, and evaluation on a labelled file.

    rank_candidates(opening, top_k, with_ineligible=False, on=None) -> CandidateRanking
    rank_openings(seeker, top_k, on=None) -> SeekerMatches
    evaluate_file(path) -> Evaluation
"""
