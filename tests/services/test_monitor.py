"""The daily monitoring run: due check-ins, one reminder, overdue after grace, alerts, a summary; twice is once."""
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db as _db
from app.models import Alert, AuditEntry, CheckIn, Notification
from app.services import checkins, monitor
from app.services.audit import Actor
from app.services.catalogue import local_today
from tests.services.helpers_monitoring import make_checkin, worker_abroad

DEPARTED = date(2025, 1, 31)
FIRST_DUE = date(2025, 3, 2)      # 30 days after 31 January
BY = Actor.command_line("monitor run")


def _run(day: date) -> monitor.RunSummary:
    return monitor.run(day, BY)


def _count(model, *where) -> int:
    return _db.session.scalar(select(func.count()).select_from(model).where(*where))


def _notified(kind: str) -> int:
    return _count(Notification, Notification.kind == kind)


def test_nothing_is_due_before_the_first_interval_has_passed(db):
    worker_abroad(departed=DEPARTED)
    assert _run(FIRST_DUE - timedelta(days=1)).line() == (
        "monitor 2025-03-01: check-ins due 0, overdue 0, reminders sent 0, alerts raised 0")
    assert _count(CheckIn) == 0


def test_on_the_due_date_a_check_in_opens_and_the_worker_is_told(db):
    placement = worker_abroad(departed=DEPARTED)
    summary = _run(FIRST_DUE)
    assert summary.line() == "monitor 2025-03-02: check-ins due 1, overdue 0, reminders sent 0, alerts raised 0"
    assert [c.due_on for c in _db.session.scalars(select(CheckIn))] == [FIRST_DUE]
    assert _notified("checkin_due") == 1
    notice = _db.session.scalar(select(Notification))
    assert (notice.user_id, notice.link) == (placement.seeker.user_id, "/seeker/checkin")


@pytest.mark.parametrize("stage", ["contract_signed", "documents_verified", "completed", "returned",
                                   "terminated", "repatriated"])
def test_only_placements_abroad_get_check_ins(db, stage):
    worker_abroad(departed=DEPARTED, stage=stage)
    assert _run(FIRST_DUE).due == 0
    assert _count(CheckIn) == 0


@pytest.mark.parametrize("stage", ["departed", "arrived"])
def test_departed_and_arrived_placements_get_check_ins(db, stage):
    worker_abroad(departed=DEPARTED, stage=stage)
    assert _run(FIRST_DUE).due == 1


@pytest.mark.parametrize(("day", "reminders", "overdue"), [
    (FIRST_DUE, 0, 0),
    (FIRST_DUE + timedelta(days=1), 1, 0),      # the day after: one reminder
    (FIRST_DUE + timedelta(days=3), 1, 0),      # last day of grace
    (FIRST_DUE + timedelta(days=4), 1, 1),      # first day past grace: overdue and an alert
])
def test_reminder_then_overdue_after_the_grace_days(db, day, reminders, overdue):
    worker_abroad(departed=DEPARTED)
    _run(FIRST_DUE)
    summary = _run(day) if day != FIRST_DUE else monitor.RunSummary(day)
    assert (summary.reminders, summary.overdue, summary.alerts) == (reminders, overdue, overdue)
    assert _count(Alert, Alert.kind == "checkin_overdue") == overdue


def test_a_second_run_on_the_same_day_changes_nothing(db):
    for departed in (DEPARTED, DEPARTED + timedelta(days=3), DEPARTED + timedelta(days=6)):  # due 2, 5, 8 March
        worker_abroad(departed=departed)
    _run(FIRST_DUE)
    first = _run(date(2025, 3, 7))
    assert first.line() == "monitor 2025-03-07: check-ins due 1, overdue 1, reminders sent 1, alerts raised 1"
    before = [_count(model) for model in (CheckIn, Alert, Notification, AuditEntry)]
    second = _run(date(2025, 3, 7))
    assert second.line() == "monitor 2025-03-07: check-ins due 0, overdue 0, reminders sent 0, alerts raised 0"
    assert [_count(model) for model in (CheckIn, Alert, Notification, AuditEntry)] == before


