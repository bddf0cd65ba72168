"""Every figure of the reports against the hand-counted world of tests/services/helpers_reports.py."""
from datetime import date

import pytest
from sqlalchemy import func, select

from app.domain.report_tables import FunnelStep, Period, Reach
from app.extensions import db
from app.models import AuditEntry, Kelurahan
from app.services import monthly_report, report_places, reports
from tests.services.helpers_reports import (
    ACTOR,
    BUKIT_INTAN,
    TAMAN_SARI,
    TODAY,
    A,
    B,
    C,
    build_world,
    mark_binaan,
    unmark_all_binaan,
)

FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28))
JANUARY = Period(date(2026, 1, 1), date(2026, 1, 31))
ALL = Period()


@pytest.fixture
def world(db):
    yield build_world()
    unmark_all_binaan()


def test_the_funnel_counts_each_step_and_its_conversion(world):
    assert reports.funnel_steps(ALL, TODAY) == [
        FunnelStep("registered", 7, None, 100.0),
        FunnelStep("verified", 6, 85.7, 85.7),
        FunnelStep("eligible", 3, 50.0, 42.9),
        FunnelStep("applied", 3, 100.0, 42.9),
        FunnelStep("placed", 2, 66.7, 28.6),
        FunnelStep("returned", 1, 50.0, 14.3),
    ]


@pytest.mark.parametrize(("period", "people"), [
    (JANUARY, [2, 2, 1, 1, 1, 0]),
    # s3 registered at 00:30 on 1 February in Pangkalpinang, still 31 January in UTC: February's
    (FEBRUARY, [2, 2, 1, 1, 1, 1]),
    (Period(date(2026, 3, 1), None), [3, 2, 1, 1, 0, 0]),
    (Period(None, date(2026, 1, 31)), [2, 2, 1, 1, 1, 0]),
    (Period(date(2027, 1, 1), date(2027, 1, 31)), [0, 0, 0, 0, 0, 0]),
])
def test_the_period_selects_seekers_by_the_local_day_they_registered(world, period, people):
    assert [step.people for step in reports.funnel_steps(period, TODAY)] == people


def test_an_erased_seeker_counts_nowhere(world):
    assert reports.funnel_steps(JANUARY, TODAY)[0].people == 2  # s1 and s2, not s8
    rows = {r.code: r for r in report_places.kelurahan_rows(ALL, TODAY)}
    assert rows[A].registered == 2


def test_eligibility_is_approximated_by_age_consent_and_a_valid_verified_certificate(world):
    # s2's certificate expired yesterday, s3 is 17, s6 withdrew consent to matching, s7's is still pending
    assert reports.funnel_steps(ALL, TODAY)[2].people == 3
    assert reports.funnel_steps(ALL, date(2026, 3, 13))[2].people == 4  # the day before s2's expired
    assert reports.ELIGIBLE_IS_APPROXIMATE


def test_placements_by_stage_list_every_stage_in_journey_order(world):
    stages = reports.placements_by_stage(ALL)
    assert [s for s, _n in stages][:3] == ["applied", "shortlisted", "interview"] and len(stages) == 16
    assert {s: n for s, n in stages if n} == {"departed": 1, "returned": 1, "rejected": 1, "withdrawn": 1}
    assert {s: n for s, n in reports.placements_by_stage(FEBRUARY) if n} == {"returned": 1}


def test_placements_by_country_partner_city_and_sector(world):
    assert reports.placements_by("countries", ALL) == [Reach("JP", "JP", "", 3, 2, 1), Reach("KR", "KR", "", 1, 0, 0)]
    assert reports.placements_by("sectors", ALL) == [Reach("care", "care", "", 3, 2, 1),
                                                     Reach("manufacturing", "manufacturing", "", 1, 0, 0)]
    assert [(r.key, r.name, r.country, r.applications, r.placed, r.abroad)
            for r in reports.placements_by("partner_cities", ALL)] == [
        (str(world.city_x.id), world.city_x.name, "JP", 3, 2, 1),
        (str(world.city_y.id), world.city_y.name, "KR", 1, 0, 0)]
    assert reports.placements_by("countries", JANUARY) == [Reach("JP", "JP", "", 1, 1, 1)]


