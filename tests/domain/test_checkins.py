"""Check-in rules: the schedule across month ends and leap years, overdue with grace, answers, the safe word."""
from datetime import date

import pytest

from app.domain import checkins as rules
from app.domain.cases import (
    CONCERNS,
    NOT_EMPLOYED,
    OWNER_NOT_COORDINATOR,
    RESOLUTION_REQUIRED,
    STATUS_MOVE_NOT_ALLOWED,
    SUMMARY_REQUIRED,
    UNKNOWN_CATEGORY,
    WAGE_LATE,
    CaseChange,
    NewCase,
    change_problems,
    new_case_problems,
    report_alert,
    report_flags,
)
from app.domain.checkins import Schedule, add_months, is_overdue, needs_reminder, slot_for_answer
from app.domain.returns import months_abroad


@pytest.mark.parametrize(("departure", "interval", "n", "due"), [
    (date(2025, 1, 1), 30, 1, date(2025, 1, 31)),
    (date(2025, 1, 31), 30, 1, date(2025, 3, 2)),     # across a 28-day February
    (date(2024, 1, 31), 30, 1, date(2024, 3, 1)),     # across a leap February
    (date(2024, 2, 29), 30, 1, date(2024, 3, 30)),
    (date(2025, 12, 15), 30, 1, date(2026, 1, 14)),   # across the year end
    (date(2025, 1, 31), 30, 2, date(2025, 4, 1)),
    (date(2025, 1, 31), 14, 3, date(2025, 3, 14)),
    (date(2023, 12, 31), 60, 1, date(2024, 2, 29)),   # lands on a leap day
])
def test_due_dates_are_every_n_days_from_departure(departure, interval, n, due):
    assert Schedule(departure, interval).nth(n) == due


@pytest.mark.parametrize(("departure", "n", "due"), [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 1, 31), 2, date(2025, 3, 31)),         # counted from departure: not dragged to the 28th
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 8, 31), 1, date(2025, 9, 30)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 3, 15), 10, date(2026, 1, 15)),
])
def test_a_monthly_schedule_keeps_the_departure_day_or_the_month_end(departure, n, due):
    assert Schedule(departure, monthly=True).nth(n) == due


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)), (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 12, 31), 2, date(2025, 2, 28)), (date(2024, 5, 10), -5, date(2023, 12, 10)),
])
def test_adding_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_the_schedule_lists_due_dates_up_to_a_day_and_knows_the_latest_and_next():
    schedule = Schedule(date(2025, 1, 31), 30)
    assert schedule.due_dates(date(2025, 4, 1)) == [date(2025, 3, 2), date(2025, 4, 1)]
    assert schedule.latest_due(date(2025, 3, 1)) is None
    assert schedule.latest_due(date(2025, 3, 31)) == date(2025, 3, 2)
    assert schedule.next_due(date(2025, 3, 2)) == date(2025, 4, 1)
    assert schedule.next_due(date(2025, 1, 31)) == date(2025, 3, 2)


@pytest.mark.parametrize(("today", "grace", "overdue"), [
    (date(2025, 3, 1), 3, False),   # the due date itself
    (date(2025, 3, 4), 3, False),   # the last day of grace
    (date(2025, 3, 5), 3, True),    # the first day after it
    (date(2025, 3, 1), 0, False),
    (date(2025, 3, 2), 0, True),
    (date(2025, 2, 28), 3, False),
])
def test_a_check_in_is_overdue_only_after_its_grace_days(today, grace, overdue):
    assert is_overdue(date(2025, 3, 1), today, grace) is overdue


def test_the_default_grace_is_three_days():
    assert not is_overdue(date(2024, 2, 27), date(2024, 3, 1))   # leap day inside the grace
    assert is_overdue(date(2024, 2, 27), date(2024, 3, 2))


@pytest.mark.parametrize(("today", "remind"), [(date(2025, 3, 1), False), (date(2025, 3, 2), True)])
def test_a_reminder_goes_out_from_the_day_after_the_due_date(today, remind):
    assert needs_reminder(date(2025, 3, 1), today) is remind


@pytest.mark.parametrize(("today", "slot"), [
    (date(2025, 3, 25), date(2025, 4, 1)),   # a week before: counts for the next due date
    (date(2025, 3, 24), date(2025, 3, 24)),  # earlier: a check-in of its own
])
def test_an_early_answer_counts_for_the_next_due_date(today, slot):
    assert slot_for_answer(date(2025, 4, 1), today) == slot


@pytest.mark.parametrize(("answered", "covers"), [
    (None, False), (date(2025, 3, 22), False), (date(2025, 3, 25), True), (date(2025, 4, 1), True),
    (date(2025, 4, 3), True),
])
def test_an_answer_covers_a_due_date_from_a_week_before_it(answered, covers):
    assert rules.answer_counts_for(date(2025, 4, 1), answered) is covers


