"""One imported seeker record, checked field by field: typed values or reason codes, never words.

A record maps field names to JSON values (CSV cells arrive as text). List fields take a list, or one
text of `;`-separated items; a language item is `{test, level}` or `TEST:LEVEL`, a certification
`{scheme, number, issued_on, expires_on, verified}` or `scheme|number|issued_on|expires_on|verified`.
"""
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from email_validator import EmailNotValidError, validate_email

from app.domain import seeker_record_lists as lists
from app.domain.clock import whole_years_between
from app.domain.nik import check_nik, normalise_nik, parse_nik
from app.domain.phone import normalise_phone
from app.domain.seeker_fields import LENGTHS, Lookups, Problem, RecordFields
from app.domain.seeker_record_lists import CertificationRecord

__all__ = ["FIELDS", "CertificationRecord", "Lookups", "Problem", "SeekerRecord", "check_record"]

FIELDS = ("ref", "nik", "name", "birth_date", "gender", "kelurahan_code", "email", "phone", "education",
          "experience_years", "skills", "languages", "certifications", "preferred_countries", "preferred_sectors",
          "consent_matching", "guardian_consent")
REQUIRED = ("ref", "nik", "name", "birth_date", "gender", "kelurahan_code", "education", "experience_years",
            "consent_matching")
MIN_IMPORT_AGE = 15
ADULT_AGE = 18
MAX_EXPERIENCE_YEARS = 60


@dataclass(frozen=True)
class SeekerRecord:
    ref: str
    nik: str
    full_name: str
    birth_date: date
    gender: str
    kelurahan_code: str
    email: str | None
    phone: str | None
    education_code: str
    experience_years: Decimal
    skills: tuple[tuple[str, int | None], ...]
    language_level_ids: tuple[int, ...]
    certifications: tuple[CertificationRecord, ...]
    preferred_countries: tuple[str, ...]
    preferred_sectors: tuple[str, ...]
    consent_matching: bool
    guardian_consent: bool
    is_minor: bool


def check_record(raw: Mapping, lookups: Lookups) -> tuple[SeekerRecord | None, list[Problem]]:
    """The typed record, or None and every problem found in it, in field order."""
    f = RecordFields(raw)
    for name in raw:
        if name not in FIELDS:
            f.refuse(name, "UNKNOWN_FIELD")
    values = {
        "ref": f.text("ref", max_length=LENGTHS["ref"]),
        "nik": f.text("nik"),
        "full_name": f.text("name", max_length=LENGTHS["name"]),
        "birth_date": f.date("birth_date"),
        "gender": _gender(f),
        "kelurahan_code": _kelurahan(f, lookups),
        "email": _email(f),
        "phone": _phone(f),
        "education_code": f.code("education", lookups.education_codes, "UNKNOWN_EDUCATION"),
        "experience_years": _experience(f),
        "skills": lists.skills(f, lookups),
        "language_level_ids": lists.languages(f, lookups),
        "certifications": lists.certifications(f, lookups),
        "preferred_countries": lists.countries(f),
        "preferred_sectors": lists.sectors(f, lookups),
        "consent_matching": f.flag("consent_matching"),
        "guardian_consent": bool(f.flag("guardian_consent", required=False)),
    }
    values["is_minor"] = _check_person(f, values, lookups)
    problems = sorted(f.problems, key=_field_order)
    if problems:
        return None, problems
    return SeekerRecord(**values), []


def _field_order(problem: Problem) -> int:
    name = re.split(r"[\[.]", problem.field, maxsplit=1)[0]
    return FIELDS.index(name) if name in FIELDS else -1


def _gender(f: RecordFields) -> str | None:
    value = f.text("gender")
    if value is not None and value.upper() not in ("F", "M"):
        return f.refuse("gender", "GENDER_INVALID", value=value)
    return value.upper() if value else None


def _kelurahan(f: RecordFields, lookups: Lookups) -> str | None:
    value = f.text("kelurahan_code")
    if value is not None and value not in lookups.kelurahan_codes:
        return f.refuse("kelurahan_code", "UNKNOWN_KELURAHAN", code=value)
    return value


def _email(f: RecordFields) -> str | None:
    value = f.text("email", required=False, max_length=LENGTHS["email"])
    if value is None:
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return f.refuse("email", "EMAIL_INVALID")
    return value.lower()


def _phone(f: RecordFields) -> str | None:
    value = f.text("phone", required=False)
    if value is None:
        return None
    return normalise_phone(value) or f.refuse("phone", "PHONE_INVALID")


def _experience(f: RecordFields) -> Decimal | None:
    if not f.present("experience_years", True):
        return None
    value = f.raw["experience_years"]
    try:
        # Indonesian spreadsheets write a decimal comma: "2,5" years.
        years = None if isinstance(value, bool) else Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        years = None
    if years is None or not years.is_finite() or not 0 <= years <= MAX_EXPERIENCE_YEARS:
        return f.refuse("experience_years", "EXPERIENCE_INVALID", max=MAX_EXPERIENCE_YEARS)
    return years.quantize(Decimal("0.1"))


def _check_person(f: RecordFields, values: dict, lookups: Lookups) -> bool:
    """NIK against birth date and gender, and the age rules; returns whether the seeker is under 18."""
    born, gender, nik = values["birth_date"], values["gender"], values["nik"]
    if nik is not None:
        if born and gender:
            problems = check_nik(nik, born, gender, lookups.province_codes)
        else:
            problems = parse_nik(nik, lookups.province_codes)[1]
        for problem in problems:
            f.refuse("nik", problem.code, **problem.data)
        values["nik"] = normalise_nik(nik)
    if born is None:
        return False
    age = whole_years_between(born, lookups.today)
    if age < MIN_IMPORT_AGE:
        f.refuse("birth_date", "TOO_YOUNG_TO_REGISTER", min_age=MIN_IMPORT_AGE)
    elif age < ADULT_AGE and not values["guardian_consent"]:
        f.refuse("guardian_consent", "GUARDIAN_CONSENT_NEEDED")
    return age < ADULT_AGE
