"""Coordinator pages for partner cities and destination rules."""
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, DestinationRule, PartnerCity
from tests.factories import make_employer, make_partner_city
from tests.services.helpers_partners import PDF, make_opening, restore_rules, snapshot_rules


@pytest.fixture
def coordinator(db, login_as):
    return login_as("coordinator", locale="en")


def city_form(**overrides):
    data = {"name": "Kitakyushu", "country_code": "JP", "agreement_kind": "Sister-city MoU",
            "agreement_status": "active", "agreement_signed_on": "2025-01-01", "agreement_expires_on": "2030-01-01",
            "sector_codes": ["care", "hospitality"], "contact_name": "International desk",
            "contact_email": "desk@city.example", "notes": ""}
    data.update(overrides)
    return data


def test_a_coordinator_adds_a_partner_city_with_its_scan_and_downloads_it(client, db, coordinator):
    response = client.post("/coordinator/partners/new", data=city_form(scan=(io.BytesIO(PDF), "mou.pdf")),
                           content_type="multipart/form-data")
    city = db.session.scalar(select(PartnerCity))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/coordinator/partners/{city.id}")
    assert sorted(s.sector_code for s in city.sectors) == ["care", "hospitality"]
    page = client.get(f"/coordinator/partners/{city.id}").get_data(as_text=True)
    assert "Kitakyushu" in page and f"/coordinator/partners/{city.id}/agreement" in page
    download = client.get(f"/coordinator/partners/{city.id}/agreement")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_a_city_whose_agreement_expires_before_it_is_signed_is_refused_and_the_form_keeps_what_was_typed(
        client, db, coordinator):
    response = client.post("/coordinator/partners/new", data=city_form(agreement_expires_on="2024-01-01"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and db.session.scalar(select(PartnerCity)) is None
    assert "The agreement cannot expire before it is signed." in page
    assert 'value="Kitakyushu"' in page and 'value="desk@city.example"' in page
    assert page.count('checked') == 2  # the two sectors ticked


def test_a_scan_that_is_not_a_document_is_refused_beside_the_field(client, db, coordinator):
    response = client.post("/coordinator/partners/new",
                           data=city_form(scan=(io.BytesIO(b"#!/bin/sh\necho hi\n"), "mou.pdf")),
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "Upload a PDF, JPEG or PNG file." in response.get_data(as_text=True)
    assert db.session.scalar(select(PartnerCity)) is None


def test_changing_a_city_is_audited(client, db, coordinator):
    city = make_partner_city(name="Changwon", country_code="KR", is_demo=False)
    response = client.post(f"/coordinator/partners/{city.id}",
                           data=city_form(name="Changwon", country_code="KR", agreement_status="suspended"))
    assert response.status_code == 302
    assert db.session.get(PartnerCity, city.id).agreement_status == "suspended"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "partner_city_changed"))


def test_demo_cities_carry_a_demo_badge_on_the_list_and_their_page(client, db, coordinator):
    demo, real = make_partner_city(name="Demo Town", is_demo=True), make_partner_city(name="Real Town", is_demo=False)
    listing = client.get("/coordinator/partners").get_data(as_text=True)
    demo_row = listing[listing.index("Demo Town"):listing.index("</tr>", listing.index("Demo Town"))]
    real_row = listing[listing.index("Real Town"):listing.index("</tr>", listing.index("Real Town"))]
    assert "Demo data" in demo_row and "Demo data" not in real_row
    assert "not a real sister-city agreement" in client.get(f"/coordinator/partners/{demo.id}").get_data(as_text=True)
    assert "Demo data" not in client.get(f"/coordinator/partners/{real.id}").get_data(as_text=True)


def test_an_expired_active_agreement_is_shown_as_expired(client, db, coordinator):
    make_partner_city(name="Old Town", agreement_expires_on=date(2025, 6, 1))
    assert "Expired" in client.get("/coordinator/partners").get_data(as_text=True)


def test_a_city_without_a_scan_has_nothing_to_download(client, db, coordinator):
    city = make_partner_city()
    assert client.get(f"/coordinator/partners/{city.id}/agreement").status_code == 404
    assert client.get("/coordinator/partners/999999").status_code == 404


# --- destination rules ---------------------------------------------------------------------------

@pytest.fixture
def rules_restored(db):
    rows = snapshot_rules()
    yield
    restore_rules(rows)


def rule_form(**overrides):
    data = {"country_code": "NZ", "sector_code": "", "status": "blocked", "valid_from": "2026-01-01",
            "valid_to": "", "basis": "Reports of forced labour", "source": "https://example.org/nz-decision"}
    data.update(overrides)
    return data


def test_a_rule_is_previewed_with_the_openings_it_affects_then_saved_on_confirmation(
        client, db, coordinator, rules_restored):
    employer = make_employer(make_partner_city(country_code="NZ"))
    affected = make_opening(employer, title="Aged-care worker", status="approved")
    make_opening(employer, title="A draft only", status="draft")
    preview = client.post("/coordinator/destinations/new", data={**rule_form(), "preview": "1"})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Aged-care worker" in page and "A draft only" not in page
    assert 'name="confirm"' in page and db.session.scalar(select(DestinationRule).where(
        DestinationRule.country_code == "NZ")) is None
    fingerprint = page.split('name="previewed" type="hidden" value="')[1].split('"')[0]
    saved = client.post("/coordinator/destinations/new", data={**rule_form(), "previewed": fingerprint,
                                                                "confirm": "1"})
    assert saved.status_code == 302
    rule = db.session.scalar(select(DestinationRule).where(DestinationRule.country_code == "NZ"))
    assert rule.status == "blocked"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_created"))
    assert entry.details["affected_openings"] == [affected.id]


def test_a_rule_changed_after_its_preview_is_previewed_again_not_saved(client, db, coordinator, rules_restored):
    preview = client.post("/coordinator/destinations/new", data={**rule_form(), "preview": "1"}).get_data(as_text=True)
    fingerprint = preview.split('name="previewed" type="hidden" value="')[1].split('"')[0]
    response = client.post("/coordinator/destinations/new",
                           data={**rule_form(status="allowed"), "previewed": fingerprint, "confirm": "1"})
    assert response.status_code == 200 and "check the effect again" in response.get_data(as_text=True)
    assert db.session.scalar(select(DestinationRule).where(DestinationRule.country_code == "NZ")) is None


def test_a_rule_without_a_legal_source_is_refused_and_keeps_what_was_typed(client, db, coordinator, rules_restored):
    response = client.post("/coordinator/destinations/new", data={**rule_form(source=""), "preview": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Reports of forced labour" in page
    assert 'name="confirm"' not in page


def test_editing_a_rule_shows_its_current_values_and_saves_after_confirmation(client, db, coordinator,
                                                                             rules_restored):
    rule = db.session.scalar(select(DestinationRule).where(DestinationRule.country_code == "MM"))
    page = client.get(f"/coordinator/destinations/{rule.id}").get_data(as_text=True)
    assert "KP2MI" in page
    data = rule_form(country_code="MM", status="blocked", valid_from=rule.valid_from.isoformat(),
                     basis=rule.basis, source=rule.source + " (checked again)")
    preview = client.post(f"/coordinator/destinations/{rule.id}", data={**data, "preview": "1"}).get_data(as_text=True)
    fingerprint = preview.split('name="previewed" type="hidden" value="')[1].split('"')[0]
    assert client.post(f"/coordinator/destinations/{rule.id}",
                       data={**data, "previewed": fingerprint, "confirm": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(DestinationRule, rule.id).source.endswith("(checked again)")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_changed"))


def test_the_rule_list_filters_and_shows_todays_verdict(client, db, coordinator):
    page = client.get("/coordinator/destinations?country=SA&sector=domestic-work").get_data(as_text=True)
    assert "Saudi" in page and "Blocked" in page
    everything = client.get("/coordinator/destinations").get_data(as_text=True)
    assert "Myanmar" in everything and "Cambodia" in everything
