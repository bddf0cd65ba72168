"""The documents a seeker provides for departure: what each one asks for, and its numbers.

Pure: values in, reason codes out.
"""
import re
from dataclasses import dataclass
from datetime import date

from app.domain.certificates import Problem, check_dates

REQUIRED, OPTIONAL, ABSENT = "required", "optional", "absent"


@dataclass(frozen=True)
class KindSpec:
    number: str  # REQUIRED or ABSENT
    issued_on: str
    expires_on: str


# The documents a seeker uploads themselves; the others (visa, contracts) come with a placement.
SEEKER_DOCUMENTS = {
    "passport": KindSpec(number=REQUIRED, issued_on=REQUIRED, expires_on=REQUIRED),
    "health_certificate": KindSpec(number=ABSENT, issued_on=REQUIRED, expires_on=OPTIONAL),
    "bpjs": KindSpec(number=REQUIRED, issued_on=OPTIONAL, expires_on=OPTIONAL),
    "family_permission": KindSpec(number=ABSENT, issued_on=REQUIRED, expires_on=ABSENT),
    "marital_status": KindSpec(number=ABSENT, issued_on=REQUIRED, expires_on=ABSENT),
    "opp_certificate": KindSpec(number=ABSENT, issued_on=REQUIRED, expires_on=ABSENT),
}

# Indonesian passports print 1 or 2 letters and 7 digits (E1234567, AB1234567); older and
# special passports differ, so any 6 to 9 letters and digits are accepted.
_PASSPORT = re.compile(r"[A-Z0-9]{6,9}")
# BPJS Ketenagakerjaan membership (KPJ) numbers are 11 digits; newer cards may show the 16-digit NIK.
_BPJS = re.compile(r"[0-9]{11,16}")


def normalise_passport(raw: str | None) -> str:
    """`e 123 4567` → `E1234567`: spaces and hyphens removed, upper case."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def normalise_bpjs(raw: str | None) -> str:
    return re.sub(r"[\s\-.]", "", raw or "")


def normalise_number(kind: str, raw: str | None) -> str:
    return normalise_passport(raw) if kind == "passport" else normalise_bpjs(raw) if kind == "bpjs" else ""


def check_document(kind: str, number: str | None, issued_on: date | None, expires_on: date | None,
                   today: date) -> list[Problem]:
    """Problems with a document a seeker enters: missing parts, number format, dates, expiry."""
    spec = SEEKER_DOCUMENTS[kind]
    problems = []
    if spec.number == REQUIRED:
        problems += _number_problems(kind, normalise_number(kind, number))
    if spec.issued_on == REQUIRED and issued_on is None:
        problems.append(Problem("issued_on", "ISSUED_REQUIRED"))
    if spec.expires_on == REQUIRED and expires_on is None:
        problems.append(Problem("expires_on", "EXPIRY_REQUIRED"))
    elif spec.expires_on != ABSENT and expires_on and expires_on < today:
        problems.append(Problem("expires_on", "ALREADY_EXPIRED"))
    return problems + check_dates(issued_on, expires_on if spec.expires_on != ABSENT else None, today)


def _number_problems(kind: str, number: str) -> list[Problem]:
    if not number:
        return [Problem("number", "NUMBER_REQUIRED")]
    pattern, code = (_PASSPORT, "PASSPORT_FORMAT") if kind == "passport" else (_BPJS, "BPJS_FORMAT")
    return [] if pattern.fullmatch(number) else [Problem("number", code)]
