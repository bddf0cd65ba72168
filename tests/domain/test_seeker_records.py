"""One import record checked field by field, and the rules across the records of a file."""
from datetime import date
from decimal import Decimal

import pytest

from app.domain.seeker_fields import Lookups
from app.domain.seeker_import_rules import (
    RecordKeys,
    check_across,
    imported_certificate_status,
    matching_consent_change,
    record_keys,
)
from app.domain.seeker_records import FIELDS, REQUIRED, check_record

TODAY = date(2026, 6, 1)
LOOKUPS = Lookups(
    today=TODAY,
    province_codes=frozenset({"19", "31"}),
    kelurahan_codes=frozenset({"19.71.01.1004", "19.71.02.1001"}),
    education_codes={code.casefold(): code for code in ("SD", "SMP", "SMA", "SMK", "D3", "S1")},
    scheme_codes={"skk-cpmi": "SKK-CPMI", "jp-ssw-care": "JP-SSW-CARE"},
    sector_codes={"care": "care", "manufacturing": "manufacturing"},
    language_tests={"jlpt": "JLPT", "ielts": "IELTS", "topik": "TOPIK"},
    language_levels={("JLPT", "n4"): 1, ("JLPT", "n3"): 2, ("IELTS", "6"): 3, ("IELTS", "6.5"): 4, ("TOPIK", "2"): 5},
    skill_aliases={"welding": ("welding", 11), "las": ("welding", 11), "pengelasan": ("welding", 11),
                   "elderly care": ("elderly care", 12)},
)
VALID = {
    "ref": "DN-001", "nik": "1971011705000001", "name": "Budi Santoso", "birth_date": "2000-05-17", "gender": "M",
    "kelurahan_code": "19.71.01.1004", "email": "budi@example.com", "phone": "0812-3456-7890", "education": "SMK",
    "experience_years": 2, "skills": ["welding"], "languages": [{"test": "JLPT", "level": "N4"}],
    "certifications": [{"scheme": "SKK-CPMI", "number": "A-1", "issued_on": "2025-01-10",
                        "expires_on": "2028-01-10", "verified": True}],
    "preferred_countries": ["JP"], "preferred_sectors": ["care"], "consent_matching": True,
}
SIXTEEN = {"birth_date": "2010-03-04", "nik": "1971010403100001"}  # 16 on TODAY


def check(**overrides):
    return check_record({**VALID, **overrides}, LOOKUPS)


def codes(**overrides) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in check(**overrides)[1]]


def test_a_complete_record_is_valid():
    record, problems = check()
    assert problems == []
    assert (record.ref, record.nik, record.full_name, record.gender) == ("DN-001", "1971011705000001", "Budi Santoso",
                                                                        "M")
    assert record.phone == "+6281234567890"
    assert record.certifications[0].verified is True
    assert record.is_minor is False


def c(**fields):
    """A certification with fields changed."""
    return [{**VALID["certifications"][0], **fields}]


