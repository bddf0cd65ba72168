"""Training programmes, their cohorts, and enrolments."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.clock import utcnow
from app.domain.vocab import COHORT_STATUSES, ENROLMENT_STATUSES, PROVIDER_KINDS, check_in
from app.extensions import db
from app.models._base import Timestamped


class TrainingProgramme(Timestamped, db.Model):
    __tablename__ = "training_programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    scheme_code: Mapped[str] = mapped_column(ForeignKey("certification_schemes.code"))
    provider: Mapped[str] = mapped_column(String(200))
    provider_kind: Mapped[str] = mapped_column(String(10))
    hours: Mapped[int] = mapped_column(Integer)
    cost_idr: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=0)
    language: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    scheme = relationship("CertificationScheme")
    cohorts: Mapped[list["Cohort"]] = relationship(back_populates="programme", order_by="Cohort.starts_on")
    __table_args__ = (
        CheckConstraint(check_in("provider_kind", PROVIDER_KINDS), name="provider_kind"),
        CheckConstraint("hours > 0", name="hours_positive"),
        CheckConstraint("cost_idr >= 0", name="cost_non_negative"),
    )


class Cohort(Timestamped, db.Model):
    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("training_programmes.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    programme: Mapped[TrainingProgramme] = relationship(back_populates="cohorts")
    enrolments: Mapped[list["Enrolment"]] = relationship(back_populates="cohort")
    __table_args__ = (
        CheckConstraint(check_in("status", COHORT_STATUSES), name="status"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
    )


class CohortDemand(db.Model):
    """What a cohort prepares for: an opening, or a partner city's demand in general."""
    __tablename__ = "cohort_demands"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("openings.id", ondelete="CASCADE"))
    partner_city_id: Mapped[int | None] = mapped_column(ForeignKey("partner_cities.id", ondelete="CASCADE"))
    positions: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("opening_id IS NOT NULL OR partner_city_id IS NOT NULL", name="has_target"),
    )


class Enrolment(db.Model):
    __tablename__ = "enrolments"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="enrolled")
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    attendance_pct: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column()
    certification_id: Mapped[int | None] = mapped_column(ForeignKey("certifications.id", ondelete="SET NULL"))
    cohort: Mapped[Cohort] = relationship(back_populates="enrolments")
    seeker = relationship("SeekerProfile")
    __table_args__ = (
        UniqueConstraint("cohort_id", "seeker_id"),
        CheckConstraint(check_in("status", ENROLMENT_STATUSES), name="status"),
        CheckConstraint("attendance_pct IS NULL OR attendance_pct BETWEEN 0 AND 100", name="attendance_range"),
    )
