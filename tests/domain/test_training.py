"""Roster rules: seats, the waiting list, moving up, completing, and demand against capacity."""
from datetime import date, datetime

import pytest

from app.domain import training as rules
from app.domain.training import Demand, DemandLine, Seat

TODAY = date(2026, 3, 10)


def at(minute: int) -> datetime:
    return datetime(2026, 3, 1, 9, minute)


def roster(*statuses: str) -> list[Seat]:
    """Enrolments with ids 1, 2, … in the order they came."""
    return [Seat(n, status, at(n)) for n, status in enumerate(statuses, start=1)]


@pytest.mark.parametrize("capacity, statuses, expected", [
    (2, (), "enrolled"),
    (2, ("enrolled",), "enrolled"),
    (2, ("enrolled", "enrolled"), "waitlisted"),                      # full
    (2, ("enrolled", "withdrawn", "withdrawn"), "enrolled"),          # those who left hold no seat
    (2, ("enrolled", "waitlisted"), "enrolled"),                      # a free seat is a free seat
    (1, ("completed",), "waitlisted"),
    (1, ("failed",), "waitlisted"),
])
def test_a_newcomer_gets_a_seat_while_there_is_one_and_waits_when_full(capacity, statuses, expected):
    assert rules.status_for_newcomer(capacity, roster(*statuses)) == expected


def test_the_waiting_list_is_first_come_first_served_with_ties_broken_by_id():
    seats = [Seat(7, "waitlisted", at(5)), Seat(3, "waitlisted", at(9)), Seat(4, "waitlisted", at(5)),
             Seat(1, "enrolled", at(1))]
    assert [s.id for s in rules.waitlist(seats)] == [4, 7, 3]
    assert [rules.waitlist_position(seats, i) for i in (4, 7, 3, 1)] == [1, 2, 3, None]


@pytest.mark.parametrize("capacity, statuses, cohort_status, promoted", [
    (2, ("enrolled", "withdrawn", "waitlisted", "waitlisted"), "open", [3]),   # one seat: the first waiting
    (3, ("withdrawn", "withdrawn", "waitlisted", "waitlisted", "waitlisted"), "open", [3, 4, 5]),
    (4, ("enrolled", "waitlisted", "waitlisted"), "planned", [2, 3]),          # capacity raised: all fit
    (1, ("enrolled", "waitlisted"), "open", []),                               # still full
    (2, ("enrolled", "waitlisted"), "running", [2]),
    (2, ("enrolled", "waitlisted"), "completed", []),                          # a record: nothing moves
    (2, ("enrolled", "waitlisted"), "cancelled", []),
])
def test_free_seats_go_to_the_waiting_list_in_order(capacity, statuses, cohort_status, promoted):
    assert rules.to_promote(capacity, roster(*statuses), cohort_status) == promoted


def test_the_person_who_waited_longest_moves_up_even_if_listed_later():
    seats = [Seat(1, "withdrawn", at(1)), Seat(9, "waitlisted", at(2)), Seat(5, "waitlisted", at(3))]
    assert rules.to_promote(1, seats, "open") == [9]


@pytest.mark.parametrize("capacity, statuses, seats_left", [
    (3, (), 3), (3, ("enrolled", "waitlisted", "withdrawn"), 2), (1, ("enrolled", "enrolled"), 0),
])
def test_seats_left_never_go_below_zero(capacity, statuses, seats_left):
    assert rules.seats_left(capacity, roster(*statuses)) == seats_left


@pytest.mark.parametrize("cohort_status, starts_on, mine, codes", [
    ("open", date(2026, 4, 1), None, []),
    ("open", TODAY, None, []),                                           # starts today: still in time
    ("open", date(2026, 4, 1), "withdrawn", []),                         # changed their mind again
    ("open", date(2026, 3, 9), None, [rules.COHORT_STARTED]),
    ("planned", date(2026, 4, 1), None, [rules.COHORT_NOT_OPEN]),
    ("running", date(2026, 3, 1), None, [rules.COHORT_NOT_OPEN]),
    ("cancelled", date(2026, 4, 1), None, [rules.COHORT_NOT_OPEN]),
    ("open", date(2026, 4, 1), "enrolled", [rules.ALREADY_ENROLLED]),
    ("open", date(2026, 4, 1), "waitlisted", [rules.ALREADY_ENROLLED]),
    ("completed", date(2026, 1, 1), "completed", [rules.ALREADY_COMPLETED]),
])
def test_only_open_cohorts_that_have_not_started_take_enrolments(cohort_status, starts_on, mine, codes):
    assert rules.enrol_blockers(cohort_status, starts_on, TODAY, mine) == codes


@pytest.mark.parametrize("status, cohort_status, codes", [
    ("enrolled", "open", []), ("waitlisted", "open", []), ("enrolled", "running", []),
    ("withdrawn", "open", [rules.NOT_WITHDRAWABLE]), ("completed", "completed", [rules.COHORT_CLOSED]),
    ("enrolled", "cancelled", [rules.COHORT_CLOSED]),
])
def test_who_may_withdraw(status, cohort_status, codes):
    assert rules.withdraw_blockers(status, cohort_status) == codes


