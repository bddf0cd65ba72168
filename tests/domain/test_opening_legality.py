"""Legality checks for an opening: each rule, each boundary, from one table."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.destinations import RuleFacts
from app.domain.opening_legality import (
    AGE_RANGE_LAWFUL,
    AGREEMENT_ACTIVE,
    CERTIFICATION_REQUIRED,
    CHECK_ORDER,
    CONTRACT_FIELDS_COMPLETE,
    DESTINATION,
    EMPLOYER_VERIFIED,
    NO_WORKER_FEE,
    WAGE_PRESENT,
    OpeningFacts,
    check_opening,
    failed,
    is_blocked_destination,
    missing_contract_fields,
    review_state,
    submission_blockers,
)

TODAY = date(2026, 3, 1)
RULES = [
    RuleFacts(1, "MM", None, "blocked", date(2025, 10, 28), source="KP2MI"),
    RuleFacts(2, "SA", None, "allowed", date(2020, 8, 1)),
    RuleFacts(3, "SA", "domestic-work", "blocked", date(2015, 7, 1)),
    RuleFacts(4, "JP", None, "allowed", date(2020, 8, 1)),
    RuleFacts(5, "LA", None, "caution", date(2022, 9, 30)),
    RuleFacts(6, "KR", None, "allowed", date(2020, 8, 1)),
    RuleFacts(7, "KR", None, "blocked", date(2026, 6, 1)),  # a ban that starts before the job does
]
GOOD = OpeningFacts(
    employer_name="Osaka Care Ltd", employer_verified=True, agreement_active=True, title="Caregiver",
    occupation_code="5322", country_code="JP", sector_code="care", start_date=date(2026, 9, 1),
    monthly_wage=Decimal("210000"), currency="JPY", hours_per_week=40, annual_leave_days=10,
    insurance="Health and employment insurance", contract_months=36, worker_costs_idr=Decimal(0),
    min_age=18, max_age=35, scheme_codes=("JP-SSW-CARE",),
)


def result(facts, code):
    return next(r for r in check_opening(facts, RULES, TODAY) if r.code == code)


def test_a_complete_lawful_opening_passes_every_check_in_order():
    results = check_opening(GOOD, RULES, TODAY)
    assert [r.code for r in results] == list(CHECK_ORDER)
    assert failed(results) == []
    assert review_state(results) == "approvable"


@pytest.mark.parametrize("code, changes, passed", [
    (EMPLOYER_VERIFIED, {"employer_verified": False}, False),
    (AGREEMENT_ACTIVE, {"agreement_active": False}, False),
    (WAGE_PRESENT, {"monthly_wage": None}, False),
    (WAGE_PRESENT, {"monthly_wage": Decimal(0)}, False),
    (WAGE_PRESENT, {"monthly_wage": Decimal("0.01")}, True),
    (WAGE_PRESENT, {"currency": None}, False),
    (NO_WORKER_FEE, {"worker_costs_idr": Decimal(1)}, False),
    (NO_WORKER_FEE, {"worker_costs_idr": Decimal(0)}, True),
    (NO_WORKER_FEE, {"worker_costs_idr": None}, True),  # nothing entered: nothing charged
    (AGE_RANGE_LAWFUL, {"min_age": 17}, False),
    (AGE_RANGE_LAWFUL, {"min_age": 18}, True),
    (AGE_RANGE_LAWFUL, {"min_age": None}, False),
    (AGE_RANGE_LAWFUL, {"min_age": 25, "max_age": 24}, False),
    (AGE_RANGE_LAWFUL, {"min_age": 25, "max_age": 25}, True),
    (AGE_RANGE_LAWFUL, {"max_age": None}, True),
    (CERTIFICATION_REQUIRED, {"scheme_codes": ()}, False),
    (CERTIFICATION_REQUIRED, {"scheme_codes": ("SKK-CPMI",)}, True),
    (CONTRACT_FIELDS_COMPLETE, {"insurance": "  "}, False),
    (DESTINATION, {"country_code": "MM", "sector_code": "manufacturing"}, False),
    (DESTINATION, {"country_code": "MM", "caution_justification": "We checked it"}, False),  # blocked is blocked
    (DESTINATION, {"country_code": "SA", "sector_code": "domestic-work"}, False),
    (DESTINATION, {"country_code": "SA", "sector_code": "construction"}, True),
    (DESTINATION, {"country_code": "LA"}, False),                                   # caution, no justification
    (DESTINATION, {"country_code": "LA", "caution_justification": "   "}, False),   # blank is not a reason
    (DESTINATION, {"country_code": "LA", "caution_justification": "Bilateral pilot, checked"}, True),
    (DESTINATION, {"country_code": "FR"}, False),                                   # no rule: caution
    (DESTINATION, {"country_code": "KR"}, False),                                   # banned by the start date
    (DESTINATION, {"country_code": "KR", "start_date": date(2026, 5, 31)}, True),
])
def test_each_check_and_its_boundaries(code, changes, passed):
    assert result(replace(GOOD, **changes), code).passed is passed


@pytest.mark.parametrize("changes, missing", [
    ({}, []),
    ({"employer_name": ""}, ["employer"]),
    ({"title": None}, ["job"]),
    ({"occupation_code": None}, ["job"]),
    ({"monthly_wage": None}, ["wage"]),
    ({"currency": ""}, ["wage"]),
    ({"hours_per_week": None}, ["hours"]),
    ({"annual_leave_days": None}, ["leave"]),
    ({"annual_leave_days": 0}, []),  # zero is an answer the coordinator can question, not a gap
    ({"insurance": None}, ["insurance"]),
    ({"contract_months": None}, ["duration"]),
    ({"insurance": None, "hours_per_week": None, "contract_months": None}, ["hours", "insurance", "duration"]),
])
def test_missing_contract_fields_are_named_in_the_laws_order(changes, missing):
    facts = replace(GOOD, **changes)
    assert missing_contract_fields(facts) == missing
    assert result(facts, CONTRACT_FIELDS_COMPLETE).data["missing"] == missing


def test_the_destination_result_says_which_rule_decided_and_when():
    data = result(replace(GOOD, country_code="mm"), DESTINATION).data
    assert data["status"] == "blocked" and data["rule_id"] == 1 and data["source"] == "KP2MI"
    assert data["country"] == "MM"
    assert result(replace(GOOD, country_code="KR"), DESTINATION).data["on"] == date(2026, 9, 1)


def test_a_destination_without_a_start_date_is_judged_today():
    assert result(replace(GOOD, country_code="KR", start_date=None), DESTINATION).passed


@pytest.mark.parametrize("changes, state", [
    ({}, "approvable"),
    ({"country_code": "LA"}, "needs_justification"),
    ({"country_code": "LA", "worker_costs_idr": Decimal(1)}, "refused"),
    ({"country_code": "MM"}, "refused"),
    ({"scheme_codes": ()}, "refused"),
])
def test_review_state(changes, state):
    assert review_state(check_opening(replace(GOOD, **changes), RULES, TODAY)) == state


def test_only_the_channel_and_the_contract_stop_a_submission():
    facts = replace(GOOD, employer_verified=False, worker_costs_idr=Decimal(5), insurance=None, scheme_codes=())
    blockers = submission_blockers(check_opening(facts, RULES, TODAY))
    assert [r.code for r in blockers] == [EMPLOYER_VERIFIED, CONTRACT_FIELDS_COMPLETE]


def test_a_blocked_destination_is_recognised():
    assert is_blocked_destination(check_opening(replace(GOOD, country_code="MM"), RULES, TODAY))
    assert not is_blocked_destination(check_opening(replace(GOOD, country_code="LA"), RULES, TODAY))
