"""Shaping report figures: rates, the funnel, months, zero-filled rows, training against demand, the tables."""
from datetime import date

import pytest

from app.domain import report_layouts as layouts
from app.domain.audit_filters import ActorFilter, actor_filter
from app.domain.report_tables import (
    CapacityRow,
    FunnelStep,
    Period,
    Place,
    PlaceRow,
    add_up,
    binaan_first,
    capacity_rows,
    funnel,
    in_order,
    kecamatan_rows,
    latest_birth_date_for_age,
    month_period,
    next_month,
    place_rows,
    previous_month,
    rate,
    sum_by_parent,
    trend_months,
    trends,
)


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 2, 50.0), (2, 3, 66.7), (1, 3, 33.3), (3, 3, 100.0), (0, 5, 0.0), (5, 0, None), (0, 0, None), (3, 2, 150.0),
])
def test_a_rate_is_a_percentage_to_one_decimal_and_none_without_a_whole(part, whole, expected):
    assert rate(part, whole) == expected


def test_the_funnel_gives_each_step_its_conversion_from_the_step_before_and_from_the_first():
    steps = funnel({"registered": 200, "verified": 100, "eligible": 50, "applied": 25, "placed": 5, "returned": 1})
    assert steps[0] == FunnelStep("registered", 200, None, 100.0)
    assert steps[3] == FunnelStep("applied", 25, 50.0, 12.5)
    assert steps[5] == FunnelStep("returned", 1, 20.0, 0.5)


def test_a_missing_funnel_step_is_zero_and_an_empty_funnel_has_no_rates():
    assert [(s.people, s.of_previous, s.of_first) for s in funnel({})] == [(0, None, None)] * 6
    assert [s.people for s in funnel({"registered": 3, "applied": 1})] == [3, 0, 0, 1, 0, 0]


def test_in_order_keeps_the_given_order_and_fills_zeros():
    assert in_order({"b": 2, "z": 9}, ["a", "b", "c"]) == [("a", 0), ("b", 2), ("c", 0)]


@pytest.mark.parametrize(("on", "latest"), [
    (date(2026, 3, 15), date(2008, 3, 15)),
    (date(2026, 2, 28), date(2008, 2, 28)),  # born 29 February 2008: 18 only on 1 March 2026
    (date(2028, 2, 29), date(2010, 2, 28)),  # no 29 February in 2010
])
def test_the_latest_birth_date_of_an_adult(on, latest):
    assert latest_birth_date_for_age(on, 18) == latest


@pytest.mark.parametrize(("day", "following", "before"), [
    (date(2026, 1, 31), date(2026, 2, 1), date(2025, 12, 1)),
    (date(2026, 12, 15), date(2027, 1, 1), date(2026, 11, 1)),
    (date(2024, 2, 29), date(2024, 3, 1), date(2024, 1, 1)),
])
def test_months_roll_over_years_and_month_ends(day, following, before):
    assert next_month(day) == following
    assert previous_month(day) == before


def test_a_month_period_runs_from_its_first_to_its_last_day():
    assert month_period(2024, 2) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert month_period(2026, 12) == Period(date(2026, 12, 1), date(2026, 12, 31))


def test_the_trend_months_end_with_the_given_month_and_cross_the_year():
    assert trend_months(date(2026, 2, 10)) == [date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1),
                                               date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


@pytest.mark.parametrize(("period", "overlaps"), [
    (Period(), True), (Period(date(2026, 1, 1), date(2026, 1, 31)), True),
    (Period(date(2026, 2, 1), None), False), (Period(None, date(2026, 1, 4)), False),
    (Period(date(2026, 1, 20), date(2026, 3, 1)), True),
])
def test_a_period_overlaps_dates_that_touch_it(period, overlaps):
    assert period.overlaps(date(2026, 1, 5), date(2026, 1, 25)) is overlaps


PLACES = [Place("19.71.02.1001", "Opas Indah", "19.71.02", "Taman Sari"),
          Place("19.71.01.1006", "Bacang", "19.71.01", "Bukit Intan", is_binaan=True),
          Place("19.71.01.1004", "Semabung Lama", "19.71.01", "Bukit Intan")]


