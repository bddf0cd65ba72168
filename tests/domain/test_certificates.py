"""When a certificate counts for eligibility, and what a seeker may enter for certificates and documents."""
from datetime import date

import pytest

from app.domain.certificates import CertFacts, can_be_withdrawn, check_certification, counts_on, short_scheme_name
from app.domain.documents import check_document, normalise_passport

START = date(2026, 3, 1)
TODAY = date(2025, 10, 1)


@pytest.mark.parametrize("status, expires_on, counts", [
    ("verified", None, True),                       # no end date
    ("verified", date(2026, 3, 2), True),           # still valid the day after the start
    ("verified", date(2026, 3, 1), True),           # expires ON the start date: valid on it
    ("verified", date(2026, 2, 28), False),         # expired the day before
    ("pending", None, False),                       # not yet checked
    ("pending", date(2030, 1, 1), False),
    ("rejected", None, False),
    ("rejected", date(2030, 1, 1), False),
])
def test_only_verified_certificates_valid_on_the_start_date_count(status, expires_on, counts):
    assert counts_on(CertFacts(status, expires_on), START) is counts


def test_an_expired_certificate_and_its_renewal_side_by_side_only_the_renewal_counts():
    expired, renewal = CertFacts("verified", date(2025, 12, 31)), CertFacts("verified", date(2028, 12, 31))
    assert [counts_on(c, START) for c in (expired, renewal)] == [False, True]


@pytest.mark.parametrize("status, allowed", [("pending", True), ("verified", False), ("rejected", False)])
def test_a_seeker_may_withdraw_only_a_certificate_still_waiting_for_review(status, allowed):
    assert can_be_withdrawn(status) is allowed


@pytest.mark.parametrize("number, issued, expires, held, codes", [
    ("BNSP 123", date(2024, 1, 1), date(2027, 1, 1), set(), []),
    ("BNSP 123", date(2024, 1, 1), None, set(), []),
    ("   ", date(2024, 1, 1), None, set(), ["NUMBER_REQUIRED"]),
    ("BNSP 123", None, None, set(), ["ISSUED_REQUIRED"]),
    ("BNSP 123", date(2026, 1, 1), None, set(), ["ISSUED_IN_FUTURE"]),
    ("BNSP 123", date(2024, 1, 1), date(2023, 1, 1), set(), ["EXPIRES_BEFORE_ISSUED"]),
    ("bnsp123", date(2024, 1, 1), None, {"BNSP 123"}, ["CERTIFICATE_ALREADY_ADDED"]),
    ("BNSP 124", date(2024, 1, 1), None, {"BNSP 123"}, []),  # a renewal has its own number
])
def test_what_a_seeker_enters_for_a_certificate_is_checked(number, issued, expires, held, codes):
    problems = check_certification(number, issued, expires, TODAY, frozenset(held))
    assert [p.code for p in problems] == codes


@pytest.mark.parametrize("raw, normalised", [
    ("E1234567", "E1234567"), ("e 123 4567", "E1234567"), (" ab1234567 ", "AB1234567"), ("X-1234567", "X1234567"),
])
def test_passport_numbers_are_normalised(raw, normalised):
    assert normalise_passport(raw) == normalised


@pytest.mark.parametrize("kind, number, issued, expires, codes", [
    ("passport", "E1234567", date(2024, 1, 1), date(2029, 1, 1), []),
    ("passport", "AB1234567", date(2024, 1, 1), date(2029, 1, 1), []),
    ("passport", "x 1234567", date(2024, 1, 1), date(2029, 1, 1), []),
    ("passport", "E12345", date(2024, 1, 1), date(2029, 1, 1), []),                 # 6 is the shortest
    ("passport", "E123", date(2024, 1, 1), date(2029, 1, 1), ["PASSPORT_FORMAT"]),
    ("passport", "ABC12345678", date(2024, 1, 1), date(2029, 1, 1), ["PASSPORT_FORMAT"]),
    ("passport", "E12/4567", date(2024, 1, 1), date(2029, 1, 1), ["PASSPORT_FORMAT"]),
    ("passport", "", date(2024, 1, 1), date(2029, 1, 1), ["NUMBER_REQUIRED"]),
    ("passport", "E1234567", date(2024, 1, 1), None, ["EXPIRY_REQUIRED"]),
    ("passport", "E1234567", date(2019, 1, 1), date(2024, 1, 1), ["ALREADY_EXPIRED"]),
    ("passport", "E1234567", date(2024, 1, 1), date(2023, 1, 1), ["ALREADY_EXPIRED", "EXPIRES_BEFORE_ISSUED"]),
    ("bpjs", "1234 5678 901", None, None, []),
    ("bpjs", "12345", None, None, ["BPJS_FORMAT"]),
    ("bpjs", None, None, None, ["NUMBER_REQUIRED"]),
    ("health_certificate", None, date(2025, 9, 1), None, []),
    ("health_certificate", None, None, None, ["ISSUED_REQUIRED"]),
    ("family_permission", None, date(2025, 9, 1), date(2000, 1, 1), []),  # it has no expiry: ignored
    ("marital_status", None, date(2025, 12, 1), None, ["ISSUED_IN_FUTURE"]),
    ("opp_certificate", None, date(2025, 9, 1), None, []),
])
def test_what_a_seeker_enters_for_a_document_is_checked(kind, number, issued, expires, codes):
    assert [p.code for p in check_document(kind, number, issued, expires, TODAY)] == codes


@pytest.mark.parametrize("name, short", [
    ("Sertifikat Kompetensi Kerja (mandatory document for every CPMI)", "Sertifikat Kompetensi Kerja"),
    ("Skema Caregiver / Kaigo - LSP Kaigo License Center", "Skema Caregiver / Kaigo"),
    ("Basic Safety Training", "Basic Safety Training"),
    ("x" * 90, "x" * 69 + "…"),
])
def test_scheme_names_are_shortened_for_menus(name, short):
    assert short_scheme_name(name) == short