@pytest.mark.parametrize("overrides, expected", [
    ({"ref": None}, [("ref", "MISSING")]),
    ({"ref": "R" * 65}, [("ref", "TOO_LONG")]),
    ({"nik": "19710117050000"}, [("nik", "NIK_LENGTH")]),
    ({"nik": "19710117O5000001"}, [("nik", "NIK_NOT_DIGITS")]),
    ({"nik": 1.5}, [("nik", "WRONG_TYPE")]),
    ({"nik": "9971011705000001"}, [("nik", "NIK_PROVINCE_UNKNOWN")]),
    ({"nik": "1971011805000001"}, [("nik", "NIK_BIRTH_DATE_MISMATCH")]),
    ({"gender": "F"}, [("nik", "NIK_GENDER_MISMATCH")]),
    ({"gender": "X"}, [("gender", "GENDER_INVALID")]),
    ({"name": "  "}, [("name", "MISSING")]),
    ({"name": "N" * 121}, [("name", "TOO_LONG")]),
    ({"birth_date": "17/05/2000"}, [("birth_date", "DATE_FORMAT")]),
    ({"birth_date": "2000-02-30"}, [("birth_date", "DATE_IMPOSSIBLE")]),
    ({"birth_date": "2012-05-17", "nik": "1971011705120001"}, [("birth_date", "TOO_YOUNG_TO_REGISTER")]),
    (SIXTEEN, [("guardian_consent", "GUARDIAN_CONSENT_NEEDED")]),
    ({**SIXTEEN, "guardian_consent": "no"}, [("guardian_consent", "GUARDIAN_CONSENT_NEEDED")]),
    ({"kelurahan_code": "19.71.09.9999"}, [("kelurahan_code", "UNKNOWN_KELURAHAN")]),
    ({"kelurahan_code": None}, [("kelurahan_code", "MISSING")]),
    ({"email": "budi@"}, [("email", "EMAIL_INVALID")]),
    ({"phone": "12345"}, [("phone", "PHONE_INVALID")]),
    ({"education": "SMU"}, [("education", "UNKNOWN_EDUCATION")]),
    ({"experience_years": "-1"}, [("experience_years", "EXPERIENCE_INVALID")]),
    ({"experience_years": "banyak"}, [("experience_years", "EXPERIENCE_INVALID")]),
    ({"experience_years": 61}, [("experience_years", "EXPERIENCE_INVALID")]),
    ({"experience_years": None}, [("experience_years", "MISSING")]),
    ({"skills": ["welding", "x" * 121]}, [("skills[2]", "TOO_LONG")]),
    ({"skills": [{"name": "welding"}]}, [("skills[1]", "WRONG_TYPE")]),
    ({"skills": 5}, [("skills", "WRONG_TYPE")]),
    ({"languages": ["JLPTN4"]}, [("languages[1]", "LANGUAGE_FORMAT")]),
    ({"languages": [{"test": "JLPT"}]}, [("languages[1]", "LANGUAGE_FORMAT")]),
    ({"languages": ["JLPT:N4", "Klingon:1"]}, [("languages[2]", "UNKNOWN_LANGUAGE_TEST")]),
    ({"languages": ["JLPT:N9"]}, [("languages[1]", "UNKNOWN_LANGUAGE_LEVEL")]),
    ({"certifications": ["SKK-CPMI|A-1"]}, [("certifications[1]", "CERTIFICATION_FORMAT")]),
    ({"certifications": [7]}, [("certifications[1]", "CERTIFICATION_FORMAT")]),
    ({"certifications": c(scheme="NOPE")}, [("certifications[1].scheme", "UNKNOWN_SCHEME")]),
    ({"certifications": c(number="")}, [("certifications[1].number", "MISSING")]),
    ({"certifications": c(issued_on="10-01-2025")}, [("certifications[1].issued_on", "DATE_FORMAT")]),
    ({"certifications": c(issued_on="2026-07-01", expires_on=None)},
     [("certifications[1].issued_on", "DATE_IN_FUTURE")]),
    ({"certifications": c(expires_on="2024-12-31")}, [("certifications[1].expires_on", "EXPIRES_BEFORE_ISSUED")]),
    ({"certifications": c(expires_on="2028-02-30")}, [("certifications[1].expires_on", "DATE_IMPOSSIBLE")]),
    ({"certifications": c(verified="perhaps")}, [("certifications[1].verified", "BOOL_INVALID")]),
    ({"certifications": c(lsp="LSP P1")}, [("certifications[1].lsp", "UNKNOWN_FIELD")]),
    ({"certifications": c() + c()}, [("certifications[2]", "CERTIFICATION_REPEATED")]),
    ({"preferred_countries": ["JP", "XX"]}, [("preferred_countries[2]", "UNKNOWN_COUNTRY")]),
    ({"preferred_sectors": ["mining"]}, [("preferred_sectors[1]", "UNKNOWN_SECTOR")]),
    ({"consent_matching": None}, [("consent_matching", "MISSING")]),
    ({"consent_matching": "maybe"}, [("consent_matching", "BOOL_INVALID")]),
    ({"consent_matching": 2}, [("consent_matching", "BOOL_INVALID")]),
    ({"kelurahan": "Bacang"}, [("kelurahan", "UNKNOWN_FIELD")]),
])
def test_each_bad_value_is_named_with_its_field(overrides, expected):
    record, problems = check(**overrides)
    assert record is None
    assert [(p.field, p.code) for p in problems] == expected


