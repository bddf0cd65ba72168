"""A job seeker's profile and everything attached to it."""
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.clock import utcnow
from app.domain.vocab import (
    CONSENT_PURPOSES,
    DOCUMENT_KINDS,
    ERASURE_STATUSES,
    GENDERS,
    REVIEW_STATUSES,
    VERIFICATION_STATUSES,
    check_in,
)
from app.extensions import db
from app.models._base import Timestamped


class SeekerProfile(Timestamped, db.Model):
    """NIK and passport number are stored encrypted and found by their keyed hash."""
    __tablename__ = "seekers"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    ref: Mapped[str | None] = mapped_column(String(64), unique=True)
    nik_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    nik_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[date] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(1))
    kelurahan_code: Mapped[str | None] = mapped_column(ForeignKey("kelurahan.code"), index=True)
    regency_code: Mapped[str | None] = mapped_column(ForeignKey("regencies.code"))
    phone: Mapped[str | None] = mapped_column(String(20))
    education_code: Mapped[str | None] = mapped_column(ForeignKey("education_levels.code"))
    experience_years: Mapped[Decimal] = mapped_column(Numeric(4, 1), default=0)
    passport_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    passport_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    passport_expires_on: Mapped[date | None] = mapped_column(Date)
    safe_word_hash: Mapped[str | None] = mapped_column(String(256))
    erased_at: Mapped[datetime | None] = mapped_column(DateTime)

    user = relationship("User", back_populates="seeker")
    kelurahan = relationship("Kelurahan")
    skills: Mapped[list["SeekerSkill"]] = relationship(back_populates="seeker", cascade="all, delete-orphan")
    languages: Mapped[list["SeekerLanguage"]] = relationship(back_populates="seeker", cascade="all, delete-orphan")
    certifications: Mapped[list["Certification"]] = relationship(back_populates="seeker",
                                                                 cascade="all, delete-orphan")
    documents: Mapped[list["Document"]] = relationship(back_populates="seeker", cascade="all, delete-orphan")
    consents: Mapped[list["Consent"]] = relationship(back_populates="seeker", cascade="all, delete-orphan")
    experiences: Mapped[list["Experience"]] = relationship(back_populates="seeker", cascade="all, delete-orphan")
    preferred_countries: Mapped[list["PreferredCountry"]] = relationship(cascade="all, delete-orphan")
    preferred_sectors: Mapped[list["PreferredSector"]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint(check_in("gender", GENDERS), name="gender"),
        CheckConstraint("experience_years >= 0", name="experience_non_negative"),
    )

    def has_consent(self, purpose: str) -> bool:
        return any(c.purpose == purpose and c.withdrawn_at is None for c in self.consents)


class Experience(db.Model):
    __tablename__ = "seeker_experiences"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    place: Mapped[str | None] = mapped_column(String(120))
    months: Mapped[int] = mapped_column(Integer)
    occupation_code: Mapped[str | None] = mapped_column(ForeignKey("occupations.code"))
    verified: Mapped[bool] = mapped_column(default=False)
    seeker: Mapped[SeekerProfile] = relationship(back_populates="experiences")
    __table_args__ = (CheckConstraint("months >= 0", name="months_non_negative"),)


class SeekerSkill(db.Model):
    """A normalised skill term; `skill_id` is set when the term is in the vocabulary."""
    __tablename__ = "seeker_skills"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(String(120))
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id", ondelete="SET NULL"))
    seeker: Mapped[SeekerProfile] = relationship(back_populates="skills")
    __table_args__ = (UniqueConstraint("seeker_id", "term"),)


class SeekerLanguage(db.Model):
    __tablename__ = "seeker_languages"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    level_id: Mapped[int] = mapped_column(ForeignKey("language_levels.id"))
    tested_on: Mapped[date | None] = mapped_column(Date)
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id", ondelete="SET NULL"))
    seeker: Mapped[SeekerProfile] = relationship(back_populates="languages")
    level = relationship("LanguageLevel")


class Certification(Timestamped, db.Model):
    """A competency certificate; only verified, unexpired ones count for eligibility."""
    __tablename__ = "certifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    scheme_code: Mapped[str] = mapped_column(ForeignKey("certification_schemes.code"))
    issuer: Mapped[str | None] = mapped_column(String(160))
    number: Mapped[str] = mapped_column(String(80))
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(10), default="self")
    seeker: Mapped[SeekerProfile] = relationship(back_populates="certifications")
    scheme = relationship("CertificationScheme")
    __table_args__ = (
        CheckConstraint(check_in("status", VERIFICATION_STATUSES), name="status"),
        CheckConstraint(check_in("source", ("self", "import", "training", "demo")), name="source"),
        CheckConstraint("expires_on IS NULL OR expires_on >= issued_on", name="dates_ordered"),
    )


class Document(Timestamped, db.Model):
    """A document for departure, verified by a coordinator; may belong to one placement."""
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    number_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    seeker: Mapped[SeekerProfile] = relationship(back_populates="documents")
    __table_args__ = (
        CheckConstraint(check_in("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint(check_in("status", VERIFICATION_STATUSES), name="status"),
    )


class Consent(db.Model):
    """Consent for one purpose; withdrawing sets `withdrawn_at`, a new grant is a new row."""
    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    granted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    given_by: Mapped[str] = mapped_column(String(10), default="self")
    seeker: Mapped[SeekerProfile] = relationship(back_populates="consents")
    __table_args__ = (
        CheckConstraint(check_in("purpose", CONSENT_PURPOSES), name="purpose"),
        CheckConstraint(check_in("given_by", ("self", "guardian", "import")), name="given_by"),
    )


class PreferredCountry(db.Model):
    __tablename__ = "seeker_preferred_countries"
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), primary_key=True)


class PreferredSector(db.Model):
    __tablename__ = "seeker_preferred_sectors"
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), primary_key=True)
    sector_code: Mapped[str] = mapped_column(ForeignKey("sectors.code"), primary_key=True)


class ErasureRequest(db.Model):
    __tablename__ = "erasure_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int | None] = mapped_column(ForeignKey("seekers.id", ondelete="SET NULL"), index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default="requested")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint(check_in("status", ERASURE_STATUSES), name="status"),)


class AnonymousRecord(db.Model):
    """What remains of an erased seeker: counts for statistics, nothing that identifies."""
    __tablename__ = "anonymous_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    kelurahan_code: Mapped[str | None] = mapped_column(ForeignKey("kelurahan.code"))
    age_band: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(20))
    erased_on: Mapped[date] = mapped_column(Date)


class ReviewRequest(db.Model):
    """A seeker's request for a human to review an automated ranking (UU 27/2022)."""
    __tablename__ = "review_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    opening_id: Mapped[int | None] = mapped_column(ForeignKey("openings.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    response: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint(check_in("status", REVIEW_STATUSES), name="status"),)
