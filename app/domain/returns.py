"""Coming home: the verified work experience a returnee keeps."""
import calendar
from datetime import date

from app.domain.experience import MAX_MONTHS_PER_ENTRY

PLACE_MAX = 120


def months_abroad(departed: date | None, returned: date) -> int:
    """Completed months from departure to return: 15 Jan to 14 Mar is 1, 31 Jan to 28 Feb is 1; no departure is 0."""
    if departed is None or returned <= departed:
        return 0
    months = (returned.year - departed.year) * 12 + returned.month - departed.month
    month_end = calendar.monthrange(returned.year, returned.month)[1]
    if returned.day < min(departed.day, month_end):  # 31 Jan to 28 Feb is a whole month
        months -= 1
    return min(max(months, 0), MAX_MONTHS_PER_ENTRY)


def experience_place(employer: str, city: str) -> str:
    """Where the work was done, as the experience list shows it: 'Employer, City'."""
    return f"{employer}, {city}"[:PLACE_MAX]