@pytest.mark.parametrize("name", FIELDS)
def test_the_required_fields_are_those_a_csv_header_must_have(name):
    assert (("MISSING" in dict(codes(**{name: None})).values()) == (name in REQUIRED))


def test_every_problem_of_a_record_is_reported_at_once_in_field_order():
    assert codes(ref=None, gender="F", email="x", preferred_sectors=["mining"]) == [
        ("ref", "MISSING"), ("nik", "NIK_GENDER_MISMATCH"), ("email", "EMAIL_INVALID"),
        ("preferred_sectors[1]", "UNKNOWN_SECTOR")]


def test_the_nik_mismatch_says_both_dates():
    problem = check(nik="1971010506020001", birth_date="2002-05-06")[1][0]
    assert (problem.code, problem.data) == ("NIK_BIRTH_DATE_MISMATCH", {"nik_date": "05-06-2002",
                                                                        "entered": "06-05-2002"})


def test_a_16_year_old_with_guardian_consent_is_a_minor_record():
    record, problems = check(**SIXTEEN, guardian_consent=True)
    assert problems == [] and record.is_minor and record.guardian_consent


@pytest.mark.parametrize("value, expected", [
    (True, True), (False, False), ("true", True), ("FALSE", False), ("yes", True), ("no", False),
    ("1", True), ("0", False), (1, True), (0, False),
])
def test_booleans_take_the_spellings_of_spreadsheets(value, expected):
    assert check(consent_matching=value)[0].consent_matching is expected


def test_skills_are_normalised_and_mapped_to_the_vocabulary_once():
    record = check(skills=["Las", " PENGELASAN ", "welding", "Menjahit  Baju.", ""])[0]
    assert record.skills == (("welding", 11), ("menjahit baju", None))


def test_list_fields_take_a_semicolon_separated_text_as_csv_cells_do():
    record = check(skills="las; elderly care", languages="JLPT:N4;IELTS:6.0", preferred_countries="jp;KR",
                   certifications="SKK-CPMI|A-1|2025-01-10||yes;JP-SSW-CARE|B-2|2025-02-01|2030-02-01|0")[0]
    assert record.skills == (("welding", 11), ("elderly care", 12))
    assert record.language_level_ids == (1, 3)
    assert record.preferred_countries == ("JP", "KR")
    assert [(x.scheme_code, x.number, x.expires_on, x.verified) for x in record.certifications] == [
        ("SKK-CPMI", "A-1", None, True), ("JP-SSW-CARE", "B-2", date(2030, 2, 1), False)]


@pytest.mark.parametrize("level, level_id", [("N4", 1), ("n4", 1), (6, 3), (6.0, 3), ("6.0", 3), ("6.50", 4),
                                             (6.5, 4)])
def test_language_levels_are_read_as_the_test_writes_them(level, level_id):
    assert check(languages=[{"test": "jlpt" if level_id < 3 else "IELTS", "level": level}])[0].language_level_ids \
        == (level_id,)


def test_values_are_tidied_not_invented():
    record = check(name="  Budi   Santoso ", email="Budi@Example.COM", education="smk", experience_years="2,5",
                   phone=None, skills=None, languages=[], certifications=None)[0]
    assert (record.full_name, record.email, record.education_code) == ("Budi Santoso", "budi@example.com", "SMK")
    assert record.experience_years == Decimal("2.5")
    assert (record.phone, record.skills, record.language_level_ids, record.certifications) == (None, (), (), ())


