"""Reference data: places, occupations, schemes, languages, education, sectors, skills, destination rules."""
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.vocab import RULE_STATUSES, check_in
from app.extensions import db
from app.models._base import Timestamped


class Province(db.Model):
    __tablename__ = "provinces"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))


class Regency(db.Model):
    """Other regencies (kabupaten) of Bangka Belitung, for seekers living outside the city."""
    __tablename__ = "regencies"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))


class Kecamatan(db.Model):
    __tablename__ = "kecamatan"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    bps_code: Mapped[str | None] = mapped_column(String(10))
    kelurahan: Mapped[list["Kelurahan"]] = relationship(back_populates="kecamatan", order_by="Kelurahan.name")


class Kelurahan(db.Model):
    __tablename__ = "kelurahan"
    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kecamatan_code: Mapped[str] = mapped_column(ForeignKey("kecamatan.code"))
    bps_code: Mapped[str | None] = mapped_column(String(12))
    is_binaan: Mapped[bool] = mapped_column(default=False)
    kecamatan: Mapped[Kecamatan] = relationship(back_populates="kelurahan")


class Occupation(db.Model):
    """ISCO-08 groups with their KBJI 2014 Indonesian titles."""
    __tablename__ = "occupations"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    level: Mapped[str] = mapped_column(String(12))
    title_en: Mapped[str] = mapped_column(String(200))
    title_id: Mapped[str | None] = mapped_column(String(200))


class OccupationTitle(db.Model):
    """Job titles (KBJI jabatan, ESCO occupations) under an ISCO unit group, for search."""
    __tablename__ = "occupation_titles"
    id: Mapped[int] = mapped_column(primary_key=True)
    occupation_code: Mapped[str] = mapped_column(ForeignKey("occupations.code"), index=True)
    title: Mapped[str] = mapped_column(String(250))
    lang: Mapped[str] = mapped_column(String(2))
    source: Mapped[str] = mapped_column(String(10))
    source_code: Mapped[str | None] = mapped_column(String(200))


class Sector(db.Model):
    __tablename__ = "sectors"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_id: Mapped[str] = mapped_column(String(80))


class EducationLevel(db.Model):
    __tablename__ = "education_levels"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    name_en: Mapped[str] = mapped_column(String(80))
    name_id: Mapped[str] = mapped_column(String(80))


class KkniLevel(db.Model):
    __tablename__ = "kkni_levels"
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    group: Mapped[str] = mapped_column(String(20))
    education_equivalence: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str] = mapped_column(Text)
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 9", name="level_range"),)


class CertificationScheme(db.Model):
    __tablename__ = "certification_schemes"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"))
    issuer_type: Mapped[str] = mapped_column(Text)
    kkni_level: Mapped[int | None] = mapped_column(ForeignKey("kkni_levels.level"))
    typical_destination: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class LanguageTest(db.Model):
    __tablename__ = "language_tests"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(40))
    levels: Mapped[list["LanguageLevel"]] = relationship(back_populates="test", order_by="LanguageLevel.rank")


class LanguageLevel(db.Model):
    """One level of a test; `rank` orders the levels of one test, lowest first."""
    __tablename__ = "language_levels"
    id: Mapped[int] = mapped_column(primary_key=True)
    test_code: Mapped[str] = mapped_column(ForeignKey("language_tests.code"))
    code: Mapped[str] = mapped_column(String(20))
    rank: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    cefr: Mapped[str | None] = mapped_column(String(8))
    test: Mapped[LanguageTest] = relationship(back_populates="levels")
    __table_args__ = (
        UniqueConstraint("test_code", "code"),
        UniqueConstraint("test_code", "rank"),
    )


class Skill(db.Model):
    """A canonical skill term (English, normalised) with its Indonesian label."""
    __tablename__ = "skills"
    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(120), unique=True)
    label_id: Mapped[str] = mapped_column(String(120))
    sector_code: Mapped[str | None] = mapped_column(String(30))
    # Who added a term beyond the shipped vocabulary (a user id; the audit log has the details).
    # Deliberately no foreign key: vocabulary outlives accounts, and reference tables never depend on users.
    added_by_id: Mapped[int | None] = mapped_column(Integer)
    aliases: Mapped[list["SkillAlias"]] = relationship(back_populates="skill", cascade="all, delete-orphan")


class SkillAlias(db.Model):
    """A normalised spelling (Indonesian, English, typing variant) that means a skill."""
    __tablename__ = "skill_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(120), unique=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    skill: Mapped[Skill] = relationship(back_populates="aliases")


class DestinationRule(Timestamped, db.Model):
    """Whether placement to a country (and optionally one sector) is allowed, dated and sourced."""
    __tablename__ = "destination_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    country_name: Mapped[str] = mapped_column(String(80))
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"))
    status: Mapped[str] = mapped_column(String(10))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint(check_in("status", RULE_STATUSES), name="status"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_range"),
    )
