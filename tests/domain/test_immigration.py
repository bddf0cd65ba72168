"""What the city tells Immigration: the answer's fixed shape, consent, active placements, the early warning,
the departures window and opening codes."""
from dataclasses import fields
from datetime import date

import pytest

from app.domain import immigration as rules
from app.domain.immigration import (
    NOT_REGISTERED,
    NOT_SHARED,
    LookupAnswer,
    OpeningFacts,
    PersonFacts,
    PlacementFacts,
    answer,
    check_opening,
    departure_answer,
    is_early_warning,
    is_listed_departure,
    parse_identifier,
    parse_window,
)

LOOKUP_KEYS = ["registered", "consent_to_share", "active_placement", "stage", "destination_country",
               "destination_city", "employer", "opening_code", "departure_date"]
TODAY = date(2026, 3, 1)


def placed(stage: str, departure_date: date | None = None) -> PlacementFacts:
    return PlacementFacts(stage, departure_date, "JP", "Toyama", "Toyama Care Ltd", "JBT-7K3Q-9M2X")


def person(*stages: str, consents: bool = True) -> PersonFacts:
    return PersonFacts(registered=True, consents=consents, placements=tuple(placed(s) for s in stages))


def test_the_answer_has_exactly_the_agreed_keys_in_order():
    assert [f.name for f in fields(LookupAnswer)] == LOOKUP_KEYS


@pytest.mark.parametrize("body, expected", [
    ({"nik": "1971015705000001"}, ("nik", "1971015705000001")),
    ({"nik": "1971 0157 0500 0001"}, ("nik", "1971015705000001")),     # spaces as printed on the KTP
    ({"nik": "19710157.0500-0001"}, ("nik", "1971015705000001")),
    ({"nik_hash": "AB" * 32}, ("nik_hash", "ab" * 32)),                 # hex is case-insensitive
    ({"passport_number": "c 123-4567"}, ("passport_number", "C1234567")),
    ({"nik": "", "passport_number": "E1234567"}, ("passport_number", "E1234567")),  # empty keys do not count
])
def test_an_identifier_is_read_and_normalised(body, expected):
    identifier, problem = parse_identifier(body)
    assert problem is None and (identifier.kind, identifier.value) == expected


@pytest.mark.parametrize("body, problem", [
    ({}, rules.ONE_IDENTIFIER),
    ({"name": "Budi"}, rules.ONE_IDENTIFIER),
    ({"nik": "1971015705000001", "passport_number": "E1234567"}, rules.ONE_IDENTIFIER),
    ({"nik": 1971015705000001}, rules.ONE_IDENTIFIER),                 # a number, not a string
    ({"nik": "197101570500000"}, rules.BAD_NIK),                        # 15 digits
    ({"nik": "19710157050000011"}, rules.BAD_NIK),
    ({"nik": "1971O15705000001"}, rules.BAD_NIK),                       # a letter O
    ({"nik_hash": "ab" * 31}, rules.BAD_NIK_HASH),
    ({"nik_hash": "zz" * 32}, rules.BAD_NIK_HASH),
    ({"passport_number": "E12"}, rules.BAD_PASSPORT),
    ({"passport_number": "E1234567890"}, rules.BAD_PASSPORT),
    ({"passport_number": "E123456/"}, rules.BAD_PASSPORT),
])
def test_a_missing_doubled_or_malformed_identifier_is_refused(body, problem):
    assert parse_identifier(body) == (None, problem)


@pytest.mark.parametrize("facts, expected", [
    (PersonFacts(registered=False, consents=False), NOT_REGISTERED),
    # Even if a "nobody" somehow came with consent and placements, nothing is said about them.
    (PersonFacts(registered=False, consents=True, placements=(placed("departed"),)), NOT_REGISTERED),
    (person("departed", consents=False), NOT_SHARED),
    (person(), LookupAnswer(True, True, False)),
    (person("applied", "interview", "offered"), LookupAnswer(True, True, False)),
    (person("withdrawn", "cancelled", "repatriated"), LookupAnswer(True, True, False)),
    (person("completed", "returned"), LookupAnswer(True, True, False)),
])
def test_without_consent_or_an_active_placement_only_the_flags_are_given(facts, expected):
    assert answer(facts) == expected


@pytest.mark.parametrize("stages, stage", [
    (("accepted",), "accepted"),
    (("contract_signed",), "contract_signed"),
    (("documents_verified",), "documents_verified"),
    (("departed",), "departed"),
    (("arrived",), "arrived"),
    (("cancelled", "applied", "departed", "returned"), "departed"),   # the active one, among others
    (("accepted", "arrived"), "arrived"),                              # the most advanced of two
])
def test_an_active_placement_is_shared_with_its_stage_destination_and_employer(stages, stage):
    given = answer(person(*stages))
    assert given == LookupAnswer(True, True, True, stage, "JP", "Toyama", "Toyama Care Ltd", "JBT-7K3Q-9M2X", None)