def test_a_nik_given_as_a_json_number_is_read_as_digits():
    assert check(nik=1971011705000001)[0].nik == "1971011705000001"


# --- across the records of a file ---------------------------------------------------------------

def keys(line, ref, nik=None, email=None):
    return RecordKeys(line, ref, nik, email)


@pytest.mark.parametrize("rows, taken_niks, taken_emails, expected", [
    ([keys(2, "A"), keys(3, "B")], {}, {}, {}),
    ([keys(2, "A"), keys(5, "A")], {}, {},
     {2: [("ref", "REF_REPEATED", [5])], 5: [("ref", "REF_REPEATED", [2])]}),
    ([keys(2, "A", nik="N1"), keys(3, "B", nik="N1")], {}, {},
     {2: [("nik", "NIK_REPEATED", [3])], 3: [("nik", "NIK_REPEATED", [2])]}),
    ([keys(2, "A", email="e@x"), keys(3, "B", email="e@x")], {}, {},
     {2: [("email", "EMAIL_REPEATED", [3])], 3: [("email", "EMAIL_REPEATED", [2])]}),
    ([keys(2, "A", nik="N1")], {"N1": "A"}, {}, {}),  # its own NIK: an update
    ([keys(2, "A", nik="N1")], {"N1": "B"}, {}, {2: [("nik", "NIK_TAKEN", "B")]}),
    ([keys(2, "A", nik="N1")], {"N1": None}, {}, {2: [("nik", "NIK_TAKEN", None)]}),  # signed up themself
    ([keys(2, "A", email="e@x")], {}, {"e@x": "A"}, {}),
    ([keys(2, "A", email="e@x")], {}, {"e@x": None}, {2: [("email", "EMAIL_TAKEN", None)]}),
])
def test_refs_niks_and_emails_are_unique_across_the_file_and_the_database(rows, taken_niks, taken_emails, expected):
    found = check_across(rows, taken_niks, taken_emails)
    simplified = {line: [(p.field, p.code, p.data.get("lines", p.data.get("ref"))) for p in problems]
                  for line, problems in found.items()}
    assert simplified == expected


def test_the_same_nik_twice_under_one_ref_is_only_a_repeated_ref():
    found = check_across([keys(2, "A", nik="N1"), keys(3, "A", nik="N1")], {}, {})
    assert [p.code for p in found[2]] == ["REF_REPEATED"]


def test_an_erased_seekers_ref_is_not_imported_again():
    assert [p.code for p in check_across([keys(2, "A")], {}, {}, frozenset({"A"}))[2]] == ["REF_ERASED"]


def test_record_keys_are_read_even_from_an_invalid_record():
    assert record_keys(4, {"ref": " A 1 ", "nik": "1971 0117 0500 0001", "email": "X@Y.Z", "gender": "?"}) == \
        RecordKeys(4, "A 1", "1971011705000001", "x@y.z")
    assert record_keys(4, {"nik": "123"}) == RecordKeys(4, None, None, None)


@pytest.mark.parametrize("current, dates_changed, verified, expected", [
    ("pending", False, True, "verified"),
    ("rejected", False, True, "verified"),
    ("verified", False, False, "verified"),   # a coordinator's verification stands
    ("rejected", False, False, "rejected"),
    ("verified", True, False, "pending"),     # changed: needs a new look
    ("rejected", True, False, "pending"),
])
def test_the_status_of_a_reimported_certificate(current, dates_changed, verified, expected):
    assert imported_certificate_status(current, dates_changed, verified) == expected


@pytest.mark.parametrize("wanted, active, ever_given, expected", [
    (True, False, False, "grant"),
    (True, True, True, None),
    (True, False, True, None),       # withdrawn by the seeker: an import does not grant it again
    (False, True, True, "withdraw"),
    (False, False, True, None),
    (False, False, False, None),
])
def test_what_an_import_does_to_the_matching_consent(wanted, active, ever_given, expected):
    assert matching_consent_change(wanted, active, ever_given) == expected
