"""Monitoring after departure: check-ins, employer reports, cases and alerts."""
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.clock import utcnow
from app.domain.vocab import ALERT_KINDS, CASE_CATEGORIES, CASE_SEVERITIES, CASE_STATUSES, CHECKIN_ANSWERS, check_in
from app.extensions import db
from app.models._base import Timestamped


class CheckIn(db.Model):
    __tablename__ = "checkins"
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answer: Mapped[str | None] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(Text)
    via_safe_word: Mapped[bool] = mapped_column(default=False)
    overdue_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    placement = relationship("Placement")
    __table_args__ = (CheckConstraint("answer IS NULL OR " + check_in("answer", CHECKIN_ANSWERS), name="answer"),)


class EmployerReport(db.Model):
    __tablename__ = "employer_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    period_end: Mapped[date] = mapped_column(Date)
    still_employed: Mapped[bool] = mapped_column()
    wage_paid_on_time: Mapped[bool] = mapped_column()
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    concerns: Mapped[str | None] = mapped_column(Text)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Case(Timestamped, db.Model):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seekers.id", ondelete="SET NULL"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id", ondelete="SET NULL"))
    checkin_id: Mapped[int | None] = mapped_column(ForeignKey("checkins.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="open")
    source: Mapped[str] = mapped_column(String(12))
    summary: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list["CaseNote"]] = relationship(back_populates="case", order_by="CaseNote.at")
    __table_args__ = (
        CheckConstraint(check_in("category", CASE_CATEGORIES), name="category"),
        CheckConstraint(check_in("severity", CASE_SEVERITIES), name="severity"),
        CheckConstraint(check_in("status", CASE_STATUSES), name="status"),
        CheckConstraint(check_in("source", ("checkin", "report", "phone", "walk_in", "other")), name="source"),
    )


class CaseNote(db.Model):
    __tablename__ = "case_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)
    case: Mapped[Case] = relationship(back_populates="notes")


class Alert(db.Model):
    """Something a coordinator must see: an overdue check-in, a help request, a suspicious look-up."""
    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    severity: Mapped[str] = mapped_column(String(10), default="high")
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seekers.id", ondelete="SET NULL"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id", ondelete="SET NULL"))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    __table_args__ = (
        CheckConstraint(check_in("kind", ALERT_KINDS), name="kind"),
        CheckConstraint(check_in("severity", CASE_SEVERITIES), name="severity"),
    )
