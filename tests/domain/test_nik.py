"""The NIK's structure and its agreement with the entered birth date and gender."""
from datetime import date

import pytest

from app.domain.nik import check_nik, parse_nik

PROVINCES = frozenset({"11", "19", "31", "73"})


@pytest.mark.parametrize("nik, birth_date, gender, expected", [
    ("1971011705000001", date(2000, 5, 17), "M", []),
    ("1971015705000001", date(2000, 5, 17), "F", []),                       # women: day + 40
    ("1971 0117 0500 0001", date(2000, 5, 17), "M", []),                    # spaces are typing, not content
    ("19710117050000", date(2000, 5, 17), "M", ["NIK_LENGTH"]),
    ("19710117050000011", date(2000, 5, 17), "M", ["NIK_LENGTH"]),
    ("19710117O5000001", date(2000, 5, 17), "M", ["NIK_NOT_DIGITS"]),
    ("", date(2000, 5, 17), "M", ["NIK_NOT_DIGITS"]),
    ("9971011705000001", date(2000, 5, 17), "M", ["NIK_PROVINCE_UNKNOWN"]),
    ("1971013213000001", date(2000, 5, 17), "M", ["NIK_DATE_IMPOSSIBLE"]),  # day 32, month 13
    ("1971017205000001", date(2000, 5, 17), "F", ["NIK_DATE_IMPOSSIBLE"]),  # 72 - 40 = day 32
    ("1971011705000000", date(2000, 5, 17), "M", ["NIK_SERIAL_ZERO"]),
    ("1971010605020001", date(2002, 6, 5), "M", ["NIK_BIRTH_DATE_MISMATCH"]),  # day and month swapped
    ("1971011705000001", date(2000, 5, 17), "F", ["NIK_GENDER_MISMATCH"]),
    ("1971015705000001", date(2000, 5, 17), "M", ["NIK_GENDER_MISMATCH"]),
    ("1971011705000001", date(2000, 5, 18), "F", ["NIK_BIRTH_DATE_MISMATCH", "NIK_GENDER_MISMATCH"]),
])
def test_nik_rules(nik, birth_date, gender, expected):
    assert [p.code for p in check_nik(nik, birth_date, gender, PROVINCES)] == expected


def test_birth_date_mismatch_names_both_dates_as_people_write_them():
    [problem] = check_nik("1971010506020001", date(2002, 5, 6), "M", PROVINCES)
    assert problem.data == {"nik_date": "05-06-2002", "entered": "06-05-2002"}


@pytest.mark.parametrize("birth_date", [date(1905, 3, 1), date(2005, 3, 1)])
def test_two_digit_year_takes_its_century_from_the_entered_date(birth_date):
    assert check_nik("1971010103050001", birth_date, "M", PROVINCES) == []


def test_a_29_february_birth_is_valid_only_in_a_leap_century_year():
    # 29-02-00 exists in 2000 but not in 1900: the entered date decides.
    assert check_nik("1971012902000001", date(2000, 2, 29), "M", PROVINCES) == []
    codes = [p.code for p in check_nik("1971012902000001", date(1900, 3, 1), "M", PROVINCES)]
    assert codes == ["NIK_BIRTH_DATE_MISMATCH"]


def test_the_region_is_where_the_nik_was_first_issued():
    parsed, problems = parse_nik("7371011705000001", PROVINCES)
    assert problems == []
    assert (parsed.province, parsed.regency, parsed.district) == ("73", "7371", "737101")
