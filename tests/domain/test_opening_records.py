"""One imported opening record checked field by field, the names it gives, and what its status demands."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.destinations import RuleFacts
from app.domain.opening_import_rules import (
    Channel,
    Directory,
    StoredCity,
    StoredEmployer,
    StoredOpening,
    legality_problems,
    plan_channel,
)
from app.domain.opening_legality import OpeningFacts, check_opening
from app.domain.opening_records import FIELDS, REQUIRED, OpeningLookups, check_record, check_records

TODAY = date(2026, 3, 1)
LOOKUPS = OpeningLookups(
    sector_codes={"care": "care", "manufacturing": "manufacturing", "domestic-work": "domestic-work"},
    scheme_codes={"skk-cpmi": "SKK-CPMI", "jp-ssw-care": "JP-SSW-CARE"},
    education_codes={code.casefold(): code for code in ("SD", "SMP", "SMA", "SMK", "D3", "S1")},
    occupation_codes=frozenset({"7212", "5322"}),
    language_tests={"jlpt": "JLPT", "ielts": "IELTS"},
    language_levels={("JLPT", "n4"): 1, ("JLPT", "n3"): 2, ("IELTS", "6"): 3, ("IELTS", "6.5"): 4},
)
VALID = {
    "ref": "OSK-001", "employer": "Osaka Steel KK", "partner_city": "Osaka", "country": "JP", "title": "Welder",
    "isco_code": "7212", "sector": "manufacturing", "positions": 3, "required_certifications": ["SKK-CPMI"],
    "required_skills": ["welding"], "important_skills": ["forklift"], "preferred_skills": [],
    "language": {"test": "JLPT", "min_level": "N4"}, "min_education": "SMK", "min_age": 18, "max_age": 35,
    "start_date": "2026-09-01", "contract_months": 36, "monthly_wage": 230000, "currency": "JPY",
    "hours_per_week": 40, "annual_leave_days": 10, "insurance": "Health and employment insurance",
    "accommodation": "Dormitory", "worker_costs": 0, "status": "approved",
}
# The same record as a spreadsheet writes it: every cell text, lists `;`-separated.
AS_CSV = {**{name: str(value) for name, value in VALID.items()}, "required_certifications": "SKK-CPMI",
          "required_skills": "welding", "important_skills": "forklift", "preferred_skills": "",
          "language": "JLPT:N4"}


def check(**overrides):
    return check_record({**VALID, **overrides}, LOOKUPS)


def test_a_complete_record_is_read_into_typed_values():
    record, problems = check()
    assert problems == []
    assert (record.ref, record.country_code, record.sector_code, record.positions) == ("OSK-001", "JP",
                                                                                       "manufacturing", 3)
    assert record.skills == {"must": ("welding",), "important": ("forklift",), "nice": ()}
    assert (record.language_level_id, record.min_education_code, record.start_date) == (1, "SMK", date(2026, 9, 1))
    assert (record.monthly_wage, record.worker_costs_idr, record.status) == (Decimal(230000), Decimal(0), "approved")


def test_a_csv_row_reads_as_its_json_record():
    assert check_record(AS_CSV, LOOKUPS) == check()


def test_codes_are_read_whatever_their_case():
    record = check(country="jp", currency="jpy", sector="Care", min_education="smk", status="Approved",
                   required_certifications=["skk-cpmi"], language="jlpt:n4")[0]
    assert (record.country_code, record.currency, record.sector_code, record.min_education_code) == (
        "JP", "JPY", "care", "SMK")
    assert (record.status, record.scheme_codes, record.language_level_id) == ("approved", ("SKK-CPMI",), 1)


@pytest.mark.parametrize("overrides, expected", [
    ({"min_age": None}, 18),
    ({"min_age": ""}, 18),
    ({"min_age": "21"}, 21),
    ({"min_age": 21.0}, 21),
])
def test_an_empty_minimum_age_is_the_laws_18(overrides, expected):
    assert check(**overrides)[0].min_age == expected


@pytest.mark.parametrize("value, amount", [(0, Decimal(0)), ("", Decimal(0)), (None, Decimal(0)),
                                           ("1500000", Decimal(1500000)), (1500.5, Decimal("1500.5"))])
def test_worker_costs_are_read_as_rupiah_and_empty_is_none(value, amount):
    assert check(worker_costs=value)[0].worker_costs_idr == amount


def test_no_language_is_none():
    assert check(language=None)[0].language_level_id is None
    assert check_record({**AS_CSV, "language": ""}, LOOKUPS)[0].language_level_id is None


@pytest.mark.parametrize("overrides, expected", [
    ({"ref": None}, [("ref", "MISSING")]),
    ({"ref": "R" * 65}, [("ref", "TOO_LONG")]),
    ({"employer": " "}, [("employer", "MISSING")]),
    ({"employer": "E" * 201}, [("employer", "TOO_LONG")]),
    ({"partner_city": None}, [("partner_city", "MISSING")]),
    ({"partner_city": ["Osaka"]}, [("partner_city", "WRONG_TYPE")]),
    ({"country": "XX"}, [("country", "UNKNOWN_COUNTRY")]),
    ({"country": None}, [("country", "MISSING")]),
    ({"title": ""}, [("title", "MISSING")]),
    ({"title": "T" * 201}, [("title", "TOO_LONG")]),
    ({"isco_code": "9999"}, [("isco_code", "UNKNOWN_OCCUPATION")]),
    ({"sector": "mining"}, [("sector", "UNKNOWN_SECTOR")]),
    ({"sector": None}, [("sector", "MISSING")]),
    ({"positions": None}, [("positions", "MISSING")]),
    ({"positions": "three"}, [("positions", "INTEGER_FORMAT")]),
    ({"positions": 2.5}, [("positions", "INTEGER_FORMAT")]),
    ({"positions": True}, [("positions", "INTEGER_FORMAT")]),
    ({"positions": 2**40}, [("positions", "NUMBER_TOO_LARGE")]),
    ({"required_certifications": ["SKK-CPMI", "NOPE"]}, [("required_certifications[2]", "UNKNOWN_SCHEME")]),
    ({"required_certifications": 5}, [("required_certifications", "WRONG_TYPE")]),
    ({"required_skills": ["welding", "x" * 121]}, [("required_skills[2]", "TOO_LONG")]),
    ({"important_skills": [{"name": "forklift"}]}, [("important_skills[1]", "WRONG_TYPE")]),
    ({"preferred_skills": 7}, [("preferred_skills", "WRONG_TYPE")]),
    ({"language": "JLPTN4"}, [("language", "LANGUAGE_FORMAT")]),
    ({"language": {"test": "JLPT"}}, [("language", "LANGUAGE_FORMAT")]),
    ({"language": {"test": "JLPT", "level": "N4"}}, [("language", "LANGUAGE_FORMAT")]),
    ({"language": "Klingon:1"}, [("language", "UNKNOWN_LANGUAGE_TEST")]),
    ({"language": {"test": "JLPT", "min_level": "N9"}}, [("language", "UNKNOWN_LANGUAGE_LEVEL")]),
    ({"min_education": "SMU"}, [("min_education", "UNKNOWN_EDUCATION")]),
    ({"min_age": "18 tahun"}, [("min_age", "INTEGER_FORMAT")]),
    ({"max_age": 120}, [("max_age", "NUMBER_TOO_LARGE")]),
    ({"start_date": "01/09/2026"}, [("start_date", "DATE_FORMAT")]),
    ({"start_date": "2026-02-30"}, [("start_date", "DATE_IMPOSSIBLE")]),
    ({"contract_months": "3 years"}, [("contract_months", "INTEGER_FORMAT")]),
    ({"monthly_wage": "230.000"}, [("monthly_wage", "AMOUNT_FORMAT")]),
    ({"monthly_wage": "1,500"}, [("monthly_wage", "AMOUNT_FORMAT")]),
    ({"monthly_wage": [230000]}, [("monthly_wage", "AMOUNT_FORMAT")]),
    ({"monthly_wage": 10**13}, [("monthly_wage", "NUMBER_TOO_LARGE")]),
    ({"currency": "YEN"}, [("currency", "UNKNOWN_CURRENCY")]),
    ({"hours_per_week": "forty"}, [("hours_per_week", "INTEGER_FORMAT")]),
    ({"annual_leave_days": "ten"}, [("annual_leave_days", "INTEGER_FORMAT")]),
    ({"insurance": 5}, [("insurance", "WRONG_TYPE")]),
    ({"accommodation": "a" * 2001}, [("accommodation", "TOO_LONG")]),
    ({"worker_costs": "Rp 1.500.000"}, [("worker_costs", "AMOUNT_FORMAT")]),
    ({"status": "published"}, [("status", "STATUS_INVALID")]),
    ({"status": None}, [("status", "MISSING")]),
    ({"status": "draft", "caution_justification": "Checked by the consulate"},
     [("caution_justification", "JUSTIFICATION_WITHOUT_APPROVAL")]),
    ({"deadline": "next month"}, [("deadline", "DATE_FORMAT")]),
    ({"description": 12}, [("description", "WRONG_TYPE")]),
    ({"salary": 230000}, [("salary", "UNKNOWN_FIELD")]),
])
def test_each_bad_value_is_named_with_its_field(overrides, expected):
    record, problems = check(**overrides)
    assert record is None
    assert [(p.field, p.code) for p in problems] == expected


@pytest.mark.parametrize("name", FIELDS)
def test_the_required_fields_are_those_a_csv_header_must_have(name):
    problems = check(**{name: None})[1]
    assert (("MISSING" in {p.code for p in problems}) == (name in REQUIRED))


def test_every_problem_of_a_record_is_reported_at_once_in_field_order():
    assert [(p.field, p.code) for p in check(status="open", ref=None, currency="YEN", sector="mining")[1]] == [
        ("ref", "MISSING"), ("sector", "UNKNOWN_SECTOR"), ("currency", "UNKNOWN_CURRENCY"),
        ("status", "STATUS_INVALID")]


def test_a_description_keeps_its_paragraphs():
    assert check(description="  The work.\n\nThe place.  ")[0].description == "The work.\n\nThe place."


# --- a file's records, by line ----------------------------------------------------------------------------


def test_the_problems_of_a_file_are_given_by_line_and_a_repeated_ref_refuses_every_line_of_it():
    records = [(2, VALID), (3, {**VALID, "ref": "OSK-002", "sector": "mining"}), (4, {**VALID, "ref": "OSK-003"}),
               (7, {**VALID, "title": "Welder (night shift)"})]
    valid, problems = check_records(records, LOOKUPS)
    assert [(line, record.ref) for line, record in valid] == [(4, "OSK-003")]
    assert {line: [(p.field, p.code, p.data) for p in found] for line, found in problems.items()} == {
        2: [("ref", "REF_REPEATED", {"lines": [7]})],
        3: [("sector", "UNKNOWN_SECTOR", {"code": "mining"})],
        7: [("ref", "REF_REPEATED", {"lines": [2]})],
    }


# --- the partner city, employer and opening a record names ------------------------------------------------

DIRECTORY = Directory(
    cities=(StoredCity(1, "Osaka", "JP"), StoredCity(2, "Busan", "KR"), StoredCity(3, "Springfield", "US"),
            StoredCity(4, "Springfield", "US")),
    employers=(StoredEmployer(10, "Osaka Steel KK", 1), StoredEmployer(11, "Busan Ship Co", 2),
               StoredEmployer(12, "Twin Co", 1), StoredEmployer(13, "twin co", 1)),
    openings={"OSK-001": StoredOpening(100, 10, "approved"), "OSK-OLD": StoredOpening(101, 10, "closed"),
              "BSN-001": StoredOpening(102, 11, "draft")},
)
RECORD = check(ref="OSK-NEW")[0]


@pytest.mark.parametrize("changes, create, channel", [
    ({}, False, Channel(1, 10, None)),
    ({"employer": "OSAKA  steel kk", "partner_city": "osaka"}, False, Channel(1, 10, None)),
    ({"ref": "OSK-001"}, False, Channel(1, 10, 100)),
    ({"employer": "Kansai Foods"}, True, Channel(1, None, None)),
    ({"employer": "Kansai Foods", "partner_city": "Kobe"}, True, Channel(None, None, None)),
])
def test_the_names_of_a_record_lead_to_stored_rows_or_to_rows_the_import_creates(changes, create, channel):
    assert plan_channel(replace(RECORD, **changes), DIRECTORY, create) == (channel, [])


@pytest.mark.parametrize("changes, create, expected", [
    ({"employer": "Kansai Foods"}, False, [("employer", "UNKNOWN_EMPLOYER")]),
    ({"employer": "Kansai Foods", "partner_city": "Kobe"}, False,
     [("partner_city", "UNKNOWN_PARTNER_CITY"), ("employer", "UNKNOWN_EMPLOYER")]),
    ({"partner_city": "Busan"}, True, [("partner_city", "PARTNER_CITY_COUNTRY")]),
    ({"partner_city": "Springfield", "country_code": "US"}, True, [("partner_city", "PARTNER_CITY_AMBIGUOUS")]),
    ({"employer": "Busan Ship Co"}, True, [("employer", "EMPLOYER_OF_OTHER_CITY")]),
    ({"employer": "Busan Ship Co", "partner_city": "Kobe"}, True, [("employer", "EMPLOYER_OF_OTHER_CITY")]),
    ({"employer": "Twin Co"}, False, [("employer", "EMPLOYER_AMBIGUOUS")]),
    ({"ref": "OSK-OLD"}, False, [("ref", "REF_CLOSED")]),
    ({"ref": "BSN-001"}, False, [("ref", "REF_OF_OTHER_EMPLOYER")]),
    ({"ref": "OSK-001", "employer": "Kansai Foods"}, True, [("ref", "REF_OF_OTHER_EMPLOYER")]),
])
def test_names_that_lead_nowhere_or_to_the_wrong_place_are_refused(changes, create, expected):
    channel, problems = plan_channel(replace(RECORD, **changes), DIRECTORY, create)
    assert channel is None
    assert [(p.field, p.code) for p in problems] == expected


def test_an_unknown_name_is_repeated_in_the_problem():
    problem = plan_channel(replace(RECORD, employer="Kansai Foods"), DIRECTORY, False)[1][0]
    assert problem.data == {"name": "Kansai Foods"}


# --- what the record's status demands ---------------------------------------------------------------------

RULES = [RuleFacts(1, "MM", None, "blocked", date(2025, 10, 28), source="KP2MI"),
         RuleFacts(2, "JP", None, "allowed", date(2020, 8, 1)),
         RuleFacts(3, "LA", None, "caution", date(2022, 9, 30))]


def problems_for(status="approved", verified=True, active=True, **changes):
    """The legality problems of RECORD with `changes`, checked as the web's approval checks an opening."""
    record = replace(RECORD, status=status, **changes)
    facts = OpeningFacts(
        employer_name=record.employer, employer_verified=verified, agreement_active=active, title=record.title,
        occupation_code=record.occupation_code, country_code=record.country_code, sector_code=record.sector_code,
        start_date=record.start_date, monthly_wage=record.monthly_wage, currency=record.currency,
        hours_per_week=record.hours_per_week, annual_leave_days=record.annual_leave_days, insurance=record.insurance,
        contract_months=record.contract_months, worker_costs_idr=record.worker_costs_idr, min_age=record.min_age,
        max_age=record.max_age, scheme_codes=record.scheme_codes, caution_justification=record.caution_justification)
    return [(p.field, p.code) for p in legality_problems(record, check_opening(facts, RULES, TODAY))]


