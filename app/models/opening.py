"""Openings (job orders) posted by employers, with their required schemes and skills."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.vocab import OPENING_STATUSES, SKILL_IMPORTANCE, check_in
from app.extensions import db
from app.models._base import Timestamped


class Opening(Timestamped, db.Model):
    __tablename__ = "openings"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    code: Mapped[str | None] = mapped_column(String(16), unique=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    occupation_code: Mapped[str | None] = mapped_column(ForeignKey("occupations.code"))
    sector_code: Mapped[str] = mapped_column(ForeignKey("sectors.code"))
    city: Mapped[str] = mapped_column(String(120))
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    language_level_id: Mapped[int | None] = mapped_column(ForeignKey("language_levels.id"))
    min_education_code: Mapped[str | None] = mapped_column(ForeignKey("education_levels.code"))
    min_age: Mapped[int] = mapped_column(Integer, default=18)
    max_age: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    contract_months: Mapped[int | None] = mapped_column(Integer)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    monthly_wage: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    annual_leave_days: Mapped[int | None] = mapped_column(Integer)
    insurance: Mapped[str | None] = mapped_column(Text)
    accommodation: Mapped[str | None] = mapped_column(Text)
    benefits: Mapped[str | None] = mapped_column(Text)
    worker_costs_idr: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=0)
    deadline: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    caution_justification: Mapped[str | None] = mapped_column(Text)
    review_notes: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_reason: Mapped[str | None] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(default=False)

    employer = relationship("Employer")
    occupation = relationship("Occupation")
    language_level = relationship("LanguageLevel")
    certifications: Mapped[list["OpeningCertification"]] = relationship(cascade="all, delete-orphan")
    skills: Mapped[list["OpeningSkill"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint(check_in("status", OPENING_STATUSES), name="status"),
        CheckConstraint("positions > 0", name="positions_positive"),
        CheckConstraint("min_age >= 18", name="min_age_adult"),
        CheckConstraint("max_age IS NULL OR max_age >= min_age", name="age_range"),
        CheckConstraint("monthly_wage IS NULL OR monthly_wage >= 0", name="wage_non_negative"),
        CheckConstraint("worker_costs_idr >= 0", name="worker_costs_non_negative"),
        CheckConstraint("contract_months IS NULL OR contract_months > 0", name="contract_positive"),
        CheckConstraint("hours_per_week IS NULL OR (hours_per_week > 0 AND hours_per_week <= 84)", name="hours"),
        CheckConstraint("status != 'approved' OR code IS NOT NULL", name="approved_has_code"),
        CheckConstraint(check_in("closed_reason", ("manual", "deadline", "filled", "employer_suspended"))
                        + " OR closed_reason IS NULL", name="closed_reason"),
    )

    def is_managed_by(self, user) -> bool:
        return user.employer_id is not None and user.employer_id == self.employer_id

    def is_public(self) -> bool:
        return self.status == "approved"


class OpeningCertification(db.Model):
    __tablename__ = "opening_certifications"
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id", ondelete="CASCADE"), primary_key=True)
    scheme_code: Mapped[str] = mapped_column(ForeignKey("certification_schemes.code"), primary_key=True)


class OpeningSkill(db.Model):
    __tablename__ = "opening_skills"
    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(String(120))
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id", ondelete="SET NULL"))
    importance: Mapped[str] = mapped_column(String(10))
    __table_args__ = (
        UniqueConstraint("opening_id", "term"),
        CheckConstraint(check_in("importance", SKILL_IMPORTANCE), name="importance"),
    )