def test_place_rows_are_zero_filled_and_in_code_order():
    rows = place_rows(PLACES, {"registered": {"19.71.01.1004": 3}, "open_cases": {"19.71.02.1001": 1}})
    assert [r.code for r in rows] == ["19.71.01.1004", "19.71.01.1006", "19.71.02.1001"]
    assert (rows[0].registered, rows[0].certified, rows[0].open_cases) == (3, 0, 0)
    assert (rows[1].registered, rows[1].is_binaan) == (0, True)
    assert rows[2].open_cases == 1


def test_binaan_come_first_and_the_rest_keep_their_order():
    rows = place_rows(PLACES, {})
    assert [r.code for r in binaan_first(rows)] == ["19.71.01.1006", "19.71.01.1004", "19.71.02.1001"]


def test_kecamatan_rows_add_up_their_kelurahan():
    rows = place_rows(PLACES, {"registered": {"19.71.01.1004": 3, "19.71.01.1006": 2, "19.71.02.1001": 4},
                               "placed": {"19.71.01.1006": 1}})
    assert [(k.code, k.name, k.registered, k.placed, k.is_binaan) for k in kecamatan_rows(rows)] == [
        ("19.71.01", "Bukit Intan", 5, 1, True), ("19.71.02", "Taman Sari", 4, 0, False)]


def test_trends_are_zero_filled_over_the_months():
    row = place_rows(PLACES[1:2], {})[0]
    months = [date(2026, 1, 1), date(2026, 2, 1)]
    assert trends([row], months, {(row.code, date(2026, 2, 1)): 4})[0].months == [(months[0], 0), (months[1], 4)]


def test_groups_add_up_key_by_key():
    assert add_up([{"registered": 2, "placed": 1}, {"registered": 3}, {}]) == {"registered": 5, "placed": 1}
    assert add_up([]) == {}


def test_sums_by_parent_leave_out_unknown_children():
    assert sum_by_parent({"a1": 2, "a2": 3, "b1": 1, "x": 9}, {"a1": "A", "a2": "A", "b1": "B"}) == {"A": 5, "B": 1}


def test_training_rows_put_the_largest_shortfall_first_and_include_demand_without_cohorts():
    rows = capacity_rows({"S1": "Scheme one", "S2": "Scheme two"}, {"S1": (2, 30, 25, 4)}, {"S1": 10, "S2": 6, "S3": 0})
    assert rows == [CapacityRow("S2", "Scheme two", demand=6), CapacityRow("S1", "Scheme one", 2, 30, 25, 4, 10)]
    assert [r.gap for r in rows] == [6, -20]


def test_the_kelurahan_table_has_stable_columns_and_one_row_per_place():
    rows = place_rows(PLACES, {"registered": {"19.71.01.1006": 2}})
    table = layouts.places_table("kelurahan", rows)
    assert table.columns[:5] == ("kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan", "binaan")
    assert table.rows[1] == ["19.71.01", "Bukit Intan", "19.71.01.1006", "Bacang", True, 2, 0, 0, 0, 0, 0]
    assert layouts.places_table("kecamatan", kecamatan_rows(rows)).rows[0][:3] == ["19.71.01", "Bukit Intan", 2]


def test_the_funnel_and_trend_tables():
    assert layouts.funnel_table(funnel({"registered": 4, "verified": 2})).rows[1] == ["verified", 2, 50.0, 50.0]
    row = PlaceRow("k", "K", "c", "C", True)
    table = layouts.trend_table(trends([row], [date(2025, 12, 1), date(2026, 1, 1)], {}), [date(2025, 12, 1),
                                                                                          date(2026, 1, 1)])
    assert table.columns == ("kelurahan_code", "kelurahan", "month:2025-12", "month:2026-01")
    assert table.rows == [["k", "K", 0, 0]]


@pytest.mark.parametrize(("typed", "expected"), [
    ("", ActorFilter()),
    ("  ", ActorFilter()),
    ("12", ActorFilter(user_id=12)),
    ("coordinator:12", ActorFilter(label="coordinator:12", prefixes=("coordinator:12 ",))),
    ("cli", ActorFilter(label="cli", prefixes=("cli:",))),
    (" system ", ActorFilter(label="system", prefixes=("system:",))),
])
def test_the_actor_a_coordinator_types_in_the_audit_log(typed, expected):
    assert actor_filter(typed) == expected
