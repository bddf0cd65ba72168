"""One imported opening record, checked field by field: typed values or reason codes, never words.

A record maps field names to JSON values (CSV cells arrive as text). List fields take a list, or one
text of `;`-separated items; `language` is `{test, min_level}`, `TEST:LEVEL` or empty. This module reads
the values, and refuses what it cannot read or the database cannot hold; the rules of the web form (an
adult minimum age, positive positions, at most 84 hours…) are left to the opening's own terms check.
"""
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import pycountry

from app.domain.seeker_fields import Problem, RecordFields
from app.domain.seeker_record_lists import COUNTRY_CODES, level_spelling
from app.domain.skills import normalise_term

FIELDS = ("ref", "employer", "partner_city", "country", "title", "isco_code", "sector", "positions",
          "required_certifications", "required_skills", "important_skills", "preferred_skills", "language",
          "min_education", "min_age", "max_age", "start_date", "contract_months", "monthly_wage", "currency",
          "hours_per_week", "annual_leave_days", "insurance", "accommodation", "worker_costs", "status",
          "caution_justification", "deadline", "description")
REQUIRED = ("ref", "employer", "partner_city", "country", "title", "sector", "positions", "status")
STATUSES = ("draft", "submitted", "approved")
SKILL_FIELDS = {"must": "required_skills", "important": "important_skills", "nice": "preferred_skills"}
# The columns' sizes: a longer value would be cut or refused by the database.
LENGTHS = {"ref": 64, "employer": 200, "partner_city": 120, "title": 200, "skill": 120, "insurance": 2000,
           "accommodation": 2000, "caution_justification": 2000, "description": 10000}
MAX_AMOUNTS = {"monthly_wage": Decimal("9999999999.99"), "worker_costs": Decimal("999999999999.99")}
MAX_AGE = 99
MAX_INTEGER = 2**31 - 1
CURRENCY_CODES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
_AMOUNT = re.compile(r"-?\d+(\.\d{1,2})?")
_INTEGER = re.compile(r"-?\d+")

__all__ = ["FIELDS", "REQUIRED", "OpeningLookups", "OpeningRecord", "Problem", "check_record", "check_records",
           "field_order"]


@dataclass(frozen=True)
class OpeningLookups:
    """The reference data a record is checked against; code maps are keyed by the casefolded code."""
    sector_codes: Mapping[str, str]
    scheme_codes: Mapping[str, str]
    education_codes: Mapping[str, str]
    occupation_codes: frozenset[str]  # ISCO-08 unit groups (4 digits)
    language_tests: Mapping[str, str]
    language_levels: Mapping[tuple[str, str], int]  # (test code, level spelling) -> level id


@dataclass(frozen=True)
class OpeningRecord:
    ref: str
    employer: str
    partner_city: str
    country_code: str
    title: str
    occupation_code: str | None
    sector_code: str
    positions: int
    scheme_codes: tuple[str, ...]
    skills: Mapping[str, tuple[str, ...]]  # importance (must, important, nice) -> terms as typed
    language_level_id: int | None
    min_education_code: str | None
    min_age: int
    max_age: int | None
    start_date: date | None
    contract_months: int | None
    monthly_wage: Decimal | None
    currency: str | None
    hours_per_week: int | None
    annual_leave_days: int | None
    insurance: str | None
    accommodation: str | None
    worker_costs_idr: Decimal
    status: str
    caution_justification: str | None
    deadline: date | None
    description: str | None


