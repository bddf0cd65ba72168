"""The legal gates: every gate and every boundary, one table each.

Every row is also checked on the vectorised path the matcher ranks with (boolean masks over the
candidate matrix): it must accept and refuse exactly as the reference does.
"""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.destinations import RuleFacts
from app.domain.eligibility import (
    CANDIDATE_GATES,
    CandidateFacts,
    Failure,
    Gate,
    HeldCertificate,
    HeldLanguage,
    LanguageNeed,
    OpeningFacts,
    birthday,
    failed_gates,
)
from app.domain.matching.matrix import Keys, MatchReference, Segment, columns_from_facts
from app.domain.matching.ranking import compile_query, eligible_rows, failed_masks

TODAY = date(2026, 6, 1)
START = date(2027, 4, 1)
RULES = [
    RuleFacts(1, "MM", None, "blocked", date(2025, 10, 28)),
    RuleFacts(2, "SA", None, "allowed", date(2020, 8, 1)),
    RuleFacts(3, "SA", "domestic-work", "blocked", date(2015, 7, 1)),
    RuleFacts(4, "JP", None, "allowed", date(2020, 8, 1)),
    RuleFacts(5, "LA", None, "caution", date(2022, 9, 30)),
    RuleFacts(6, "KR", None, "allowed", date(2020, 8, 1)),
    RuleFacts(7, "KR", None, "blocked", date(2027, 1, 1)),  # a ban that begins before the job does
]
N3, N4, N5 = HeldLanguage("JLPT", "N3", 3), HeldLanguage("JLPT", "N4", 2), HeldLanguage("JLPT", "N5", 1)
SMAW = HeldCertificate("SKKNI-SMAW", True, date(2029, 1, 1))

CANDIDATE = CandidateFacts(seeker_id=1, birth_date=date(2000, 5, 17), education_code="SMK", education_rank=3,
                           certificates=(SMAW,), languages=(N4,))
OPENING = OpeningFacts(opening_id=1, status="approved", employer_verified=True, agreement_active=True,
                       country_code="JP", sector_code="manufacturing", start_date=START, min_age=18, max_age=35,
                       schemes=("SKKNI-SMAW",), language=LanguageNeed("JLPT", "N4", 2), min_education_code="SMA",
                       min_education_rank=3)


def gates(candidate: dict | None = None, opening: dict | None = None, today: date = TODAY) -> list[Failure]:
    """The reference's failures, after checking that the vectorised gates agree on this candidate."""
    person, job = replace(CANDIDATE, **(candidate or {})), replace(OPENING, **(opening or {}))
    failures = failed_gates(person, job, RULES, today)
    expected = {f.code for f in failures if f.code in CANDIDATE_GATES}
    assert vectorised(person, job, today) == (not expected, expected)
    return failures


def vectorised(person: CandidateFacts, job: OpeningFacts, today: date) -> tuple[bool, set[Gate]]:
    keys = Keys()
    segment = Segment.build(columns_from_facts([person], keys), keys)
    query = compile_query(job, [segment], keys, MatchReference({}, {}, {}), today)
    return len(eligible_rows(segment, query)) == 1, {gate for gate, mask in failed_masks(segment, query) if mask[0]}


def test_the_base_candidate_is_eligible_for_the_base_opening():
    assert gates() == []


@pytest.mark.parametrize("born, opening, expected", [
    (date(2009, 4, 1), {}, []),  # 18 on the start date itself
    (date(2009, 4, 2), {}, [Failure(Gate.TOO_YOUNG, {"age_on_start": 17, "min_age": 18,
                                                     "eligible_from": date(2027, 4, 2)})]),
    (date(2006, 4, 1), {"min_age": 21}, []),
    (date(2006, 4, 2), {"min_age": 21}, [Failure(Gate.TOO_YOUNG, {"age_on_start": 20, "min_age": 21,
                                                                  "eligible_from": date(2027, 4, 2)})]),
    (date(1991, 4, 2), {}, []),  # 35 on the start date: inside an inclusive range
    (date(1991, 4, 1), {}, [Failure(Gate.TOO_OLD, {"age_on_start": 36, "max_age": 35})]),
    (date(1960, 1, 1), {"max_age": None}, []),  # no upper limit
    (date(2009, 6, 1), {"start_date": date(2027, 6, 1)}, []),  # a minor is matched to a job starting at 18
])
def test_age_gate_is_whole_years_on_the_start_date_inclusive(born, opening, expected):
    assert gates({"birth_date": born}, opening) == expected