def test_certificates_verified_are_counted_by_the_day_of_verification(world):
    assert [(code, n) for code, _name, n in reports.certifications_verified(ALL)] == [
        ("JP-SSW-CARE", 3), ("SKK-CPMI", 2), ("LSP-CAREGIVER", 1)]
    assert [(code, n) for code, _name, n in reports.certifications_verified(FEBRUARY)] == [("JP-SSW-CARE", 2)]
    # a certificate from training has no review date: the day it was recorded counts
    assert reports.full_report(ALL, TODAY).verified_this_month == 2


def test_training_places_against_demand_per_scheme(world):
    rows = [(r.scheme_code, r.cohorts, r.capacity, r.seats_taken, r.waitlisted, r.demand, r.gap)
            for r in reports.training_against_demand(ALL)]
    assert rows == [("BST-F", 0, 0, 0, 0, 3, 3), ("JP-SSW-CARE", 1, 10, 2, 1, 4, -6), ("SKK-CPMI", 1, 20, 0, 0, 3, -17)]


def test_with_a_period_training_counts_the_cohorts_running_in_it_and_never_cancelled_ones(world):
    rows = [(r.scheme_code, r.cohorts, r.capacity, r.seats_taken, r.demand, r.gap)
            for r in reports.training_against_demand(JANUARY)]
    assert rows == [("BST-F", 0, 0, 0, 3, 3), ("SKK-CPMI", 0, 0, 0, 3, 3), ("JP-SSW-CARE", 1, 5, 1, 4, -1)]


def test_every_kelurahan_has_a_row_zeros_included(world):
    rows = report_places.kelurahan_rows(ALL, TODAY)
    assert len(rows) == 42 == db.session.scalar(select(func.count()).select_from(Kelurahan))
    by_code = {r.code: r for r in rows}
    figures = ("registered", "certified", "placed", "abroad", "returned", "open_cases")
    assert [getattr(by_code[A], f) for f in figures] == [2, 2, 1, 1, 0, 1]
    assert [getattr(by_code[B], f) for f in figures] == [2, 2, 1, 0, 1, 0]
    assert [getattr(by_code[C], f) for f in figures] == [2, 1, 0, 0, 0, 0]
    assert all(getattr(r, f) == 0 for r in rows if r.code not in (A, B, C) for f in figures)


def test_kecamatan_add_up_their_kelurahan_and_seekers_outside_the_city_are_counted_apart(world):
    places = report_places.places(ALL, TODAY)
    kecamatan = {k.code: k for k in places.kecamatan}
    assert len(kecamatan) == 7
    bukit_intan = kecamatan[BUKIT_INTAN]
    assert (bukit_intan.registered, bukit_intan.placed, bukit_intan.open_cases) == (4, 2, 1)
    assert (kecamatan[TAMAN_SARI].registered, kecamatan[TAMAN_SARI].certified) == (2, 1)
    assert places.outside_city == 1


def test_the_period_applies_to_the_places_too(world):
    by_code = {r.code: r for r in report_places.kelurahan_rows(FEBRUARY, TODAY)}
    assert (by_code[A].registered, by_code[B].registered, by_code[B].returned) == (0, 2, 1)


def test_kelurahan_binaan_come_first_with_their_registrations_per_month(world):
    mark_binaan(A, B)
    places = report_places.places(ALL, TODAY)
    assert [r.code for r in places.binaan_first[:2]] == [A, B] and len(places.binaan_first) == 42
    assert places.months == [date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1),
                             date(2026, 2, 1), date(2026, 3, 1)]
    trend = {t.place.code: [n for _m, n in t.months] for t in places.binaan}
    assert trend == {A: [0, 0, 0, 2, 0, 0], B: [0, 0, 0, 0, 2, 0]}  # s3 counts in February, local time