@pytest.mark.parametrize("status, settings, expected", [
    ("approved", {}, []),
    ("approved", {"country_code": "MM"}, [("country", "DESTINATION_BLOCKED")]),
    ("approved", {"country_code": "LA"}, [("caution_justification", "DESTINATION_NEEDS_JUSTIFICATION")]),
    ("approved", {"country_code": "LA", "caution_justification": "Employer inspected by KBRI Vientiane"}, []),
    ("approved", {"worker_costs_idr": Decimal(1500000)}, [("worker_costs", "WORKER_FEE")]),
    ("approved", {"scheme_codes": ()}, [("required_certifications", "CERTIFICATION_REQUIRED")]),
    ("approved", {"min_age": 17}, [("min_age", "AGE_RANGE_UNLAWFUL")]),
    ("approved", {"insurance": None}, [("insurance", "CONTRACT_FIELD_MISSING")]),
    ("approved", {"occupation_code": None}, [("isco_code", "CONTRACT_FIELD_MISSING")]),
    ("approved", {"contract_months": None, "annual_leave_days": None},
     [("annual_leave_days", "CONTRACT_FIELD_MISSING"), ("contract_months", "CONTRACT_FIELD_MISSING")]),
    ("approved", {"monthly_wage": None}, [("monthly_wage", "WAGE_MISSING")]),
    ("approved", {"currency": None}, [("currency", "WAGE_MISSING")]),
    ("approved", {"verified": False}, [("employer", "EMPLOYER_NOT_VERIFIED")]),
    ("approved", {"active": False}, [("partner_city", "AGREEMENT_NOT_ACTIVE")]),
    ("submitted", {"country_code": "MM", "worker_costs_idr": Decimal(1), "scheme_codes": ()}, []),
    ("submitted", {"verified": False, "active": False},
     [("employer", "EMPLOYER_NOT_VERIFIED"), ("partner_city", "AGREEMENT_NOT_ACTIVE")]),
    ("submitted", {"hours_per_week": None}, [("hours_per_week", "CONTRACT_FIELD_MISSING")]),
    ("draft", {"country_code": "MM", "verified": False, "insurance": None}, []),
])
def test_each_status_demands_its_checks_each_named_on_the_field_that_fixes_it(status, settings, expected):
    assert problems_for(status, **settings) == expected


def test_a_blocked_destination_says_where_when_and_on_what_authority():
    record = replace(RECORD, country_code="MM")
    facts = OpeningFacts("Osaka Steel KK", True, True, "Welder", "7212", "MM", "manufacturing", date(2026, 9, 1),
                         Decimal(1), "JPY", 40, 10, "Insured", 36, Decimal(0), 18, None, ("SKK-CPMI",))
    [problem] = legality_problems(record, check_opening(facts, RULES, TODAY))
    assert problem.data == {"country": "MM", "sector": "manufacturing", "on": TODAY, "source": "KP2MI"}
