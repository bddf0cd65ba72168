"""The exportable tables of the reports: their names, column keys and rows, built from shaped figures.

Column keys are stable (the command line writes them as the header); the web layer turns them into words.
Cells hold codes, numbers, booleans or None, never translated text.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.report_tables import PLACE_MEASURES, CapacityRow, FunnelStep, PlaceRow, Reach, Trend

REACH_TABLES = ("countries", "partner_cities", "sectors")
TABLE_NAMES = ("funnel", "stages", *REACH_TABLES, "certifications", "training", "kecamatan", "kelurahan",
               "binaan_trend")
_REACH = ("applications", "placed", "abroad")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: list[list]


def month_column(month: date) -> str:
    return f"month:{month:%Y-%m}"


def funnel_table(steps: Iterable[FunnelStep]) -> Table:
    return Table("funnel", ("step", "people", "of_previous_pct", "of_registered_pct"),
                 [[s.step, s.people, s.of_previous, s.of_first] for s in steps])


def stages_table(counts: Iterable[tuple[str, int]]) -> Table:
    return Table("stages", ("stage", "placements"), [[stage, n] for stage, n in counts])


def reach_table(name: str, rows: Iterable[Reach]) -> Table:
    """Countries, partner cities or sectors with their applications, placed and abroad now."""
    if name == "partner_cities":
        return Table(name, ("partner_city", "country", *_REACH),
                     [[r.name, r.country, r.applications, r.placed, r.abroad] for r in rows])
    first = {"countries": "country", "sectors": "sector"}[name]
    return Table(name, (first, *_REACH), [[r.key, r.applications, r.placed, r.abroad] for r in rows])


def certifications_table(rows: Iterable[tuple[str, str, int]]) -> Table:
    return Table("certifications", ("scheme", "scheme_name", "verified"), [list(row) for row in rows])


def training_table(rows: Iterable[CapacityRow]) -> Table:
    return Table("training", ("scheme", "scheme_name", "cohorts", "capacity", "seats_taken", "waitlisted",
                              "demand", "gap"),
                 [[r.scheme_code, r.scheme_name, r.cohorts, r.capacity, r.seats_taken, r.waitlisted, r.demand, r.gap]
                  for r in rows])


def places_table(name: str, rows: Iterable[PlaceRow]) -> Table:
    """`kelurahan`: one row per kelurahan with its kecamatan and binaan mark; `kecamatan`: one per kecamatan."""
    if name == "kecamatan":
        return Table(name, ("kecamatan_code", "kecamatan", *PLACE_MEASURES),
                     [[r.code, r.name, *(getattr(r, m) for m in PLACE_MEASURES)] for r in rows])
    return Table(name, ("kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan", "binaan", *PLACE_MEASURES),
                 [[r.kecamatan_code, r.kecamatan, r.code, r.name, r.is_binaan,
                   *(getattr(r, m) for m in PLACE_MEASURES)] for r in rows])


def trend_table(rows: Iterable[Trend], months: Sequence[date]) -> Table:
    return Table("binaan_trend", ("kelurahan_code", "kelurahan", *map(month_column, months)),
                 [[t.place.code, t.place.name, *(n for _m, n in t.months)] for t in rows])