def check_record(raw: Mapping, lookups: OpeningLookups) -> tuple[OpeningRecord | None, list[Problem]]:
    """The typed record, or None and every problem found in it, in field order."""
    f = RecordFields(raw)
    for name in raw:
        if name not in FIELDS:
            f.refuse(name, "UNKNOWN_FIELD")
    status = _status(f)
    values = {
        "ref": f.text("ref", max_length=LENGTHS["ref"]),
        "employer": f.text("employer", max_length=LENGTHS["employer"]),
        "partner_city": f.text("partner_city", max_length=LENGTHS["partner_city"]),
        "country_code": _country(f),
        "title": f.text("title", max_length=LENGTHS["title"]),
        "occupation_code": _occupation(f, lookups),
        "sector_code": f.code("sector", lookups.sector_codes, "UNKNOWN_SECTOR"),
        "positions": _integer(f, "positions", required=True),
        "scheme_codes": _schemes(f, lookups),
        "skills": {importance: _skills(f, name) for importance, name in SKILL_FIELDS.items()},
        "language_level_id": _language(f, lookups),
        "min_education_code": f.code("min_education", lookups.education_codes, "UNKNOWN_EDUCATION", required=False),
        # The law's floor is the form's default too: an empty minimum age means 18, never younger.
        "min_age": _integer(f, "min_age", maximum=MAX_AGE, default=18),
        "max_age": _integer(f, "max_age", maximum=MAX_AGE),
        "start_date": f.date("start_date", required=False),
        "contract_months": _integer(f, "contract_months"),
        "monthly_wage": _amount(f, "monthly_wage"),
        "currency": _currency(f),
        "hours_per_week": _integer(f, "hours_per_week"),
        "annual_leave_days": _integer(f, "annual_leave_days"),
        "insurance": _long_text(f, "insurance"),
        "accommodation": _long_text(f, "accommodation"),
        # As on the web form, no stated cost is no cost; the approval check still reads it.
        "worker_costs_idr": _amount(f, "worker_costs", default=Decimal(0)),
        "status": status,
        "caution_justification": _justification(f, status),
        "deadline": f.date("deadline", required=False),
        "description": _long_text(f, "description"),
    }
    problems = sorted(f.problems, key=field_order)
    if problems:
        return None, problems
    return OpeningRecord(**values), []


def check_records(records: list[tuple[int, Mapping]], lookups: OpeningLookups
                  ) -> tuple[list[tuple[int, OpeningRecord]], dict[int, list[Problem]]]:
    """Every record of a file: the valid ones with their line, and the problems of the others by line.

    A ref on two lines refuses both lines: --skip-invalid never guesses which one was meant."""
    valid, problems = [], defaultdict(list)
    for line, raw in records:
        record, found = check_record(raw, lookups)
        if found:
            problems[line] += found
        else:
            valid.append((line, record))
    for line, found in _repeated_refs(records).items():
        problems[line].append(found)
    return [(line, record) for line, record in valid if line not in problems], dict(problems)


def _repeated_refs(records: list[tuple[int, Mapping]]) -> dict[int, Problem]:
    lines_of: dict[str, list[int]] = defaultdict(list)
    for line, raw in records:
        ref = raw.get("ref")
        if isinstance(ref, str | int) and not isinstance(ref, bool) and str(ref).strip():
            lines_of[" ".join(str(ref).split())].append(line)
    return {line: Problem("ref", "REF_REPEATED", {"lines": [other for other in lines if other != line]})
            for lines in lines_of.values() if len(lines) > 1 for line in lines}


def field_order(problem: Problem) -> int:
    """Where a problem's field stands in FIELDS, for listing a record's problems in the file's order."""
    name = re.split(r"[\[.]", problem.field, maxsplit=1)[0]
    return FIELDS.index(name) if name in FIELDS else -1


def _status(f: RecordFields) -> str | None:
    value = f.text("status")
    if value is not None and value.casefold() not in STATUSES:
        return f.refuse("status", "STATUS_INVALID", value=value)
    return value.casefold() if value else None


def _country(f: RecordFields) -> str | None:
    value = f.text("country")
    if value is not None and value.upper() not in COUNTRY_CODES:
        return f.refuse("country", "UNKNOWN_COUNTRY", code=value)
    return value.upper() if value else None


def _currency(f: RecordFields) -> str | None:
    value = f.text("currency", required=False)
    if value is not None and value.upper() not in CURRENCY_CODES:
        return f.refuse("currency", "UNKNOWN_CURRENCY", code=value)
    return value.upper() if value else None


