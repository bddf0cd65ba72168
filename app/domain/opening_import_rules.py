"""Rules of the openings import beyond one record's fields: who the record names, and what its status demands.

Pure: the stored partner cities, employers and openings come in as plain facts; problems come out as
reason codes on the record's fields.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.opening_legality import (
    AGE_RANGE_LAWFUL,
    AGREEMENT_ACTIVE,
    CERTIFICATION_REQUIRED,
    CONTRACT_FIELDS_COMPLETE,
    DESTINATION,
    EMPLOYER_VERIFIED,
    NO_WORKER_FEE,
    WAGE_PRESENT,
    CheckResult,
    failed,
    submission_blockers,
)
from app.domain.opening_records import OpeningRecord
from app.domain.seeker_fields import Problem


@dataclass(frozen=True)
class StoredCity:
    id: int
    name: str
    country_code: str


@dataclass(frozen=True)
class StoredEmployer:
    id: int
    legal_name: str
    partner_city_id: int


@dataclass(frozen=True)
class StoredOpening:
    id: int
    employer_id: int
    status: str


@dataclass(frozen=True)
class Directory:
    """What the database holds that a record may name: cities and employers by name, openings by ref."""
    cities: tuple[StoredCity, ...]
    employers: tuple[StoredEmployer, ...]
    openings: Mapping[str, StoredOpening]


@dataclass(frozen=True)
class Channel:
    """Where a valid record goes; an id of None means the import creates that city or employer."""
    city_id: int | None
    employer_id: int | None
    opening_id: int | None


def name_key(name: str) -> str:
    """Names are matched whatever their case and spacing: "PT  Maju" is "pt maju"."""
    return " ".join(name.split()).casefold()


def plan_channel(record: OpeningRecord, directory: Directory, create_missing: bool
                 ) -> tuple[Channel | None, list[Problem]]:
    """The partner city, employer and stored opening the record names, or why they cannot be used."""
    problems: list[Problem] = []
    city_id, city_known = _city(record, directory, create_missing, problems)
    employer_id = _employer(record, directory, city_id, city_known, create_missing, problems)
    stored = directory.openings.get(record.ref)
    if stored is not None and stored.status == "closed":
        problems.append(Problem("ref", "REF_CLOSED"))
    elif stored is not None and not problems and stored.employer_id != employer_id:
        problems.append(Problem("ref", "REF_OF_OTHER_EMPLOYER"))
    if problems:
        return None, problems
    return Channel(city_id, employer_id, stored.id if stored else None), []


def _city(record: OpeningRecord, directory: Directory, create_missing: bool,
          problems: list[Problem]) -> tuple[int | None, bool]:
    """(the city's id or None, whether the city is settled: found, or to be created)."""
    named = [c for c in directory.cities if name_key(c.name) == name_key(record.partner_city)]
    here = [c for c in named if c.country_code == record.country_code]
    if len(here) > 1:
        problems.append(Problem("partner_city", "PARTNER_CITY_AMBIGUOUS", {"ids": [c.id for c in here]}))
    elif here:
        return here[0].id, True
    elif named:
        problems.append(Problem("partner_city", "PARTNER_CITY_COUNTRY",
                                {"countries": sorted({c.country_code for c in named}),
                                 "country": record.country_code}))
    elif create_missing:
        return None, True
    else:
        problems.append(Problem("partner_city", "UNKNOWN_PARTNER_CITY", {"name": record.partner_city}))
    return None, False


def _employer(record: OpeningRecord, directory: Directory, city_id: int | None, city_known: bool,
              create_missing: bool, problems: list[Problem]) -> int | None:
    named = [e for e in directory.employers if name_key(e.legal_name) == name_key(record.employer)]
    here = [e for e in named if city_id is not None and e.partner_city_id == city_id]
    if len(here) > 1:
        problems.append(Problem("employer", "EMPLOYER_AMBIGUOUS", {"ids": [e.id for e in here]}))
    elif here:
        return here[0].id
    elif named and city_known:
        cities = {c.id: c.name for c in directory.cities}
        problems.append(Problem("employer", "EMPLOYER_OF_OTHER_CITY",
                                {"cities": sorted({cities.get(e.partner_city_id, "?") for e in named})}))
    elif not named and not create_missing:
        problems.append(Problem("employer", "UNKNOWN_EMPLOYER", {"name": record.employer}))
    return None


# --- what the status demands ------------------------------------------------------------------------------

# The record's field each contract item the law requires is read from.
CONTRACT_ITEM_FIELDS = {"employer": ("employer",), "job": ("title", "isco_code"),
                        "wage": ("monthly_wage", "currency"), "hours": ("hours_per_week",),
                        "leave": ("annual_leave_days",), "insurance": ("insurance",),
                        "duration": ("contract_months",)}
_RECORD_VALUES = {"title": "title", "isco_code": "occupation_code", "monthly_wage": "monthly_wage",
                  "currency": "currency"}


def checks_for(status: str, results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed legality checks that refuse a record of this status: all of them for `approved`, those
    that stop an employer's submission for `submitted`, none for a `draft`."""
    if status == "approved":
        return failed(results)
    if status == "submitted":
        return submission_blockers(results)
    return []


def legality_problems(record: OpeningRecord, results: Iterable[CheckResult]) -> list[Problem]:
    """The failed checks that refuse this record, each on the field that would fix it, once per field."""
    problems: dict[str, Problem] = {}
    for result in checks_for(record.status, results):
        for problem in _problems_of(record, result):
            problems.setdefault(problem.field, problem)
    return list(problems.values())


def _problems_of(record: OpeningRecord, result: CheckResult) -> list[Problem]:
    data = result.data
    if result.code == DESTINATION:
        where = {"country": data.get("country"), "sector": data.get("sector"), "on": data.get("on")}
        if data.get("status") == "blocked":
            return [Problem("country", "DESTINATION_BLOCKED", {**where, "source": data.get("source") or ""})]
        return [Problem("caution_justification", "DESTINATION_NEEDS_JUSTIFICATION", where)]
    if result.code == CONTRACT_FIELDS_COMPLETE:
        return [Problem(_missing_field(record, item), "CONTRACT_FIELD_MISSING", {"item": item})
                for item in data.get("missing", [])]
    simple = {
        EMPLOYER_VERIFIED: ("employer", "EMPLOYER_NOT_VERIFIED"),
        AGREEMENT_ACTIVE: ("partner_city", "AGREEMENT_NOT_ACTIVE"),
        WAGE_PRESENT: (_missing_field(record, "wage"), "WAGE_MISSING"),
        NO_WORKER_FEE: ("worker_costs", "WORKER_FEE"),
        AGE_RANGE_LAWFUL: ("min_age", "AGE_RANGE_UNLAWFUL"),
        CERTIFICATION_REQUIRED: ("required_certifications", "CERTIFICATION_REQUIRED"),
    }
    field_name, code = simple.get(result.code, ("-", result.code))
    return [Problem(field_name, code, dict(data))]


def _missing_field(record: OpeningRecord, item: str) -> str:
    """The first of the item's fields the record leaves empty (the first field when none is)."""
    fields = CONTRACT_ITEM_FIELDS[item]
    empty = [name for name in fields if name in _RECORD_VALUES and getattr(record, _RECORD_VALUES[name]) in (None, "")]
    return (empty or fields)[0]
