"""Look-ups, departures and opening codes for Immigration: consent respected, the early warning raised once,
every call audited without the NIK or passport number, the same work for known and unknown people."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.domain.immigration import NOT_REGISTERED, NOT_SHARED, Identifier, Window
from app.extensions import db as _db
from app.models import Alert, AuditEntry, Consent
from app.security.crypto import exchange_hash, keyed_hash
from app.services import alerts, consents, immigration
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.erasure import erase_seeker
from tests.services.helpers_applications import make_opening
from tests.services.helpers_immigration import make_traveller

API = Actor.api_client(1, "10.0.0.1")


def ask(kind: str, value: str):
    return immigration.lookup(Identifier(kind, value), API)


def identifiers(traveller):
    return {"nik": traveller.nik, "passport_number": traveller.passport, "nik_hash": traveller.nik_hash}


@pytest.mark.parametrize("kind", ["nik", "passport_number", "nik_hash"])
def test_a_consenting_seeker_with_verified_papers_is_found_by_each_identifier(db, kind):
    traveller = make_traveller("documents_verified", departure_date=date(2026, 4, 2))
    given = ask(kind, identifiers(traveller)[kind])
    assert given.registered and given.consent_to_share and given.active_placement
    opening = traveller.placement.opening
    assert (given.stage, given.destination_country, given.destination_city, given.employer, given.opening_code,
            given.departure_date) == ("documents_verified", "JP", "Toyama", "Toyama Care Ltd", opening.code,
                                      date(2026, 4, 2))


@pytest.mark.parametrize("kind, value", [
    ("nik", "1971010203049999"), ("passport_number", "X9999999"), ("nik_hash", "0" * 64)])
def test_an_unknown_person_is_simply_not_registered(db, kind, value):
    make_traveller()
    assert ask(kind, value) == NOT_REGISTERED


def test_without_consent_only_registered_is_said(db):
    traveller = make_traveller("departed", consent=False)
    assert ask("nik", traveller.nik) == NOT_SHARED


def test_a_withdrawn_consent_counts_from_the_next_look_up(db):
    traveller = make_traveller("departed")
    assert ask("nik", traveller.nik).consent_to_share
    consents.withdraw(traveller.seeker, "immigration_sharing", Actor.for_user(traveller.seeker.user)
                      if traveller.seeker.user else Actor.system("test"))
    assert ask("nik", traveller.nik) == NOT_SHARED


def test_an_erased_seeker_is_no_longer_registered(db):
    traveller = make_traveller(stage=None)
    assert ask("nik_hash", traveller.nik_hash).registered
    erase_seeker(traveller.seeker, Actor.system("test"))
    for kind, value in identifiers(traveller).items():
        assert ask(kind, value) == NOT_REGISTERED


def test_a_seeker_registered_after_a_hash_look_up_is_found_by_hash_at_once(db):
    ask("nik_hash", "0" * 64)
    traveller = make_traveller("departed")
    assert ask("nik_hash", traveller.nik_hash).active_placement


def test_a_hash_under_another_key_finds_nobody(db):
    traveller = make_traveller("departed")
    assert ask("nik_hash", exchange_hash(traveller.nik, "some-other-key")) == NOT_REGISTERED


# --- the early warning ---------------------------------------------------------------------------

def open_alerts(seeker_id):
    return _db.session.scalars(select(Alert).where(Alert.seeker_id == seeker_id, Alert.resolved_at.is_(None))).all()


@pytest.mark.parametrize("stage, consent", [(None, True), ("applied", True), ("accepted", True), ("arrived", True),
                                            ("cancelled", True), ("applied", False)])
def test_a_registered_seeker_without_a_travel_stage_warns_coordinators_once(db, stage, consent):
    traveller = make_traveller(stage, consent=consent)
    ask("nik", traveller.nik)
    ask("passport_number", traveller.passport)
    raised = open_alerts(traveller.seeker.id)
    assert [(a.kind, a.severity) for a in raised] == [("immigration_lookup", "high")]
    assert raised[0].details == {"asked_by": API.label, "reason": "NO_TRAVEL_STAGE"}


@pytest.mark.parametrize("stage", ["contract_signed", "documents_verified", "departed"])
def test_a_placement_that_justifies_travel_raises_no_alert(db, stage):
    traveller = make_traveller(stage)
    ask("nik", traveller.nik)
    assert open_alerts(traveller.seeker.id) == []


def test_an_unknown_person_raises_no_alert(db):
    ask("nik", "1971010203049999")
    assert _db.session.scalars(select(Alert)).all() == []


def test_after_a_coordinator_resolved_the_alert_a_new_look_up_warns_again(db):
    traveller = make_traveller(stage=None)
    ask("nik", traveller.nik)
    alerts.resolve_alert(open_alerts(traveller.seeker.id)[0], Actor.system("test"))
    ask("nik", traveller.nik)
    assert len(open_alerts(traveller.seeker.id)) == 1
    assert len(_db.session.scalars(select(Alert)).all()) == 2


# --- the audit log -------------------------------------------------------------------------------

def test_every_look_up_is_audited_with_a_keyed_hash_and_a_summary_never_the_number(db):
    traveller = make_traveller(stage=None, consent=False)
    for kind, value in identifiers(traveller).items():
        ask(kind, value)
    entries = _db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_lookup")
                                  .order_by(AuditEntry.id)).all()
    assert [e.details["asked"] for e in entries] == ["nik", "passport_number", "nik_hash"]
    assert entries[0].details["asked_hash"] == keyed_hash(traveller.nik, "lookup")
    assert all(e.actor_label == "api:1" and e.remote_addr == "10.0.0.1" for e in entries)
    assert all(e.object_id == str(traveller.seeker.id) for e in entries)
    assert [e.details["alert_raised"] for e in entries] == [True, False, False]
    assert entries[0].details["registered"] is True and entries[0].details["consent_to_share"] is False
    everything = json.dumps([(e.details, e.object_id) for e in _db.session.scalars(select(AuditEntry))]
                            + [a.details for a in _db.session.scalars(select(Alert))])
    for secret in identifiers(traveller).values():
        assert secret not in everything


def test_a_look_up_of_nobody_is_audited_too(db):
    ask("passport_number", "X9999999")
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_lookup"))
    assert entry.object_id is None and entry.details["registered"] is False
    assert entry.details["asked_hash"] == keyed_hash("X9999999", "lookup")
    assert "X9999999" not in json.dumps(entry.details)


# --- the same work for anyone --------------------------------------------------------------------

def count_statements(run) -> int:
    seen = []

    def note(conn, cursor, statement, *args):
        seen.append(statement)
    event.listen(_db.engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(_db.engine, "before_cursor_execute", note)
    return len(seen)


@pytest.mark.parametrize("stage", ["departed", None])
@pytest.mark.parametrize("kind", ["nik", "passport_number", "nik_hash"])
def test_looking_up_nobody_runs_the_same_queries_as_looking_up_someone(db, kind, stage):
    traveller = make_traveller(stage)
    ask("nik_hash", traveller.nik_hash)   # builds the hash index, and raises the one alert a seeker without stage gets
    unknown = {"nik": "1971010203049999", "passport_number": "X9999999", "nik_hash": "f" * 64}[kind]
    assert count_statements(lambda: ask(kind, identifiers(traveller)[kind])) \
        == count_statements(lambda: ask(kind, unknown))


# --- departures ----------------------------------------------------------------------------------

def window(days_from: int = 0, days_to: int = 30) -> Window:
    today = local_today()
    return Window(today + timedelta(days=days_from), today + timedelta(days=days_to))


def soon(days: int) -> date:
    return local_today() + timedelta(days=days)


def test_departures_list_consenting_seekers_leaving_in_the_window_earliest_first(db):
    opening = make_opening()
    later = make_traveller("documents_verified", departure_date=soon(20), opening=opening)
    first = make_traveller("departed", departure_date=soon(0), opening=opening)
    make_traveller("documents_verified", departure_date=soon(31), opening=opening)     # after the window
    make_traveller("documents_verified", departure_date=soon(-1), opening=opening)     # before it
    make_traveller("documents_verified", departure_date=None, opening=opening)         # no date planned
    make_traveller("contract_signed", departure_date=soon(5), opening=opening)         # papers not verified
    make_traveller("documents_verified", departure_date=soon(5), consent=False, opening=opening)
    found = immigration.departures(window(), API)
    assert found.total == 2 and [d.nik_hash for d in found.items] == [first.nik_hash, later.nik_hash]
    assert [(d.answer.stage, d.answer.departure_date, d.answer.active_placement) for d in found.items] == [
        ("departed", soon(0), True), ("documents_verified", soon(20), True)]
    assert found.items[0].answer.opening_code == opening.code


def test_a_past_window_lists_who_departed_then_even_if_they_are_home_now(db):
    returned = make_traveller("returned", departure_date=soon(-200))
    found = immigration.departures(window(-210, -190), API)
    assert [(d.nik_hash, d.answer.stage, d.answer.active_placement) for d in found.items] == [
        (returned.nik_hash, "returned", False)]


def test_departures_are_paged_with_the_total(db):
    opening = make_opening(positions=10)
    for days in range(5):
        make_traveller("documents_verified", departure_date=soon(days), opening=opening)
    pages = [immigration.departures(window(), API, page=n, per_page=2) for n in (1, 2, 3, 4)]
    assert [len(p.items) for p in pages] == [2, 2, 1, 0]
    assert {p.total for p in pages} == {5} and pages[0].pages == 3
    assert [d.answer.departure_date for p in pages for d in p.items] == [soon(n) for n in range(5)]
    assert immigration.departures(window(), API, per_page=1000).per_page == 100


def test_every_departures_call_is_audited_with_the_window_and_the_placements_shown(db):
    traveller = make_traveller("documents_verified", departure_date=soon(3))
    immigration.departures(window(), API)
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_departures"))
    assert entry.details["placement_ids"] == [traveller.placement.id] and entry.details["total"] == 1
    assert entry.details["start"] == local_today().isoformat()
    assert traveller.nik not in json.dumps(entry.details)


def test_a_departure_of_a_seeker_who_withdrew_consent_is_no_longer_listed(db):
    traveller = make_traveller("documents_verified", departure_date=soon(3))
    _db.session.execute(Consent.__table__.update().values(withdrawn_at=_db.func.now()))
    _db.session.commit()
    assert immigration.departures(window(), API).total == 0
    assert traveller.placement.id


# --- opening codes -------------------------------------------------------------------------------

def test_an_approved_opening_code_is_valid_with_its_employer_and_place(db):
    opening = make_opening()
    check = immigration.verify_opening(opening.code.lower().replace("-", " "), API)
    assert (check.valid, check.code, check.status, check.city, check.country) == (
        True, opening.code, "approved", "Toyama", "JP")
    assert check.employer == opening.employer.legal_name
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_opening"))
    assert entry.object_id == str(opening.id) and entry.details == {"code": opening.code, "valid": True,
                                                                    "status": "approved"}


@pytest.mark.parametrize("status, approved_before, expected", [
    ("closed", True, (False, "closed", True)),
    ("submitted", True, (False, "under_review", True)),
    ("submitted", False, (False, "under_review", False)),
])
def test_a_closed_or_unapproved_opening_code_is_not_valid(db, status, approved_before, expected):
    opening = make_opening(status="approved")
    opening.status = status
    opening.approved_at = _db.func.now() if approved_before else None
    _db.session.commit()
    check = immigration.verify_opening(opening.code, API)
    assert (check.valid, check.status, check.employer is not None) == expected


@pytest.mark.parametrize("raw, status", [("JBT-AAAA-AAAA", "unknown"), ("hello", "malformed"), ("", "malformed")])
def test_an_unknown_or_malformed_code_is_not_valid(db, raw, status):
    make_opening()
    check = immigration.verify_opening(raw, API)
    assert (check.valid, check.status, check.employer) == (False, status, None)
