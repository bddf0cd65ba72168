"""The terms of an opening: checked against the reference data and the limits, then copied onto the row."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pycountry
from sqlalchemy import select

from app.domain.opening_legality import ADULT_AGE
from app.domain.vocab import SKILL_IMPORTANCE
from app.extensions import db
from app.models import (
    CertificationScheme,
    EducationLevel,
    LanguageLevel,
    Occupation,
    Opening,
    OpeningCertification,
    OpeningSkill,
    Sector,
)
from app.services.profile import resolve_skill_terms
from app.services.registration import Problem

TERM_MAX = 120  # OpeningSkill.term
MAX_HOURS_PER_WEEK = 84  # the database's limit too
SCALAR_TERMS = ("title", "occupation_code", "sector_code", "city", "country_code", "positions", "language_level_id",
                "min_education_code", "min_age", "max_age", "start_date", "contract_months", "hours_per_week",
                "monthly_wage", "currency", "accommodation", "benefits", "worker_costs_idr", "deadline",
                "description", "annual_leave_days", "insurance")


@dataclass
class OpeningTerms:
    """What the employer's form (or an import) says about an opening."""
    title: str
    sector_code: str
    city: str
    country_code: str
    occupation_code: str | None = None
    positions: int = 1
    scheme_codes: list[str] = field(default_factory=list)
    skills: dict[str, list[str]] = field(default_factory=dict)  # importance -> typed terms
    language_level_id: int | None = None
    min_education_code: str | None = None
    min_age: int = 18
    max_age: int | None = None
    start_date: date | None = None
    contract_months: int | None = None
    hours_per_week: int | None = None
    monthly_wage: Decimal | None = None
    currency: str | None = None
    accommodation: str | None = None
    benefits: str | None = None
    worker_costs_idr: Decimal = Decimal(0)
    deadline: date | None = None
    description: str | None = None
    annual_leave_days: int | None = None
    insurance: str | None = None