def test_a_leap_day_birthday_counts_on_1_march_in_other_years():
    born = date(2008, 2, 29)
    assert gates({"birth_date": born}, {"start_date": date(2026, 2, 28)}) == [
        Failure(Gate.TOO_YOUNG, {"age_on_start": 17, "min_age": 18, "eligible_from": date(2026, 3, 1)})]
    assert gates({"birth_date": born}, {"start_date": date(2026, 3, 1)}) == []
    assert birthday(born, 20) == date(2028, 2, 29)


def test_without_a_start_date_the_gates_judge_on_the_reference_date():
    assert gates({"birth_date": date(2008, 6, 2)}, {"start_date": None})[0].data["age_on_start"] == 17
    assert gates({"birth_date": date(2008, 6, 1)}, {"start_date": None}) == []


CERT = "SKKNI-SMAW"


@pytest.mark.parametrize("certificates, expected", [
    ((HeldCertificate(CERT, True, START),), []),  # expires ON the start date: valid on it
    ((HeldCertificate(CERT, True, None),), []),  # never expires
    ((HeldCertificate(CERT, True, date(2027, 3, 31)),),
     [Failure(Gate.CERT_EXPIRES_BEFORE_START, {"scheme": CERT, "expires_on": date(2027, 3, 31), "start": START})]),
    ((HeldCertificate(CERT, False, None),), [Failure(Gate.CERT_MISSING, {"scheme": CERT})]),  # unverified
    ((), [Failure(Gate.CERT_MISSING, {"scheme": CERT})]),
    ((HeldCertificate("SKK-CPMI", True, None),), [Failure(Gate.CERT_MISSING, {"scheme": CERT})]),  # another scheme
    ((HeldCertificate(CERT, True, date(2026, 1, 1)), HeldCertificate(CERT, True, date(2028, 1, 1))), []),
    ((HeldCertificate(CERT, False, date(2030, 1, 1)), HeldCertificate(CERT, True, date(2027, 1, 1))),
     [Failure(Gate.CERT_EXPIRES_BEFORE_START, {"scheme": CERT, "expires_on": date(2027, 1, 1), "start": START})]),
])
def test_certificate_gate(certificates, expected):
    assert gates({"certificates": certificates}) == expected


def test_every_required_scheme_is_checked():
    failures = gates({}, {"schemes": ("SKK-CPMI", CERT)})
    assert failures == [Failure(Gate.CERT_MISSING, {"scheme": "SKK-CPMI"})]


@pytest.mark.parametrize("languages, expected_has", [
    ((N4,), None),
    ((N3,), None),  # above the minimum
    ((N5, N3), None),  # the best level of the test counts
    ((N5,), "N5"),
    ((), "none"),
    ((HeldLanguage("JFT-Basic", "A2", 3),), "none"),  # another test, even one deemed equivalent: no conversion
])
def test_language_gate_names_one_test_in_the_reference_order(languages, expected_has):
    failures = gates({"languages": languages})
    if expected_has is None:
        assert failures == []
    else:
        has = None if expected_has == "none" else expected_has
        assert failures == [Failure(Gate.LANGUAGE_BELOW, {"test": "JLPT", "has": has, "needs": "N4"})]