@pytest.mark.parametrize(("chosen", "safe_word", "recorded", "alert"), [
    ("ok", False, "ok", None),
    ("concern", False, "concern", ("concern", "medium")),
    ("distress", False, "distress", ("distress", "critical")),
    ("ok", True, "distress", ("distress", "critical")),
    ("concern", True, "distress", ("distress", "critical")),
])
def test_what_an_answer_records_and_raises(chosen, safe_word, recorded, alert):
    assert rules.effective_answer(chosen, safe_word) == recorded
    assert rules.alert_for_answer(recorded) == alert


@pytest.mark.parametrize(("typed", "normal"), [
    ("Mawar", "mawar"), ("  MAWÁR! ", "mawar"), ("mawar.", "mawar"), ("Kuching  hitam", "kuching hitam"),
])
def test_words_are_normalised_before_comparing(typed, normal):
    assert rules.normalise_word(typed) == normal


@pytest.mark.parametrize(("word", "repeated", "codes"), [
    ("Mawar", "mawar", []),
    ("kopi", "KOPI", []),
    ("abc", "abc", [rules.SAFE_WORD_TOO_SHORT]),
    ("x" * 41, "x" * 41, [rules.SAFE_WORD_TOO_LONG]),
    ("merah putih", "merah putih", [rules.SAFE_WORD_ONE_WORD]),
    ("mawar", "melati", [rules.SAFE_WORDS_DIFFER]),
    ("Baik", "baik", [rules.SAFE_WORD_TOO_PLAIN]),
])
def test_a_safe_word_is_one_uncommon_word_typed_twice(word, repeated, codes):
    assert rules.safe_word_problems(word, repeated) == codes


def test_the_candidates_are_the_words_of_the_message_once_each_and_bounded():
    assert rules.safe_word_candidates("Semua baik, MAWAR. Mawar lagi!") == ["semua", "baik", "mawar", "lagi"]
    assert rules.safe_word_candidates(None) == []
    many = " ".join(f"word{i}" for i in range(40))
    assert len(rules.safe_word_candidates(many)) == rules.MAX_SAFE_WORD_CANDIDATES


@pytest.mark.parametrize(("message", "left"), [
    ("Mawar", None), ("Semua baik. mawar!", "Semua baik."), ("mawar-merah hari ini", "hari ini"),
    ("Gaji belum dibayar", "Gaji belum dibayar"),
])
def test_the_safe_word_is_taken_out_of_the_stored_message(message, left):
    assert rules.without_word(message, "mawar") == left


@pytest.mark.parametrize(("category", "severity", "source", "summary", "owner", "codes"), [
    ("unpaid_wages", "high", "phone", "Two months unpaid", True, []),
    ("lottery", "high", "phone", "x", True, [UNKNOWN_CATEGORY]),
    ("abuse", "high", "checkin", "  ", True, [SUMMARY_REQUIRED]),
    ("abuse", "high", "checkin", "x", False, [OWNER_NOT_COORDINATOR]),
])
def test_a_new_case_needs_known_codes_a_summary_and_a_coordinator_as_owner(category, severity, source, summary,
                                                                           owner, codes):
    assert new_case_problems(NewCase(category, severity, source, summary, owner)) == codes


@pytest.mark.parametrize(("from_status", "to_status", "resolution", "codes"), [
    ("open", "in_progress", None, []),
    ("open", "resolved", "Wages paid", []),
    ("open", "resolved", None, [RESOLUTION_REQUIRED]),
    ("in_progress", "closed", "", [RESOLUTION_REQUIRED]),
    ("in_progress", "open", None, [STATUS_MOVE_NOT_ALLOWED]),
    ("resolved", "in_progress", "Wages paid", []),
    ("closed", "resolved", "x", [STATUS_MOVE_NOT_ALLOWED]),
    ("closed", "in_progress", "x", []),
])
def test_case_status_moves(from_status, to_status, resolution, codes):
    assert change_problems(CaseChange(from_status, to_status, "high", resolution, True)) == codes


@pytest.mark.parametrize(("employed", "wage", "concerns", "flags", "alert"), [
    (True, True, None, [], None),
    (True, True, "  ", [], None),
    (False, True, None, [NOT_EMPLOYED], ("concern", "high")),
    (True, False, None, [WAGE_LATE], ("concern", "high")),
    (True, True, "Often absent, seems unwell", [CONCERNS], ("concern", "medium")),
])
def test_what_an_employer_report_raises(employed, wage, concerns, flags, alert):
    assert report_flags(employed, wage, concerns) == flags
    assert report_alert(flags) == alert


@pytest.mark.parametrize(("departed", "returned", "months"), [
    (date(2024, 1, 15), date(2024, 3, 14), 1),
    (date(2024, 1, 15), date(2024, 3, 15), 2),
    (date(2025, 1, 31), date(2025, 2, 28), 1),
    (date(2024, 1, 31), date(2024, 2, 28), 0),   # 29 February was still ahead
    (date(2023, 6, 1), date(2025, 6, 1), 24),
    (None, date(2025, 6, 1), 0),
    (date(2025, 6, 1), date(2025, 6, 1), 0),
])
def test_months_abroad_count_completed_months(departed, returned, months):
    assert months_abroad(departed, returned) == months
