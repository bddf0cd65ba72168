"""Shaping report figures: periods and months, rates, the funnel, zero-filled rows by place and by scheme.

Pure: counts come in as dicts (from GROUP BY queries), rows go out as dataclasses with codes, never words.
"""
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.vocab import ACTIVE_STAGES

# In reports a seeker is "placed" from "accepted" on, completed and returned included; a closed placement never is.
EVER_PLACED_STAGES = ACTIVE_STAGES[ACTIVE_STAGES.index("accepted"):]
ABROAD_STAGES = ("departed", "arrived")
OPEN_CASE_STATUSES = ("open", "in_progress")
SEAT_TAKING_ENROLMENTS = ("enrolled", "completed", "failed")
CURRENT_COHORT_STATUSES = ("planned", "open", "running")
FUNNEL_STEPS = ("registered", "verified", "eligible", "applied", "placed", "returned")
PLACE_MEASURES = ("registered", "certified", "placed", "abroad", "returned", "open_cases")
TREND_MONTHS = 6


@dataclass(frozen=True)
class Period:
    """Local calendar dates, both inclusive; None on a side means no limit."""
    start: date | None = None
    end: date | None = None

    @property
    def is_bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def overlaps(self, first: date, last: date) -> bool:
        return (self.end is None or first <= self.end) and (self.start is None or last >= self.start)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    return Period(first, next_month(first) - timedelta(days=1))


def previous_month(day: date) -> date:
    """The first day of the month before `day`'s."""
    return month_start(month_start(day) - timedelta(days=1))


def trend_months(last: date, months: int = TREND_MONTHS) -> list[date]:
    """The first days of the `months` months that end with `last`'s month, oldest first."""
    starts = [month_start(last)]
    while len(starts) < months:
        starts.append(previous_month(starts[-1]))
    return starts[::-1]


def latest_birth_date_for_age(on: date, years: int) -> date:
    """Whoever was born on or before this date is at least `years` old on `on` (29 February counts on 1 March)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # `on` is 29 February and that year is not a leap year
        return on.replace(year=on.year - years, day=28)


def rate(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class FunnelStep:
    step: str
    people: int
    of_previous: float | None  # percent of the step before; None for the first step
    of_first: float | None  # percent of those registered


def funnel(counts: Mapping[str, int], steps: Sequence[str] = FUNNEL_STEPS) -> list[FunnelStep]:
    """The steps in order, missing ones as zero, each with its conversion from the previous and the first."""
    people = [counts.get(step, 0) for step in steps]
    return [FunnelStep(step, n, rate(n, people[i - 1]) if i else None, rate(n, people[0]))
            for i, (step, n) in enumerate(zip(steps, people, strict=True))]


def in_order(counts: Mapping[str, int], order: Iterable[str]) -> list[tuple[str, int]]:
    """Every key of `order`, zeros included, in that order."""
    return [(key, counts.get(key, 0)) for key in order]


@dataclass(frozen=True)
class Reach:
    """Placements of one country, partner city or sector: all applications, those placed, those abroad now."""
    key: str
    name: str
    country: str = ""
    applications: int = 0
    placed: int = 0
    abroad: int = 0


def by_reach(rows: Iterable[Reach]) -> list[Reach]:
    """Most placed first, then most applications, then by name."""
    return sorted(rows, key=lambda r: (-r.placed, -r.applications, r.name, r.key))


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kecamatan_code: str
    kecamatan: str
    is_binaan: bool = False


@dataclass(frozen=True)
class PlaceRow:
    code: str
    name: str
    kecamatan_code: str
    kecamatan: str
    is_binaan: bool
    registered: int = 0
    certified: int = 0
    placed: int = 0
    abroad: int = 0
    returned: int = 0
    open_cases: int = 0


def place_rows(places: Iterable[Place], measures: Mapping[str, Mapping[str, int]]) -> list[PlaceRow]:
    """One row per place, in kecamatan then kelurahan code order; a measure a place lacks is zero."""
    return [PlaceRow(p.code, p.name, p.kecamatan_code, p.kecamatan, p.is_binaan,
                     **{m: measures.get(m, {}).get(p.code, 0) for m in PLACE_MEASURES})
            for p in sorted(places, key=lambda p: (p.kecamatan_code, p.code))]


def binaan_first(rows: Iterable[PlaceRow]) -> list[PlaceRow]:
    """Kelurahan binaan first; otherwise the order given is kept."""
    return sorted(rows, key=lambda r: not r.is_binaan)


def totals(rows: Iterable[PlaceRow]) -> dict[str, int]:
    rows = list(rows)
    return {m: sum(getattr(r, m) for r in rows) for m in PLACE_MEASURES}


def kecamatan_rows(rows: Iterable[PlaceRow]) -> list[PlaceRow]:
    """One row per kecamatan summing its kelurahan; `is_binaan` says whether any of them is binaan."""
    groups: dict[str, list[PlaceRow]] = {}
    for row in rows:
        groups.setdefault(row.kecamatan_code, []).append(row)
    return [PlaceRow(code, members[0].kecamatan, code, members[0].kecamatan, any(r.is_binaan for r in members),
                     **totals(members)) for code, members in sorted(groups.items())]


@dataclass(frozen=True)
class Trend:
    place: PlaceRow
    months: list[tuple[date, int]]  # first day of the month, registrations in it; oldest first


def trends(rows: Iterable[PlaceRow], months: Sequence[date], counts: Mapping[tuple[str, date], int]) -> list[Trend]:
    """Registrations per month for each row, zero-filled over `months`."""
    return [Trend(row, [(m, counts.get((row.code, m), 0)) for m in months]) for row in rows]


@dataclass(frozen=True)
class CapacityRow:
    scheme_code: str
    scheme_name: str
    cohorts: int = 0
    capacity: int = 0
    seats_taken: int = 0
    waitlisted: int = 0
    demand: int = 0  # positions in approved openings that require the scheme

    @property
    def gap(self) -> int:
        """Positively, how many more training places the demand asks for than the cohorts offer."""
        return self.demand - self.capacity


def capacity_rows(names: Mapping[str, str], supply: Mapping[str, tuple[int, int, int, int]],
                  demand: Mapping[str, int]) -> list[CapacityRow]:
    """Every scheme with cohorts or demand; `supply` holds (cohorts, capacity, seats taken, waitlisted).
    The largest shortfall comes first."""
    codes = set(supply) | {code for code, n in demand.items() if n}
    rows = [CapacityRow(code, names.get(code, code), *supply.get(code, (0, 0, 0, 0)), demand=demand.get(code, 0))
            for code in codes]
    return sorted(rows, key=lambda r: (-r.gap, r.scheme_code))


def add_up(groups: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Counts of several groups added key by key."""
    sums: dict[str, int] = {}
    for group in groups:
        for key, n in group.items():
            sums[key] = sums.get(key, 0) + n
    return sums


def sum_by_parent(counts: Mapping[str, int], parent_of: Mapping[str, str]) -> dict[str, int]:
    """Counts keyed by a child (a kelurahan) added up per parent (its kecamatan); unknown children are left out."""
    sums: dict[str, int] = {}
    for child, n in counts.items():
        if child in parent_of:
            sums[parent_of[child]] = sums.get(parent_of[child], 0) + n
    return sums


@dataclass(frozen=True)
class MonthRow:
    """One place in the monthly report."""
    code: str
    name: str
    registrations: int = 0
    departures: int = 0
    registered_total: int = 0
    abroad_now: int = 0
