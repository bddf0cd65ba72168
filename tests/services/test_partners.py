"""Partner cities: their agreements, scans and sectors, and whether their employers may post."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, PartnerCity, Upload
from app.services import partners
from app.services.partners import PartnerInput, PartnerRefused, Scan
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_partners import PDF, actor_for

ON = date(2026, 3, 1)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def partner_input(**overrides) -> PartnerInput:
    fields = {"name": "Kitakyushu", "country_code": "jp", "status": "active", "agreement_kind": "Sister-city MoU",
              "signed_on": date(2025, 1, 1), "expires_on": date(2030, 1, 1), "sector_codes": ["care", "hospitality"],
              "contact_name": "International desk", "contact_email": "Desk@City.example"}
    return PartnerInput(**{**fields, **overrides})


@pytest.mark.parametrize(("city", "employer", "allowed"), [
    pytest.param({}, {}, True, id="active-agreement"),
    pytest.param({"agreement_expires_on": date(2026, 3, 1)}, {}, True, id="expires-today-still-in-force"),
    pytest.param({"agreement_expires_on": date(2026, 2, 28)}, {}, False, id="expired-agreement"),
    pytest.param({"agreement_status": "suspended"}, {}, False, id="suspended-city"),
    pytest.param({"agreement_status": "draft"}, {}, False, id="draft-agreement"),
    pytest.param({"agreement_status": "ended"}, {}, False, id="ended-agreement"),
    pytest.param({"agreement_signed_on": date(2026, 6, 1)}, {}, False, id="not-yet-signed"),
    pytest.param({}, {"status": "pending"}, True, id="posting-is-about-the-city-not-the-employer"),
])
def test_only_an_agreement_in_force_lets_its_employers_post(db, city, employer, allowed):
    org = make_employer(make_partner_city(**city), **employer)
    assert partners.can_post(org, ON) is allowed


def test_creating_a_partner_city_stores_the_agreement_sectors_and_scan_and_is_audited(db, coordinator):
    city = partners.create_partner(partner_input(), actor_for(coordinator), Scan(PDF, "mou.pdf"))
    assert (city.country_code, city.agreement_status, city.contact_email) == ("JP", "active", "desk@city.example")
    assert sorted(s.sector_code for s in city.sectors) == ["care", "hospitality"]
    assert partners.covers_sector(city, "care") and not partners.covers_sector(city, "fisheries")
    scan = partners.scan_of(city)
    assert scan.content_type == "application/pdf" and scan.owner_id == coordinator.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "partner_city_created"))
    assert entry.object_id == str(city.id) and entry.details["agreement_upload_id"] == scan.id


def test_changing_a_city_audits_the_changed_fields_and_replaces_the_scan(db, coordinator):
    city = partners.create_partner(partner_input(), actor_for(coordinator), Scan(PDF, "mou.pdf"))
    old_scan = city.agreement_upload_id
    partners.update_partner(city, partner_input(status="suspended", sector_codes=["care", "nursing"]),
                            actor_for(coordinator), Scan(PDF, "mou-v2.pdf"))
    assert city.agreement_status == "suspended"
    assert sorted(s.sector_code for s in city.sectors) == ["care", "nursing"]
    assert db.session.get(Upload, old_scan) is None and partners.scan_of(city).original_name == "mou-v2.pdf"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "partner_city_changed"))
    assert entry.details["changed"] == ["status", "sectors", "agreement_scan"]


def test_saving_a_city_unchanged_writes_no_audit_entry(db, coordinator):
    city = partners.create_partner(partner_input(), actor_for(coordinator))
    partners.update_partner(city, partner_input(sector_codes=["hospitality", "care"]), actor_for(coordinator))
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "partner_city_changed")) is None


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"country_code": "XX"}, "country_code", "UNKNOWN_COUNTRY"),
    ({"name": " "}, "name", "REQUIRED"),
    ({"expires_on": date(2024, 12, 31)}, "agreement_expires_on", "EXPIRES_BEFORE_SIGNED"),
    ({"signed_on": None, "expires_on": None}, "agreement_signed_on", "ACTIVE_NEEDS_SIGNED_DATE"),
    ({"status": "pending"}, "agreement_status", "UNKNOWN_STATUS"),
    ({"sector_codes": ["piracy"]}, "sector_codes", "UNKNOWN_SECTOR"),
])
def test_a_city_with_impossible_agreement_terms_is_refused(db, coordinator, overrides, field, code):
    with pytest.raises(PartnerRefused) as refused:
        partners.create_partner(partner_input(**overrides), actor_for(coordinator))
    assert [(p.field, p.code) for p in refused.value.problems] == [(field, code)]
    assert db.session.scalar(select(PartnerCity)) is None


def test_a_scan_that_is_not_a_pdf_or_image_refuses_the_whole_change(db, coordinator):
    city = partners.create_partner(partner_input(), actor_for(coordinator))
    with pytest.raises(PartnerRefused) as refused:
        partners.update_partner(city, partner_input(status="ended"), actor_for(coordinator),
                                Scan(b"MZ\x90\x00 not a document", "mou.pdf"))
    assert [(p.field, p.code) for p in refused.value.problems] == [("scan", "NOT_ALLOWED_TYPE")]
    db.session.expire_all()
    assert db.session.get(PartnerCity, city.id).agreement_status == "active"
    assert db.session.scalar(select(Upload)) is None


def test_the_list_counts_employers_and_filters_by_status(db):
    active, draft = make_partner_city(name="A city"), make_partner_city(name="B city", agreement_status="draft")
    make_employer(active), make_employer(active)
    assert [(c.name, n) for c, n in partners.list_partners()] == [("A city", 2), ("B city", 0)]
    assert [c.id for c, _n in partners.list_partners("draft")] == [draft.id]


def test_country_names_come_from_iso_3166(db):
    assert partners.country_name("kr") == "South Korea"
    assert partners.country_name("XX") is None and partners.country_name("") is None
