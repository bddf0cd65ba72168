"""The scheduled monitoring run (`flask monitor run`, daily from cron or a systemd timer).

For every placement abroad: open the check-in that has fallen due and tell the worker; remind once
the day after; mark it overdue after the grace days and alert the coordinators. Running twice on one
day changes nothing the second time: each step is recorded on the check-in and checked first.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.domain import checkins as rules
from app.domain.clock import utcnow
from app.extensions import db
from app.models import CheckIn, Placement, SeekerProfile
from app.services import alerts, audit
from app.services.audit import Actor
from app.services.checkins import (
    abroad_placements_query,
    grace_days,
    has_checkin_on,
    last_answered_on,
    schedule_for,
)
from app.services.notifications import notify

CHECKIN_LINK = "/seeker/checkin"


@dataclass
class RunSummary:
    today: date
    due: int = 0
    overdue: int = 0
    reminders: int = 0
    alerts: int = 0

    def line(self) -> str:
        return (f"monitor {self.today.isoformat()}: check-ins due {self.due}, overdue {self.overdue}, "
                f"reminders sent {self.reminders}, alerts raised {self.alerts}")


def run(today: date, by: Actor) -> RunSummary:
    """One monitoring pass for `today`; commits after each placement so one failure loses little."""
    summary = RunSummary(today)
    placements = db.session.scalars(abroad_placements_query().options(
        joinedload(Placement.seeker).joinedload(SeekerProfile.user)).order_by(Placement.id)).all()
    for placement in placements:
        _open_due(placement, today, by, summary)
        for checkin in _unanswered(placement.id, today):
            _chase(checkin, placement, today, by, summary)
        db.session.commit()
    return summary


def _open_due(placement: Placement, today: date, by: Actor, summary: RunSummary) -> None:
    """Create the latest check-in that has fallen due, unless it exists or an answer already covers it."""
    due = schedule_for(placement).latest_due(today)
    if due is None or has_checkin_on(placement.id, due) or \
            rules.answer_counts_for(due, last_answered_on(placement.id)):
        return
    checkin = CheckIn(placement_id=placement.id, due_on=due)
    if rules.needs_reminder(due, today):  # opened late: today's notice is its reminder too
        checkin.reminder_sent_at = utcnow()
    db.session.add(checkin)
    db.session.flush()
    audit.record(by, "checkin_opened", checkin, placement_id=placement.id, due_on=due.isoformat())
    _tell(placement, "checkin_due")
    summary.due += 1


def _unanswered(placement_id: int, today: date) -> list[CheckIn]:
    return list(db.session.scalars(select(CheckIn).where(CheckIn.placement_id == placement_id,
                                                         CheckIn.answer.is_(None), CheckIn.due_on <= today)
                                   .order_by(CheckIn.due_on, CheckIn.id)))


def _chase(checkin: CheckIn, placement: Placement, today: date, by: Actor, summary: RunSummary) -> None:
    """Remind once, then mark overdue and alert once."""
    if checkin.reminder_sent_at is None and rules.needs_reminder(checkin.due_on, today):
        checkin.reminder_sent_at = utcnow()
        audit.record(by, "checkin_reminder_sent", checkin, placement_id=placement.id)
        _tell(placement, "checkin_reminder")
        summary.reminders += 1
    if checkin.overdue_at is None and rules.is_overdue(checkin.due_on, today, grace_days()):
        checkin.overdue_at = utcnow()
        audit.record(by, "checkin_marked_overdue", checkin, placement_id=placement.id)
        kind, severity = rules.OVERDUE_ALERT
        alerts.raise_alert(kind, severity, by, placement=placement, checkin_id=checkin.id,
                           due_on=checkin.due_on.isoformat())
        summary.overdue += 1
        summary.alerts += 1


def _tell(placement: Placement, kind: str) -> None:
    user = placement.seeker.user
    if user is not None and user.is_enabled:  # workers without an account are called by Disnaker
        notify(user, kind, {}, link=CHECKIN_LINK)
