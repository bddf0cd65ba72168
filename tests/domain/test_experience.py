"""Experience in years follows the entries' months."""
from decimal import Decimal

import pytest

from app.domain.experience import experience_years


@pytest.mark.parametrize("months, years", [
    ([], "0.0"),
    ([12], "1.0"),
    ([18], "1.5"),
    ([1], "0.1"),  # 0.083 rounds to 0.1
    ([6, 7], "1.1"),  # 13 months = 1.083
    ([3], "0.3"),  # 0.25 rounds half up
    ([600, 120], "60.0"),
])
def test_experience_years_is_the_sum_of_months_in_years_to_one_decimal(months, years):
    assert experience_years(months) == Decimal(years)
