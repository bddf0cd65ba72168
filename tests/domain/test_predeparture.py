"""The pre-departure checklist rules: items, the gate, contract differences, passport validity, visa types."""
from datetime import date
from decimal import Decimal

import pytest

from app.domain import journey
from app.domain import predeparture as gate
from app.domain.predeparture import Difference, HeldDocument, ItemState, Terms
from app.domain.vocab import ACTIVE_STAGES, CLOSED_STAGES, PRE_DEPARTURE_ITEMS, STAGES

TODAY = date(2026, 3, 1)
START = date(2026, 6, 1)
OPENING = Terms("Care worker", Decimal("180000"), "JPY", 40, 24)
ALL_VERIFIED = {item: ItemState("verified") for item in PRE_DEPARTURE_ITEMS}


# --- the items and the gate ---------------------------------------------------------------------------


def test_every_item_is_held_either_by_the_seeker_or_by_the_placement():
    assert set(gate.SEEKER_HELD) | set(gate.PLACEMENT_HELD) == set(PRE_DEPARTURE_ITEMS)
    assert set(gate.SEEKER_HELD) & set(gate.PLACEMENT_HELD) == set()
    assert len(PRE_DEPARTURE_ITEMS) == 9


@pytest.mark.parametrize("item", PRE_DEPARTURE_ITEMS)
@pytest.mark.parametrize("state", [None, ItemState("pending"), ItemState("flagged"), ItemState("rejected"),
                                   ItemState("verified", "pending"), ItemState("verified", "rejected")])
def test_departure_is_refused_while_any_one_item_is_not_cleared(item, state):
    states = {**ALL_VERIFIED, item: state} if state else {k: v for k, v in ALL_VERIFIED.items() if k != item}
    assert gate.departure_problems(states) == [gate.PREDEPARTURE_INCOMPLETE]
    assert gate.missing_items(states) == [item]


def test_departure_is_allowed_when_every_item_is_verified():
    assert gate.departure_problems(ALL_VERIFIED) == []
    assert gate.departure_problems({k: ItemState("verified", "verified") for k in PRE_DEPARTURE_ITEMS}) == []


def test_the_missing_items_come_in_checklist_order():
    assert gate.missing_items({}) == list(PRE_DEPARTURE_ITEMS)


@pytest.mark.parametrize("state,cleared", [
    (None, False), (ItemState("pending"), False), (ItemState("flagged"), False), (ItemState("rejected"), False),
    (ItemState("verified"), True), (ItemState("verified", "verified"), True),
    (ItemState("verified", "pending"), False),   # the seeker replaced the paper after it was attached
    (ItemState("verified", "rejected"), False),
])
def test_an_item_counts_only_when_verified_with_its_document_still_verified(state, cleared):
    assert gate.is_cleared(state) is cleared


@pytest.mark.parametrize("stage", STAGES)
def test_the_checklist_is_worked_on_only_between_the_signed_contract_and_the_departure(stage):
    assert gate.is_open(stage) is (stage in ("contract_signed", "documents_verified"))


# --- the contract against the opening -----------------------------------------------------------------


def contract(**changes) -> Terms:
    fields = {"job_title": "Care worker", "monthly_wage": Decimal("180000"), "currency": "JPY",
              "hours_per_week": 40, "contract_months": 24}
    return Terms(**{**fields, **changes})


@pytest.mark.parametrize("changes,expected", [
    ({}, []),
    ({"monthly_wage": Decimal("180000.00")}, []),
    ({"currency": "jpy "}, []),
    ({"job_title": "  care   WORKER. "}, []),
    ({"monthly_wage": Decimal("150000")}, [Difference("monthly_wage", Decimal("180000"), Decimal("150000"))]),
    ({"monthly_wage": Decimal("200000")}, [Difference("monthly_wage", Decimal("180000"), Decimal("200000"))]),
    ({"currency": "USD"}, [Difference("currency", "JPY", "USD")]),
    ({"hours_per_week": 48}, [Difference("hours_per_week", 40, 48)]),
    ({"job_title": "Cleaner"}, [Difference("job_title", "Care worker", "Cleaner")]),
    ({"contract_months": 36}, [Difference("contract_months", 24, 36)]),
    ({"monthly_wage": Decimal("90000"), "hours_per_week": 60},
     [Difference("monthly_wage", Decimal("180000"), Decimal("90000")), Difference("hours_per_week", 40, 60)]),
])
def test_every_difference_between_the_contract_and_the_opening_is_listed(changes, expected):
    differences = gate.contract_differences(OPENING, contract(**changes))
    assert differences == expected
    assert gate.contract_decision(differences) == ("flagged" if expected else "verified")