class TermsRefused(Exception):
    """The terms break a rule; `problems` name the field and a code the web layer words."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


def check_terms(terms: OpeningTerms) -> None:
    """Refuse terms that name unknown reference data or break the limits the database also enforces."""
    problems = [] if (terms.title or "").strip() else [Problem("title", "REQUIRED")]
    references = (
        (Occupation, terms.occupation_code, "occupation", "UNKNOWN_OCCUPATION",
         {"code": terms.occupation_code, "level": "unit"}),
        (Sector, terms.sector_code, "sector_code", "UNKNOWN_SECTOR", {"code": terms.sector_code}),
        (LanguageLevel, terms.language_level_id, "language_level_id", "UNKNOWN_LANGUAGE_LEVEL",
         {"id": terms.language_level_id}),
        (EducationLevel, terms.min_education_code, "min_education_code", "UNKNOWN_EDUCATION",
         {"code": terms.min_education_code}),
    )
    for model, value, field_name, problem, where in references:
        if value not in (None, "") and db.session.scalar(select(model).filter_by(**where)) is None:
            problems.append(Problem(field_name, problem))
    schemes = set(terms.scheme_codes)
    if schemes - set(db.session.scalars(select(CertificationScheme.code).where(CertificationScheme.code.in_(schemes)))):
        problems.append(Problem("scheme_codes", "UNKNOWN_SCHEME"))
    if pycountry.countries.get(alpha_2=(terms.country_code or "").upper()) is None:
        problems.append(Problem("country_code", "UNKNOWN_COUNTRY"))
    if terms.currency and pycountry.currencies.get(alpha_3=terms.currency.upper()) is None:
        problems.append(Problem("currency", "UNKNOWN_CURRENCY"))
    problems += _limit_problems(terms)
    if problems:
        raise TermsRefused(problems)


def _limit_problems(terms: OpeningTerms) -> list[Problem]:
    """The limits the database enforces too, and the ones the law sets (never under 18)."""
    problems = []
    if terms.min_age is None or terms.min_age < ADULT_AGE:
        problems.append(Problem("min_age", "MIN_AGE_UNDER_18"))
    if terms.max_age is not None and terms.min_age is not None and terms.max_age < terms.min_age:
        problems.append(Problem("max_age", "MAX_AGE_BELOW_MIN"))
    if terms.positions is None or terms.positions < 1:
        problems.append(Problem("positions", "POSITIONS_POSITIVE"))
    if terms.worker_costs_idr is not None and terms.worker_costs_idr < 0:
        problems.append(Problem("worker_costs_idr", "NEGATIVE_AMOUNT"))
    if terms.monthly_wage is not None and terms.monthly_wage <= 0:
        problems.append(Problem("monthly_wage", "WAGE_NOT_POSITIVE"))
    if terms.hours_per_week is not None and not 0 < terms.hours_per_week <= MAX_HOURS_PER_WEEK:
        problems.append(Problem("hours_per_week", "HOURS_OUT_OF_RANGE", {"max": MAX_HOURS_PER_WEEK}))
    if terms.contract_months is not None and terms.contract_months < 1:
        problems.append(Problem("contract_months", "CONTRACT_MONTHS_POSITIVE"))
    if terms.annual_leave_days is not None and terms.annual_leave_days < 0:
        problems.append(Problem("annual_leave_days", "NEGATIVE_AMOUNT"))
    if terms.deadline and terms.start_date and terms.deadline > terms.start_date:
        problems.append(Problem("deadline", "DEADLINE_AFTER_START"))
    if any(len(t.strip()) > TERM_MAX for terms_ in terms.skills.values() for t in terms_):
        problems.append(Problem("skills_must", "SKILL_TOO_LONG", {"max": TERM_MAX}))
    return problems


def _clean(name: str, value):
    if isinstance(value, str):
        value = value.strip() or None
        if value and name in ("country_code", "currency"):
            value = value.upper()
    if name == "worker_costs_idr" and value is None:
        value = Decimal(0)
    return value


def apply_terms(opening: Opening, terms: OpeningTerms) -> list[str]:
    """Copy the terms onto the opening; returns the names of what changed."""
    changed = []
    for name in SCALAR_TERMS:
        value = _clean(name, getattr(terms, name))
        current = getattr(opening, name)
        if isinstance(value, Decimal) and current is not None and Decimal(current) == value:
            continue
        if current != value:
            setattr(opening, name, value)
            changed.append(name)
    if _apply_schemes(opening, terms.scheme_codes):
        changed.append("certifications")
    if _apply_skills(opening, terms.skills):
        changed.append("skills")
    return changed


def _apply_schemes(opening: Opening, scheme_codes: list[str]) -> bool:
    wanted, have = set(scheme_codes), {c.scheme_code for c in opening.certifications}
    if wanted == have:
        return False
    # Remove and add only the differences: a row deleted and added again in one flush would clash on its key.
    for row in [c for c in opening.certifications if c.scheme_code not in wanted]:
        opening.certifications.remove(row)
    opening.certifications.extend(OpeningCertification(scheme_code=code) for code in sorted(wanted - have))
    return True


def _wanted_skills(skills: dict[str, list[str]]) -> dict[str, tuple[str, int | None]]:
    """term -> (importance, skill id); a term typed at two levels keeps the higher one."""
    wanted: dict[str, tuple[str, int | None]] = {}
    for importance in SKILL_IMPORTANCE:  # must, important, nice: the first level that names a term wins
        for term, skill_id in resolve_skill_terms(skills.get(importance, [])):
            wanted.setdefault(term, (importance, skill_id))
    return wanted


def _apply_skills(opening: Opening, skills: dict[str, list[str]]) -> bool:
    wanted = _wanted_skills(skills)
    have = {s.term: s for s in opening.skills}
    if {t: (s.importance, s.skill_id) for t, s in have.items()} == wanted:
        return False
    for term, row in have.items():
        if term not in wanted:
            opening.skills.remove(row)
        else:
            row.importance, row.skill_id = wanted[term]
    opening.skills.extend(OpeningSkill(term=term, importance=importance, skill_id=skill_id)
                          for term, (importance, skill_id) in wanted.items() if term not in have)
    return True
