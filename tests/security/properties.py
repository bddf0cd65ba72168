"""Hypothesis settings for the security properties, and the strategies they share.

Two profiles: "ci" (the default: a few examples per route and role, so `make test` stays quick) and
"thorough" (what `make security` runs). SECURITY_PROFILE chooses; an unknown name is an error.
"""
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                       HealthCheck.filter_too_much]}
settings.register_profile("security-ci", max_examples=3, **_COMMON)
settings.register_profile("security-thorough", max_examples=10, **_COMMON)


def profile(validators: bool = False) -> settings:
    """The chosen profile; the validators are cheap, so they get a hundred times the examples."""
    chosen = settings.get_profile("security-" + os.environ.get("SECURITY_PROFILE", "ci"))
    return settings(chosen, max_examples=chosen.max_examples * 100) if validators else chosen


# Text as people and attackers type it: any Unicode, control characters and NUL included.
any_text = st.text(st.characters(codec="utf-8"), max_size=60)
sql_words = st.sampled_from(["' OR '1'='1", "1; DROP TABLE users--", "%", "_", "\\", "' --", "0x00", "\x00",
                             "1e309", "-1", "99999999999999999999", "NaN", "2026-02-30", "../../etc/passwd"])
numbers = st.one_of(st.integers(-5, 30), st.integers(-(2 ** 70), 2 ** 70)).map(str)
# Longer than any form field allows: the validators' own messages must be shown, not crash.
too_long = st.text(st.characters(codec="utf-8"), min_size=250, max_size=400)
field_values = st.one_of(any_text, sql_words, numbers, st.dates().map(str), st.just("y"), st.just(""), too_long)
