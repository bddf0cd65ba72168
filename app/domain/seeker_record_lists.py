"""The list fields of an import record: skills, languages, certifications, preferred countries and sectors."""
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import pycountry

from app.domain.seeker_fields import LENGTHS, Lookups, RecordFields
from app.domain.skills import normalise_term

COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)
CERTIFICATION_PARTS = ("scheme", "number", "issued_on", "expires_on", "verified")


@dataclass(frozen=True)
class CertificationRecord:
    scheme_code: str
    number: str
    issued_on: date
    expires_on: date | None
    verified: bool


def skills(f: RecordFields, lookups: Lookups) -> tuple[tuple[str, int | None], ...]:
    """Each word in its normal form, mapped to the vocabulary's term when it is a known spelling."""
    found: dict[str, int | None] = {}
    for i, item in enumerate(f.items("skills"), 1):
        where = f"skills[{i}]"
        if not isinstance(item, str | int) or isinstance(item, bool):
            f.refuse(where, "WRONG_TYPE", expected="text")
            continue
        term = normalise_term(str(item))
        if len(term) > LENGTHS["skill"]:
            f.refuse(where, "TOO_LONG", max=LENGTHS["skill"])
            continue
        if term:
            canonical, skill_id = lookups.skill_aliases.get(term, (term, None))
            found.setdefault(canonical, skill_id)
    return tuple(found.items())


def level_spelling(level) -> str:
    """A level as its test writes it: 6.0 and "6.0" are IELTS "6", 2 is TOPIK "2", "n4" is "N4"."""
    text = str(level).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text.casefold()
    return format(number.normalize(), "f") if number.is_finite() else text.casefold()


def _is_language_item(item) -> bool:
    return isinstance(item, dict) and set(item) == {"test", "level"} and all(
        value not in ("", None) for value in item.values())


def languages(f: RecordFields, lookups: Lookups) -> tuple[int, ...]:
    found: list[int] = []
    for i, item in enumerate(f.items("languages"), 1):
        where = f"languages[{i}]"
        if isinstance(item, str) and ":" in item:
            item = dict(zip(("test", "level"), (part.strip() for part in item.split(":", 1)), strict=True))
        if not _is_language_item(item):
            f.refuse(where, "LANGUAGE_FORMAT")
            continue
        test = lookups.language_tests.get(str(item["test"]).strip().casefold())
        if test is None:
            f.refuse(where, "UNKNOWN_LANGUAGE_TEST", test=str(item["test"]))
            continue
        level_id = lookups.language_levels.get((test, level_spelling(item["level"])))
        if level_id is None:
            f.refuse(where, "UNKNOWN_LANGUAGE_LEVEL", test=test, level=str(item["level"]))
        elif level_id not in found:
            found.append(level_id)
    return tuple(found)


def certifications(f: RecordFields, lookups: Lookups) -> tuple[CertificationRecord, ...]:
    found: list[CertificationRecord] = []
    for i, item in enumerate(f.items("certifications"), 1):
        where = f"certifications[{i}]"
        if isinstance(item, str):
            parts = [part.strip() for part in item.split("|")]
            if len(parts) not in (4, 5):
                f.refuse(where, "CERTIFICATION_FORMAT", parts=len(parts))
                continue
            item = dict(zip(CERTIFICATION_PARTS, parts, strict=False))
        if not isinstance(item, dict):
            f.refuse(where, "CERTIFICATION_FORMAT", parts=1)
            continue
        certification = _certification(f, item, where, lookups)
        if certification is None:
            continue
        if any((c.scheme_code, c.number) == (certification.scheme_code, certification.number) for c in found):
            f.refuse(where, "CERTIFICATION_REPEATED")
        else:
            found.append(certification)
    return tuple(found)


def _certification(outer: RecordFields, item: Mapping, where: str, lookups: Lookups) -> CertificationRecord | None:
    f = RecordFields(item, where + ".")
    for name in item:
        if name not in CERTIFICATION_PARTS:
            f.refuse(name, "UNKNOWN_FIELD")
    scheme = f.code("scheme", lookups.scheme_codes, "UNKNOWN_SCHEME")
    number = f.text("number", max_length=LENGTHS["number"])
    issued_on, expires_on = f.date("issued_on"), f.date("expires_on", required=False)
    verified = f.flag("verified", required=False)
    if issued_on and issued_on > lookups.today:
        f.refuse("issued_on", "DATE_IN_FUTURE")
    if issued_on and expires_on and expires_on < issued_on:
        f.refuse("expires_on", "EXPIRES_BEFORE_ISSUED")
    outer.problems.extend(f.problems)
    if f.problems:
        return None
    return CertificationRecord(scheme, number, issued_on, expires_on, bool(verified))


def countries(f: RecordFields) -> tuple[str, ...]:
    found: list[str] = []
    for i, item in enumerate(f.items("preferred_countries"), 1):
        code = str(item).upper()
        if code not in COUNTRY_CODES:
            f.refuse(f"preferred_countries[{i}]", "UNKNOWN_COUNTRY", code=str(item))
        elif code not in found:
            found.append(code)
    return tuple(found)


def sectors(f: RecordFields, lookups: Lookups) -> tuple[str, ...]:
    found: list[str] = []
    for i, item in enumerate(f.items("preferred_sectors"), 1):
        code = lookups.sector_codes.get(str(item).casefold())
        if code is None:
            f.refuse(f"preferred_sectors[{i}]", "UNKNOWN_SECTOR", code=str(item))
        elif code not in found:
            found.append(code)
    return tuple(found)