def test_the_trend_ends_with_the_period(world):
    mark_binaan(A)
    places = report_places.places(JANUARY, TODAY)
    assert places.months[-1] == date(2026, 1, 1)
    assert [n for _m, n in places.binaan[0].months] == [0, 0, 0, 0, 0, 2]


def test_marking_a_kelurahan_binaan_is_audited_and_saying_it_twice_changes_nothing(world):
    kelurahan = db.session.get(Kelurahan, C)
    assert report_places.set_binaan(kelurahan, True, ACTOR) is True
    assert report_places.set_binaan(kelurahan, True, ACTOR) is False
    assert report_places.set_binaan(kelurahan, False, ACTOR) is True
    entries = db.session.execute(select(AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id)
                                 .order_by(AuditEntry.id)).all()
    assert entries == [("kelurahan_binaan_marked", "kelurahan", C), ("kelurahan_binaan_unmarked", "kelurahan", C)]


@pytest.mark.parametrize("name", ["funnel", "stages", "countries", "partner_cities", "sectors", "certifications",
                                  "training", "kecamatan", "kelurahan", "binaan_trend"])
def test_each_exportable_table_has_as_many_values_as_columns(world, name):
    mark_binaan(A)
    table = reports.build_table(name, ALL, TODAY)
    assert table.name == name and table.rows
    assert all(len(row) == len(table.columns) for row in table.rows)


def test_the_kelurahan_table_matches_the_page(world):
    table = reports.build_table("kelurahan", FEBRUARY, TODAY)
    assert table.columns == ("kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan", "binaan", "registered",
                             "certified", "placed", "abroad", "returned", "open_cases")
    assert len(table.rows) == 42
    assert [row for row in table.rows if row[2] == B] == [[BUKIT_INTAN, "Bukit Intan", B, "Bacang", False,
                                                           2, 2, 1, 0, 1, 0]]


def test_the_monthly_report_counts_what_happened_in_the_month(world):
    mark_binaan(A, B)
    month = monthly_report.monthly_report(2026, 2, TODAY)
    assert month.is_complete and month.period == FEBRUARY
    assert (month.registrations, month.registered_total, month.certifications_verified, month.applications) == (
        2, 4, 2, 1)
    assert month.moves == {"accepted": 2, "departed": 2, "arrived": 1, "returned": 0, "repatriated": 0}
    assert (month.abroad_at_end, month.help_requests, month.checkins_overdue) == (2, 1, 1)
    assert (month.cases_opened, month.cases_resolved, month.cases_open_now) == (1, 1, 1)
    assert month.departures_by_country == [("JP", 2)]


def test_the_monthly_report_by_place(world):
    mark_binaan(A, B)
    month = monthly_report.monthly_report(2026, 2, TODAY)
    kecamatan = {k.code: k for k in month.kecamatan}
    assert len(kecamatan) == 7
    bukit_intan = kecamatan[BUKIT_INTAN]
    assert (bukit_intan.registrations, bukit_intan.departures, bukit_intan.registered_total,
            bukit_intan.abroad_now) == (2, 2, 4, 1)
    assert (kecamatan[TAMAN_SARI].registrations, kecamatan[TAMAN_SARI].registered_total) == (0, 0)
    assert [(k.name, k.registrations, k.departures, k.registered_total, k.abroad_now) for k in month.binaan] == [
        ("Bacang", 2, 1, 2, 0), ("Semabung Lama", 0, 1, 2, 1)]


def test_a_month_in_progress_counts_up_to_today(world):
    month = monthly_report.monthly_report(2026, 3, TODAY)
    assert not month.is_complete
    assert month.abroad_at_end == 1  # s4 came home on 10 March
    assert month.registered_total == 7


def test_the_month_choices_go_back_a_year_from_this_month():
    months = monthly_report.month_choices(date(2026, 3, 31))
    assert months[0] == date(2026, 3, 1) and months[-1] == date(2025, 4, 1) and len(months) == 12