def test_a_check_in_opened_late_is_told_once_not_reminded_again(db):
    worker_abroad(departed=DEPARTED)
    summary = _run(FIRST_DUE + timedelta(days=2))
    later = _run(FIRST_DUE + timedelta(days=3))
    assert (summary.due, summary.reminders, later.reminders) == (1, 0, 0)
    assert (_notified("checkin_due"), _notified("checkin_reminder")) == (1, 0)


def test_an_answered_check_in_is_neither_reminded_nor_overdue(db):
    placement = worker_abroad(departed=DEPARTED)
    _run(FIRST_DUE)
    checkins.answer(placement.seeker, "ok", None, Actor.for_user(placement.seeker.user), today=FIRST_DUE)
    summary = _run(FIRST_DUE + timedelta(days=10))
    assert (summary.due, summary.reminders, summary.overdue) == (0, 0, 0)


def test_an_early_answer_counts_and_no_check_in_opens_on_the_due_date(db):
    placement = worker_abroad(departed=DEPARTED)
    checkins.answer(placement.seeker, "ok", None, Actor.for_user(placement.seeker.user),
                    today=FIRST_DUE - timedelta(days=3))
    assert _run(FIRST_DUE).due == 0
    assert _count(CheckIn) == 1


def test_an_answer_sent_after_the_due_date_but_before_the_run_covers_it(db):
    placement = worker_abroad(departed=local_today() - timedelta(days=35))   # due five days ago
    checkins.answer(placement.seeker, "ok", None, Actor.for_user(placement.seeker.user))
    summary = _run(local_today())
    assert (summary.due, summary.overdue) == (0, 0)
    assert _count(CheckIn) == 1


@pytest.mark.parametrize(("answered_days_before_due", "opens"), [(7, False), (8, True)])
def test_an_answer_covers_a_due_date_only_from_a_week_before_it(db, answered_days_before_due, opens):
    placement = worker_abroad(departed=DEPARTED)
    answered = datetime.combine(FIRST_DUE - timedelta(days=answered_days_before_due), time(12))
    make_checkin(placement, FIRST_DUE - timedelta(days=20), answer="ok", answered_at=answered)
    assert _run(FIRST_DUE).due == int(opens)


def test_only_the_latest_missed_check_in_opens_after_a_long_silence(db):
    worker_abroad(departed=DEPARTED)
    summary = _run(date(2025, 6, 1))   # due dates 2 Mar, 1 Apr, 1 May, 31 May
    assert summary.due == 1
    assert [c.due_on for c in _db.session.scalars(select(CheckIn))] == [date(2025, 5, 31)]


def test_the_next_check_in_opens_after_an_unanswered_one(db):
    placement = worker_abroad(departed=DEPARTED)
    _run(FIRST_DUE)
    _run(FIRST_DUE + timedelta(days=30))
    assert [c.due_on for c in _db.session.scalars(select(CheckIn).order_by(CheckIn.due_on))] == [
        FIRST_DUE, date(2025, 4, 1)]
    make_checkin(placement, date(2025, 5, 1), answer="ok")
    assert _run(date(2025, 5, 1)).due == 0


def test_every_step_is_audited_by_the_command(db):
    worker_abroad(departed=DEPARTED)
    _run(FIRST_DUE)
    _run(FIRST_DUE + timedelta(days=4))
    actions = [(e.action, e.actor_label) for e in _db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == [("checkin_opened", "cli:monitor run"), ("checkin_reminder_sent", "cli:monitor run"),
                       ("checkin_marked_overdue", "cli:monitor run"), ("alert_raised", "cli:monitor run")]


def test_the_command_prints_one_summary_line(db, runner):
    worker_abroad(departed=DEPARTED)
    result = runner.invoke(args=["monitor", "run", "--today", "2025-03-02"])
    assert result.exit_code == 0, result.output
    assert result.output == "monitor 2025-03-02: check-ins due 1, overdue 0, reminders sent 0, alerts raised 0\n"
    again = runner.invoke(args=["monitor", "run", "--today", "2025-03-02"])
    assert again.output == "monitor 2025-03-02: check-ins due 0, overdue 0, reminders sent 0, alerts raised 0\n"


def test_the_command_refuses_a_date_it_cannot_read(runner):
    result = runner.invoke(args=["monitor", "run", "--today", "2 March"])
    assert result.exit_code == 2
