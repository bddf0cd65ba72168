"""The matcher's pure parts: features of a candidate x opening pair, the scorer, and the vectorised ranking.

Gate first (app.domain.eligibility), then rank (features.py, scoring.py), then explain. `features.py`
is the reference meaning of every feature; `ranking.py` computes the same values for many candidates
at once over the arrays of `matrix.py`, and the tests hold the two equal.
"""