def test_a_term_the_opening_does_not_state_cannot_be_shown_to_match():
    silent = Terms("Care worker", None, "JPY", 40, 24)
    assert gate.contract_differences(silent, contract()) == [Difference("monthly_wage", None, Decimal("180000"))]


@pytest.mark.parametrize("field", gate.TERM_FIELDS)
def test_a_contract_with_a_term_left_blank_cannot_be_compared(field):
    assert gate.terms_problems(contract(**{field: None})) == [gate.TERMS_INCOMPLETE]
    assert gate.terms_problems(contract()) == []


# --- the passport: valid for the contract plus six months ------------------------------------------


@pytest.mark.parametrize("day,months,expected", [
    (date(2026, 6, 1), 30, date(2028, 12, 1)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),     # a shorter month ends on its last day
    (date(2027, 8, 31), 6, date(2028, 2, 29)),     # leap year
    (date(2026, 11, 15), 2, date(2027, 1, 15)),    # across the year end
])
def test_months_are_added_on_the_calendar(day, months, expected):
    assert gate.add_months(day, months) == expected


@pytest.mark.parametrize("expires_on,problems", [
    (date(2028, 12, 1), []),                                   # exactly start + 24 months + 6 months
    (date(2028, 12, 2), []),
    (date(2028, 11, 30), [gate.PASSPORT_TOO_SHORT]),           # one day short
    (date(2028, 6, 1), [gate.PASSPORT_TOO_SHORT]),             # covers the contract, not the six months
    (None, [gate.PASSPORT_EXPIRY_UNKNOWN]),
])
def test_the_passport_must_be_valid_until_start_plus_contract_plus_six_months(expires_on, problems):
    assert gate.passport_needed_until(START, 24) == date(2028, 12, 1)
    assert gate.passport_problems(expires_on, START, 24) == problems


@pytest.mark.parametrize("start,months", [(None, 24), (START, None), (START, 0)])
def test_a_passport_cannot_be_judged_without_the_start_date_and_length(start, months):
    assert gate.passport_problems(date(2035, 1, 1), start, months) == [gate.START_DATE_UNKNOWN]


# --- the visa: a work visa, never a tourist or visit visa --------------------------------------------


@pytest.mark.parametrize("visa_type,problems", [
    ("work", []),
    ("tourist", [gate.VISA_TOURIST_OR_VISIT]),
    ("visit", [gate.VISA_TOURIST_OR_VISIT]),
    ("business", [gate.VISA_NOT_FOR_WORK]),
    ("transit", [gate.VISA_NOT_FOR_WORK]),
    ("student", [gate.VISA_NOT_FOR_WORK]),
    ("other", [gate.VISA_NOT_FOR_WORK]),
    ("", [gate.VISA_TYPE_REQUIRED]),
    (None, [gate.VISA_TYPE_REQUIRED]),
    ("E-9", [gate.VISA_TYPE_REQUIRED]),
])
def test_only_a_work_visa_is_accepted(visa_type, problems):
    assert gate.visa_problems(visa_type, None, START) == problems


def test_every_visa_type_is_judged():
    assert {t for t in gate.VISA_TYPES if gate.visa_problems(t, None, START)} == set(gate.VISA_TYPES) - {"work"}


@pytest.mark.parametrize("valid_until,problems", [
    (date(2026, 5, 31), [gate.VISA_EXPIRES_BEFORE_START]), (START, []), (None, []), (date(2027, 1, 1), []),
])
def test_a_work_visa_must_not_end_before_the_work_starts(valid_until, problems):
    assert gate.visa_problems("work", valid_until, START) == problems