@pytest.mark.parametrize("facts, warns", [
    (PersonFacts(registered=False, consents=False), False),           # not ours to warn about
    (person(), True),                                                  # registered, never applied
    (person("applied"), True),
    (person("accepted"), True),                                        # no contract yet
    (person("rejected", "cancelled"), True),
    (person("arrived"), True),
    (person("contract_signed"), False),
    (person("documents_verified"), False),
    (person("departed"), False),
    (person("departed", consents=False), False),                       # consent is about sharing, not warning
    (person("applied", consents=False), True),
])
def test_a_registered_person_without_a_placement_that_justifies_travel_is_an_early_warning(facts, warns):
    assert is_early_warning(facts) is warns


@pytest.mark.parametrize("stage, departure_date, listed", [
    ("documents_verified", date(2026, 3, 5), True),
    ("documents_verified", None, False),
    ("departed", date(2026, 3, 5), True),
    ("arrived", date(2026, 3, 5), True),
    ("completed", date(2026, 3, 5), True),
    ("returned", date(2026, 3, 5), True),
    ("contract_signed", date(2026, 3, 5), False),
    ("cancelled", date(2026, 3, 5), False),
])
def test_a_departure_is_listed_once_it_happened_or_is_planned_with_verified_papers(stage, departure_date, listed):
    assert is_listed_departure(stage, departure_date) is listed


def test_a_departure_row_shares_its_own_placement_and_says_whether_it_is_still_active():
    assert departure_answer(placed("departed", date(2026, 3, 5))).active_placement is True
    row = departure_answer(placed("completed", date(2025, 3, 5)))
    assert (row.active_placement, row.stage, row.departure_date) == (False, "completed", date(2025, 3, 5))


@pytest.mark.parametrize("start, end, expected", [
    (None, None, (TODAY, date(2026, 3, 31))),
    ("2026-04-01", None, (date(2026, 4, 1), date(2026, 5, 1))),
    (None, "2026-03-10", (TODAY, date(2026, 3, 10))),
    ("2026-03-10", "2026-03-10", (date(2026, 3, 10), date(2026, 3, 10))),
    ("2026-01-01", "2027-01-02", (date(2026, 1, 1), date(2027, 1, 2))),   # 366 days: a leap-year's worth
])
def test_a_departures_window_defaults_to_the_next_30_days(start, end, expected):
    window, problem = parse_window(start, end, TODAY)
    assert problem is None and (window.start, window.end) == expected


@pytest.mark.parametrize("start, end, problem", [
    ("2026-13-01", None, rules.BAD_DATE),
    ("01/03/2026", None, rules.BAD_DATE),
    (None, "tomorrow", rules.BAD_DATE),
    ("2026-03-10", "2026-03-09", rules.WINDOW_REVERSED),
    ("2026-01-01", "2027-01-03", rules.WINDOW_TOO_LONG),
])
def test_a_bad_departures_window_is_refused(start, end, problem):
    assert parse_window(start, end, TODAY) == (None, problem)


def opening_facts(status: str, was_public: bool = True) -> OpeningFacts:
    return OpeningFacts(status, was_public, "Toyama Care Ltd", "Toyama", "JP")


@pytest.mark.parametrize("code, facts, expected", [
    ("JBT-7K3Q-9M2X", opening_facts("approved"),
     (True, "approved", "Toyama Care Ltd", "Toyama", "JP")),
    ("JBT-7K3Q-9M2X", opening_facts("closed"), (False, "closed", "Toyama Care Ltd", "Toyama", "JP")),
    ("JBT-7K3Q-9M2X", opening_facts("submitted"), (False, "under_review", "Toyama Care Ltd", "Toyama", "JP")),
    # Never approved: its employer and place were never published, so they are not told now.
    ("JBT-7K3Q-9M2X", opening_facts("changes_requested", was_public=False), (False, "under_review", None, None, None)),
    ("JBT-7K3Q-9M2X", None, (False, "unknown", None, None, None)),
    ("", None, (False, "malformed", None, None, None)),
])
def test_an_opening_code_is_valid_only_while_approved(code, facts, expected):
    check = check_opening(code, facts)
    assert (check.valid, check.status, check.employer, check.city, check.country) == expected
    assert check.code == (code or None)


def test_the_audit_summary_holds_flags_only():
    assert rules.summary(answer(person("departed"))) == {
        "registered": True, "consent_to_share": True, "active_placement": True}
