"""The officer's pages: the same look-ups as the API by hand, with the reason when nothing can be shown,
and upcoming departures; every look-up audited without the number asked."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import Alert, AuditEntry
from app.services.catalogue import local_today
from tests.services.helpers_applications import make_opening
from tests.services.helpers_immigration import make_traveller


@pytest.fixture
def officer(client, login_as):
    login_as("officer")
    client.post("/language", data={"locale": "en"})
    return client


def look_up(client, kind, number):
    response = client.post("/officer/lookup", data={"kind": kind, "number": number})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_dashboard_leads_to_the_look_up_and_the_departures(officer):
    page = officer.get("/officer/").get_data(as_text=True)
    assert 'href="/officer/lookup"' in page and 'href="/officer/departures"' in page and 'href="/api/v1/docs"' in page


@pytest.mark.parametrize("kind", ["nik", "passport_number"])
def test_a_placed_seeker_is_shown_with_destination_and_employer(officer, db, kind):
    traveller = make_traveller("documents_verified", departure_date=local_today() + timedelta(days=5))
    page = look_up(officer, kind, traveller.nik if kind == "nik" else traveller.passport.lower())
    assert "Registered — active placement" in page
    assert "Toyama Care Ltd" in page and "Toyama, Japan" in page and traveller.placement.opening.code in page
    assert "Documents verified" in page


def test_a_seeker_who_did_not_consent_is_shown_as_registered_with_the_reason(officer, db):
    traveller = make_traveller("departed", consent=False)
    page = look_up(officer, "nik", traveller.nik)
    assert "Registered — details not shared" in page and "has not agreed to share" in page
    assert "Toyama Care Ltd" not in page


def test_an_unknown_person_is_shown_as_not_registered(officer, db):
    page = look_up(officer, "nik", "1971010203049999")
    assert "Not registered" in page and "1971********9999" in page


def test_a_registered_seeker_without_a_placement_is_shown_and_coordinators_are_alerted(officer, db):
    traveller = make_traveller(stage=None)
    page = look_up(officer, "passport_number", traveller.passport)
    assert "Registered — no active placement" in page
    assert db.session.scalar(select(Alert.seeker_id)) == traveller.seeker.id


@pytest.mark.parametrize("kind, number, message", [
    ("nik", "12345", "A NIK has exactly 16 digits."),
    ("passport_number", "?", "A passport number has 6 to 9 letters and digits"),
    ("nik", "", "Enter the NIK or the passport number."),
])
def test_a_malformed_number_is_explained_and_nothing_is_looked_up(officer, db, kind, number, message):
    page = look_up(officer, kind, number)
    assert message in page
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "officer_lookup")) is None


def test_every_look_up_is_audited_as_the_officer_without_the_number(officer, db):
    traveller = make_traveller(stage="departed")
    look_up(officer, "nik", traveller.nik)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "officer_lookup"))
    assert entry.actor_label.startswith("officer:") and entry.details["asked"] == "nik"
    assert entry.object_id == str(traveller.seeker.id)
    assert traveller.nik not in json.dumps(entry.details)


def test_the_departures_page_shows_the_next_30_days_by_default(officer, db):
    opening = make_opening(positions=5)
    today = local_today()
    make_traveller("documents_verified", departure_date=today + timedelta(days=2), opening=opening)
    make_traveller("documents_verified", departure_date=today + timedelta(days=45), opening=opening)
    page = officer.get("/officer/departures").get_data(as_text=True)
    assert "1 departure from" in page and opening.code in page
    assert f'value="{today.isoformat()}"' in page and f'value="{(today + timedelta(days=30)).isoformat()}"' in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "officer_departures"))
    assert entry.details["total"] == 1


def test_the_departures_page_filters_by_dates(officer, db):
    today = local_today()
    make_traveller("documents_verified", departure_date=today + timedelta(days=45))
    end = today + timedelta(days=60)
    page = officer.get(f"/officer/departures?from={today + timedelta(days=40)}&to={end}").get_data(as_text=True)
    assert "1 departure from" in page and "Toyama Care Ltd" in page


@pytest.mark.parametrize("query, message", [
    ("from=2026-02-30", "Enter dates as shown"),
    ("from=2026-03-10&to=2026-03-01", "The end date is before the start date."),
    ("from=2026-01-01&to=2028-01-01", "at most one year"),
])
def test_bad_dates_are_explained(officer, db, query, message):
    response = officer.get(f"/officer/departures?{query}")
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_an_empty_period_says_so(officer, db):
    assert "No departures in this period." in officer.get("/officer/departures").get_data(as_text=True)


def test_departures_are_paged(officer, db):
    opening = make_opening(positions=60)
    for _ in range(51):
        make_traveller("documents_verified", departure_date=local_today() + timedelta(days=1), opening=opening)
    first = officer.get("/officer/departures").get_data(as_text=True)
    assert "51 departures" in first and "Page 1 of 2" in first and "page=2" in first
    assert "Page 2 of 2" in officer.get("/officer/departures?page=2").get_data(as_text=True)