# --- attaching the seeker's own papers -----------------------------------------------------------------


@pytest.mark.parametrize("item", gate.SEEKER_HELD)
def test_each_seeker_paper_can_be_attached_once_verified(item):
    expires = date(2035, 1, 1) if item == "passport" else None
    paper = HeldDocument(item, "verified", expires)
    assert gate.attach_problems(item, paper, TODAY, START, 24) == []
    assert gate.attach_problems(item, HeldDocument(item, "pending", expires), TODAY, START, 24) == [
        gate.DOCUMENT_NOT_VERIFIED]
    assert gate.attach_problems(item, HeldDocument(item, "rejected", expires), TODAY, START, 24) == [
        gate.DOCUMENT_NOT_VERIFIED]


@pytest.mark.parametrize("item", gate.PLACEMENT_HELD)
def test_placement_documents_are_never_taken_from_the_seekers_papers(item):
    assert gate.attach_problems(item, HeldDocument(item, "verified", None), TODAY, START, 24) == [
        gate.NOT_ATTACHABLE]


def test_a_paper_of_another_kind_cannot_be_attached():
    paper = HeldDocument("bpjs", "verified", None)
    assert gate.attach_problems("health_certificate", paper, TODAY, START, 24) == [gate.DOCUMENT_WRONG_KIND]


def test_an_expired_paper_cannot_be_attached():
    paper = HeldDocument("health_certificate", "verified", date(2026, 2, 28))
    assert gate.attach_problems("health_certificate", paper, TODAY, START, 24) == [gate.DOCUMENT_EXPIRED]
    still_valid = HeldDocument("health_certificate", "verified", TODAY)
    assert gate.attach_problems("health_certificate", still_valid, TODAY, START, 24) == []


def test_a_passport_is_judged_by_its_own_expiry_or_else_the_profiles():
    short = HeldDocument("passport", "verified", date(2027, 1, 1))
    assert gate.attach_problems("passport", short, TODAY, START, 24) == [gate.PASSPORT_TOO_SHORT]
    undated = HeldDocument("passport", "verified", None)
    assert gate.attach_problems("passport", undated, TODAY, START, 24, date(2031, 1, 1)) == []
    assert gate.attach_problems("passport", undated, TODAY, START, 24) == [gate.PASSPORT_EXPIRY_UNKNOWN]


def test_rule_refusals_are_about_the_paper_and_not_about_what_was_typed():
    assert gate.PASSPORT_TOO_SHORT in gate.RULE_REFUSALS and gate.VISA_TOURIST_OR_VISIT in gate.RULE_REFUSALS
    assert gate.DOCUMENT_NOT_VERIFIED not in gate.RULE_REFUSALS and gate.VISA_TYPE_REQUIRED not in gate.RULE_REFUSALS


# --- the seeker's journey ----------------------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_the_employers_contact_is_shown_from_acceptance_on_and_never_on_a_closed_placement(stage):
    expected = stage in ACTIVE_STAGES and ACTIVE_STAGES.index(stage) >= ACTIVE_STAGES.index("accepted")
    assert journey.shows_employer_contact(stage) is expected
    assert journey.shows_checklist(stage) is expected


def test_the_progress_marks_earlier_steps_done_and_the_stage_current():
    steps = dict(journey.progress("contract_signed"))
    assert steps["applied"] == steps["accepted"] == "done"
    assert steps["contract_signed"] == "current"
    assert steps["departed"] == "upcoming"


def test_a_step_the_history_skipped_stays_upcoming():
    reached = ("applied", "shortlisted", "interview", "offered", "accepted", "contract_signed",
               "documents_verified", "departed", "arrived", "returned")
    steps = dict(journey.progress("returned", reached))
    assert steps["completed"] == "upcoming" and steps["arrived"] == "done" and steps["returned"] == "current"


@pytest.mark.parametrize("stage", CLOSED_STAGES)
def test_a_closed_placement_has_no_current_step(stage):
    steps = dict(journey.progress(stage, ("applied", "shortlisted", stage)))
    assert "current" not in steps.values()
    assert steps["applied"] == steps["shortlisted"] == "done" and steps["interview"] == "upcoming"