@pytest.mark.parametrize("status, cohort_status, attendance, codes", [
    ("enrolled", "running", 80, []), ("enrolled", "open", None, []), ("enrolled", "running", 0, []),
    ("enrolled", "running", 100, []), ("enrolled", "running", 101, [rules.ATTENDANCE_RANGE]),
    ("enrolled", "running", -1, [rules.ATTENDANCE_RANGE]), ("waitlisted", "running", 50, [rules.NOT_ON_ROSTER]),
    ("withdrawn", "running", 50, [rules.NOT_ON_ROSTER]), ("completed", "completed", 50, [rules.COHORT_CLOSED]),
])
def test_attendance_and_results_are_recorded_only_for_seated_people_of_an_active_cohort(
        status, cohort_status, attendance, codes):
    assert rules.record_blockers(status, cohort_status, attendance) == codes


@pytest.mark.parametrize("from_status, to_status, allowed", [
    ("planned", "open", True), ("planned", "cancelled", True), ("open", "running", True),
    ("open", "planned", True), ("open", "cancelled", True), ("running", "cancelled", True),
    ("planned", "running", False), ("running", "open", False), ("running", "completed", False),
    ("completed", "open", False), ("cancelled", "open", False), ("open", "completed", False),
])
def test_cohort_status_moves(from_status, to_status, allowed):
    assert (rules.status_move_blockers(from_status, to_status) == []) is allowed


@pytest.mark.parametrize("capacity, statuses, codes", [
    (2, ("enrolled", "enrolled", "waitlisted"), []),
    (1, ("enrolled", "enrolled"), [rules.CAPACITY_BELOW_SEATS]),
    (1, ("enrolled", "withdrawn", "waitlisted"), []),
])
def test_capacity_never_drops_below_the_people_already_seated(capacity, statuses, codes):
    assert rules.capacity_blockers(capacity, roster(*statuses)) == codes


@pytest.mark.parametrize("status, starts_on, results, codes", [
    ("running", date(2026, 1, 1), [True, False], []),
    ("running", date(2026, 1, 1), [], []),
    ("running", date(2026, 1, 1), [True, None], [rules.RESULTS_MISSING]),
    ("running", date(2026, 4, 1), [True], [rules.COHORT_NOT_STARTED]),
    ("open", date(2026, 1, 1), [True], [rules.COHORT_NOT_RUNNING]),
    ("completed", date(2026, 1, 1), [True], [rules.COHORT_NOT_RUNNING]),
])
def test_a_cohort_is_completed_once_it_runs_and_every_result_is_in(status, starts_on, results, codes):
    assert rules.completion_blockers(status, starts_on, TODAY, results) == codes


def test_completing_early_dates_the_end_today_and_completing_late_keeps_the_planned_end():
    assert rules.end_date_on_completion(date(2026, 5, 1), TODAY) == TODAY
    assert rules.end_date_on_completion(date(2026, 3, 1), TODAY) == date(2026, 3, 1)


@pytest.mark.parametrize("kind, number", [("BLK", "BLK-12-345"), ("LPK", "LPK-12-345"), ("other", "TRN-12-345")])
def test_a_generated_certificate_number_names_the_provider_kind_cohort_and_enrolment(kind, number):
    assert rules.certificate_number(kind, 12, 345) == number


@pytest.mark.parametrize("scheme, issued, expires", [
    ("SKK-KONSTRUKSI", date(2026, 3, 10), date(2031, 3, 10)),
    ("KR-EPS", date(2024, 2, 29), date(2026, 2, 28)),
    ("BLK-CAREGIVER", date(2026, 3, 10), None),                     # validity not known: no date invented
])
def test_a_certificate_expires_per_its_schemes_known_validity(scheme, issued, expires):
    assert rules.certificate_expiry(scheme, issued) == expires


@pytest.mark.parametrize("lines, capacity, expected", [
    ([], 20, Demand(0, 20, 0)),
    ([DemandLine("opening", 6), DemandLine("opening", 4)], 20, Demand(10, 20, 0)),
    ([DemandLine("opening", 6), DemandLine("partner_city", 30)], 20, Demand(36, 20, 0)),
    ([DemandLine("opening", 6), DemandLine("partner_city", None)], 20, Demand(6, 20, 1)),
    ([DemandLine("opening", 6, counts=False), DemandLine("opening", 2)], 20, Demand(2, 20, 0)),
])
def test_demand_is_the_positions_of_approved_openings_plus_stated_partner_city_positions(lines, capacity, expected):
    assert rules.demand_against_capacity(lines, capacity) == expected


def test_the_gap_says_how_far_demand_exceeds_the_seats():
    short, spare = Demand(36, 20, 0), Demand(6, 20, 0)
    assert (short.gap, short.covered) == (16, False)
    assert (spare.gap, spare.covered) == (-14, True)