@pytest.mark.parametrize("code, rank, needs, needs_rank, passes", [
    ("SMK", 3, "SMA", 3, True),  # SMK = SMA
    ("SMA", 3, "SMK", 3, True),
    ("D4", 7, "S1", 7, True),  # D4 = S1
    ("D3", 6, "S1", 7, False),
    ("SMP", 2, "SMA", 3, False),
    (None, 0, "SD", 1, False),  # unknown education does not meet a minimum
    (None, 0, None, 0, True),  # no minimum
])
def test_education_gate_by_rank(code, rank, needs, needs_rank, passes):
    failures = gates({"education_code": code, "education_rank": rank},
                     {"min_education_code": needs, "min_education_rank": needs_rank})
    assert failures == ([] if passes else [Failure(Gate.EDUCATION_BELOW, {"has": code, "needs": needs})])


@pytest.mark.parametrize("opening, expected", [
    ({"country_code": "MM"}, [Failure(Gate.DESTINATION_BLOCKED, {"country": "MM", "sector": "manufacturing",
                                                                 "status": "blocked", "rule": 1, "on": TODAY})]),
    ({"country_code": "SA", "sector_code": "domestic-work"},
     [Failure(Gate.DESTINATION_BLOCKED, {"country": "SA", "sector": "domestic-work", "status": "blocked",
                                         "rule": 3, "on": TODAY})]),
    ({"country_code": "SA", "sector_code": "construction"}, []),
    ({"country_code": "KR"}, [Failure(Gate.DESTINATION_BLOCKED, {"country": "KR", "sector": "manufacturing",
                                                                 "status": "blocked", "rule": 7, "on": START})]),
    ({"country_code": "LA"}, []),  # caution, and the opening was approved (approval needs a justification)
    ({"country_code": "LA", "status": "submitted", "caution_justification": "Checked by Disnaker"},
     [Failure(Gate.OPENING_NOT_APPROVED, {"status": "submitted"})]),
    ({"country_code": "LA", "status": "submitted"},
     [Failure(Gate.OPENING_NOT_APPROVED, {"status": "submitted"}),
      Failure(Gate.DESTINATION_BLOCKED, {"country": "LA", "sector": "manufacturing", "status": "caution",
                                         "rule": 5, "on": TODAY})]),
    ({"country_code": "FR", "status": "draft"},  # no rule at all: caution by default
     [Failure(Gate.OPENING_NOT_APPROVED, {"status": "draft"}),
      Failure(Gate.DESTINATION_BLOCKED, {"country": "FR", "sector": "manufacturing", "status": "caution",
                                         "rule": None, "on": TODAY})]),
])
def test_destination_gate(opening, expected):
    assert gates({}, opening) == expected


@pytest.mark.parametrize("opening, expected", [
    ({"status": "closed"}, [Failure(Gate.OPENING_NOT_APPROVED, {"status": "closed"})]),
    ({"employer_verified": False}, [Failure(Gate.EMPLOYER_NOT_VERIFIED)]),
    ({"agreement_active": False}, [Failure(Gate.AGREEMENT_INACTIVE)]),
    ({"worker_costs_idr": Decimal("0.01")}, [Failure(Gate.WORKER_FEE, {"amount": Decimal("0.01")})]),
    ({"worker_costs_idr": Decimal(0)}, []),
])
def test_channel_and_cost_gates(opening, expected):
    assert gates({}, opening) == expected


@pytest.mark.parametrize("candidate, gate", [
    ({"consents_to_matching": False}, Gate.NO_CONSENT),
    ({"placed": True}, Gate.ALREADY_PLACED),
])
def test_consent_and_placement_gates(candidate, gate):
    assert gates(candidate) == [Failure(gate)]


def test_every_failed_gate_is_listed_opening_gates_first():
    failures = gates({"consents_to_matching": False, "languages": (), "certificates": ()},
                     {"employer_verified": False})
    assert [f.code for f in failures] == [Gate.EMPLOYER_NOT_VERIFIED, Gate.NO_CONSENT, Gate.CERT_MISSING,
                                          Gate.LANGUAGE_BELOW]


def test_gate_codes_are_codes_not_words():
    assert {str(g) for g in Gate} == {g.name for g in Gate}
