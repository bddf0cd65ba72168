"""Work experience: the profile's `experience_years` is derived from the entries, so the two never disagree."""
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

MAX_MONTHS_PER_ENTRY = 600
MAX_TOTAL_MONTHS = 720  # 60 years: beyond this, a figure is a typing mistake, not a career


def experience_years(months: Iterable[int]) -> Decimal:
    """The entries' months in years, rounded half up to one decimal: 18 months is 1.5, 1 month is 0.1."""
    return (Decimal(sum(months)) / 12).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
