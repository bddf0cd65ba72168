"""The readiness checklist: each item's state from plain facts, with the 60-day and 6-month boundaries."""
from datetime import date, timedelta

import pytest

from app.domain.readiness import (
    DOCUMENT_ITEMS,
    Item,
    Paper,
    ReadinessFacts,
    add_months,
    adult_on,
    counts,
    readiness,
)

TODAY = date(2026, 3, 15)
ADULT = date(2000, 5, 17)


def facts(**overrides) -> ReadinessFacts:
    fields = {"birth_date": ADULT, "has_education": True, "skill_count": 2, "has_phone": True,
              "consents": frozenset({"matching"})}
    return ReadinessFacts(**{**fields, **overrides})


def item(code: str, **overrides) -> Item:
    return next(i for i in readiness(facts(**overrides), TODAY) if i.code == code)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_the_checklist_lists_every_item_in_order_for_an_adult_without_languages():
    codes = [i.code for i in readiness(facts(), TODAY)]
    assert codes == ["profile", "competency_certificate", *DOCUMENT_ITEMS, "consent_matching"]


@pytest.mark.parametrize("overrides, state, lacking", [
    ({}, "done", None),
    ({"has_education": False}, "missing", ["education"]),
    ({"skill_count": 0}, "missing", ["skills"]),
    ({"has_phone": False}, "missing", ["phone"]),
    ({"has_education": False, "skill_count": 0, "has_phone": False}, "missing", ["education", "skills", "phone"]),
])
def test_a_complete_profile_needs_education_a_skill_and_a_phone(overrides, state, lacking):
    profile = item("profile", **overrides)
    assert profile.state == state
    assert profile.data.get("lacking") == lacking


@pytest.mark.parametrize("papers, state, data", [
    ((), "missing", {}),
    ((Paper("verified", None),), "done", {}),
    ((Paper("verified", days(61)),), "done", {"expires_on": days(61)}),
    ((Paper("verified", days(60)),), "expiring", {"expires_on": days(60), "renewal_pending": False}),
    ((Paper("verified", days(0)),), "expiring", {"expires_on": days(0), "renewal_pending": False}),
    ((Paper("verified", days(-1)),), "missing", {"expired_on": days(-1)}),
    ((Paper("pending", days(400)),), "pending", {}),
    ((Paper("pending", days(-1)),), "missing", {}),  # sent in already expired: it will never count
    ((Paper("rejected", days(400)),), "missing", {"rejected": True}),
    ((Paper("verified", days(-30)), Paper("rejected", days(400))), "missing",
     {"expired_on": days(-30), "rejected": True}),
    ((Paper("verified", days(-30)), Paper("pending", days(700))), "pending", {}),  # a renewal under review
    ((Paper("verified", days(30)), Paper("pending", days(700))), "expiring",
     {"expires_on": days(30), "renewal_pending": True}),
    ((Paper("verified", days(30)), Paper("verified", days(700))), "done", {"expires_on": days(700)}),
    ((Paper("rejected", days(400)), Paper("verified", days(400))), "done", {"expires_on": days(400)}),
])
def test_the_competency_certificate_item_follows_the_best_certificate(papers, state, data):
    assert item("competency_certificate", certifications=papers) == Item("competency_certificate", state, data)


def passport(status: str, expires_on: date | None) -> Paper:
    return Paper(status, expires_on, "passport")


SIX_MONTHS = date(2026, 9, 15)


@pytest.mark.parametrize("expires_on, state", [
    (None, "done"),
    (SIX_MONTHS + timedelta(days=61), "done"),
    (SIX_MONTHS + timedelta(days=60), "expiring"),  # soon less than 6 months left
    (SIX_MONTHS, "expiring"),  # exactly 6 months left still counts
    (SIX_MONTHS - timedelta(days=1), "missing"),  # less than 6 months: renew now
    (TODAY - timedelta(days=1), "missing"),
])
def test_a_passport_must_be_valid_six_months_beyond_today(expires_on, state):
    assert item("passport", documents=(passport("verified", expires_on),)).state == state


def test_a_passport_with_less_than_six_months_left_says_until_when_it_must_be_valid():
    short = item("passport", documents=(passport("verified", date(2026, 6, 1)),))
    assert short.data == {"expires_on": date(2026, 6, 1), "needs_until": SIX_MONTHS}


def test_a_pending_passport_that_would_be_too_short_is_not_waited_for():
    assert item("passport", documents=(passport("pending", date(2026, 6, 1)),)).state == "missing"


@pytest.mark.parametrize("kind", ["health_certificate", "bpjs", "family_permission", "marital_status",
                                  "opp_certificate"])
@pytest.mark.parametrize("status, expires_on, state", [
    ("verified", None, "done"),
    ("verified", TODAY + timedelta(days=60), "expiring"),
    ("verified", TODAY + timedelta(days=61), "done"),
    ("verified", TODAY - timedelta(days=1), "missing"),
    ("pending", None, "pending"),
    ("rejected", None, "missing"),
])
def test_each_departure_document_has_its_own_item(kind, status, expires_on, state):
    assert item(kind, documents=(Paper(status, expires_on, kind),)).state == state


def test_a_document_of_another_kind_does_not_count():
    assert item("bpjs", documents=(Paper("verified", None, "health_certificate"),)).state == "missing"


@pytest.mark.parametrize("count, with_scan, expected", [
    (0, 0, None),
    (1, 1, Item("language_certificate", "done")),
    (2, 1, Item("language_certificate", "missing", {"without": 1})),
    (1, 0, Item("language_certificate", "missing", {"without": 1})),
])
def test_a_language_certificate_is_asked_for_only_when_the_seeker_lists_a_language(count, with_scan, expected):
    items = readiness(facts(language_count=count, languages_with_certificate=with_scan), TODAY)
    assert next((i for i in items if i.code == "language_certificate"), None) == expected


SEVENTEEN = date(2008, 6, 1)


@pytest.mark.parametrize("born, consents, state, data", [
    (ADULT, {"matching"}, "done", {}),
    (ADULT, set(), "missing", {}),
    (ADULT, {"employer_contact"}, "missing", {}),
    (SEVENTEEN, {"matching"}, "missing", {"guardian_needed": True}),
    (SEVENTEEN, {"matching", "guardian"}, "done", {}),
])
def test_consent_to_matching_and_a_guardians_under_18(born, consents, state, data):
    assert item("consent_matching", birth_date=born, consents=frozenset(consents)) == Item("consent_matching",
                                                                                          state, data)


@pytest.mark.parametrize("born, listed", [
    (date(2008, 3, 16), True),  # turns 18 tomorrow
    (date(2008, 3, 15), False),  # turns 18 today
    (ADULT, False),
])
def test_under_18_the_checklist_says_from_when_one_may_work_abroad(born, listed):
    first = readiness(facts(birth_date=born), TODAY)[0]
    assert (first == Item("adult", "pending", {"on": date(2026, 3, 16)})) is listed


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 3, 15), 6, date(2026, 9, 15)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2027, 8, 31), 6, date(2028, 2, 29)),
    (date(2026, 12, 1), 1, date(2027, 1, 1)),
])
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_born_on_29_february_one_turns_18_on_1_march_in_a_common_year():
    assert adult_on(date(2008, 2, 29)) == date(2026, 3, 1)


def test_counts_has_every_state():
    items = [Item("a", "done"), Item("b", "done"), Item("c", "missing")]
    assert counts(items) == {"done": 2, "pending": 0, "missing": 1, "expiring": 0}