def _occupation(f: RecordFields, lookups: OpeningLookups) -> str | None:
    value = f.text("isco_code", required=False)
    if value is not None and value not in lookups.occupation_codes:
        return f.refuse("isco_code", "UNKNOWN_OCCUPATION", code=value)
    return value


def _long_text(f: RecordFields, name: str) -> str | None:
    """Free text keeps its lines (a description has paragraphs); only its ends are trimmed."""
    if not f.present(name, False):
        return None
    value = f.raw[name]
    if not isinstance(value, str):
        return f.refuse(name, "WRONG_TYPE", expected="text")
    value = value.strip()
    if len(value) > LENGTHS[name]:
        return f.refuse(name, "TOO_LONG", max=LENGTHS[name])
    return value


def _justification(f: RecordFields, status: str | None) -> str | None:
    value = _long_text(f, "caution_justification")
    if value is not None and status in ("draft", "submitted"):
        return f.refuse("caution_justification", "JUSTIFICATION_WITHOUT_APPROVAL")
    return value


def _integer(f: RecordFields, name: str, required: bool = False, maximum: int = MAX_INTEGER,
             default: int | None = None) -> int | None:
    if not f.present(name, required):
        return default
    value = f.raw[name]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return f.refuse(name, "INTEGER_FORMAT")
    if abs(value) > maximum:
        return f.refuse(name, "NUMBER_TOO_LARGE", max=maximum)
    return value


def _amount(f: RecordFields, name: str, default: Decimal | None = None) -> Decimal | None:
    if not f.present(name, False):
        return default
    value = f.raw[name]
    try:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise InvalidOperation
        text = str(value).strip() if isinstance(value, str) else format(Decimal(str(value)), "f")
        if not _AMOUNT.fullmatch(text):
            raise InvalidOperation
        amount = Decimal(text)
    except InvalidOperation:
        return f.refuse(name, "AMOUNT_FORMAT")
    if abs(amount) > MAX_AMOUNTS[name]:
        return f.refuse(name, "NUMBER_TOO_LARGE", max=MAX_AMOUNTS[name])
    return amount


def _schemes(f: RecordFields, lookups: OpeningLookups) -> tuple[str, ...]:
    found: list[str] = []
    for i, item in enumerate(f.items("required_certifications"), 1):
        code = lookups.scheme_codes.get(str(item).casefold()) if isinstance(item, str) else None
        if code is None:
            f.refuse(f"required_certifications[{i}]", "UNKNOWN_SCHEME", code=str(item))
        elif code not in found:
            found.append(code)
    return tuple(found)


def _skills(f: RecordFields, name: str) -> tuple[str, ...]:
    found: list[str] = []
    for i, item in enumerate(f.items(name), 1):
        if not isinstance(item, str):
            f.refuse(f"{name}[{i}]", "WRONG_TYPE", expected="text")
        elif len(normalise_term(item)) > LENGTHS["skill"]:
            f.refuse(f"{name}[{i}]", "TOO_LONG", max=LENGTHS["skill"])
        elif normalise_term(item):
            found.append(item)
    return tuple(found)


def _language(f: RecordFields, lookups: OpeningLookups) -> int | None:
    """`{test, min_level}`, or `TEST:LEVEL` as a spreadsheet writes it; empty or null for none."""
    if not f.present("language", False):
        return None
    item = f.raw["language"]
    if isinstance(item, str) and ":" in item:
        item = dict(zip(("test", "min_level"), (part.strip() for part in item.split(":", 1)), strict=True))
    if not (isinstance(item, dict) and set(item) == {"test", "min_level"}
            and all(isinstance(v, str | int | float) and str(v).strip() for v in item.values())):
        return f.refuse("language", "LANGUAGE_FORMAT")
    test = lookups.language_tests.get(str(item["test"]).strip().casefold())
    if test is None:
        return f.refuse("language", "UNKNOWN_LANGUAGE_TEST", test=str(item["test"]))
    level_id = lookups.language_levels.get((test, level_spelling(item["min_level"])))
    if level_id is None:
        return f.refuse("language", "UNKNOWN_LANGUAGE_LEVEL", test=test, level=str(item["min_level"]))
    return level_id
