"""Which scorer serves rankings: the default weights until a coordinator promotes a learned model."""
from app.domain.matching.scoring import DEFAULT_SCORER, LinearScorer


def serving_scorer() -> LinearScorer:
    """The scorer every ranking uses now.

    `flask match train` (a later step) saves versions as RankingModel rows; this is where the one
    with status "serving" is to be loaded (joblib, cached per process by version id) instead.
    """
    return DEFAULT_SCORER
