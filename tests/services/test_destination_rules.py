"""Destination rules: verdicts from the stored rules, creating and changing rules, every change audited."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry, DestinationRule
from app.services import destination_rules
from app.services.destination_rules import RuleInput, RuleRefused
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_partners import actor_for, make_opening, restore_rules, snapshot_rules

TODAY = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def rules_restored(db):
    rows = snapshot_rules()
    yield
    restore_rules(rows)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def rule_input(**overrides) -> RuleInput:
    fields = {"country_code": "NZ", "sector_code": None, "status": "allowed", "valid_from": date(2026, 1, 1),
              "valid_to": None, "basis": "Agreement signed", "source": "https://example.org/nz"}
    return RuleInput(**{**fields, **overrides})


def nz_openings():
    """Employer in a New Zealand city, with a submitted care opening, an approved farm one and a draft."""
    employer = make_employer(make_partner_city(country_code="NZ"))
    return (make_opening(employer, sector_code="care", status="submitted"),
            make_opening(employer, sector_code="agriculture", status="approved"),
            make_opening(employer, sector_code="care", status="draft"))


def test_the_stored_rules_decide_the_verdict(db):
    assert destination_rules.verdict_for("MM", "care", TODAY).status == "blocked"
    assert destination_rules.verdict_for("SA", "domestic-work", TODAY).status == "blocked"
    assert destination_rules.verdict_for("SA", "construction", TODAY).status != "blocked"
    assert destination_rules.verdict_for("NZ", "care", TODAY).status == "caution"  # no rule: caution
    assert all(f.id is not None for f in destination_rules.rules_facts())


def test_creating_a_rule_is_audited_with_its_terms_and_the_openings_it_changed(db, coordinator):
    submitted, approved, _draft = nz_openings()
    rule = destination_rules.create_rule(rule_input(), actor_for(coordinator), TODAY)
    assert rule.country_name == "New Zealand"
    assert destination_rules.verdict_for("NZ", "care", TODAY).status == "allowed"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_created"))
    assert entry.actor_id == coordinator.id and entry.object_id == str(rule.id)
    assert entry.details["status"] == "allowed" and entry.details["valid_from"] == "2026-01-01"
    assert sorted(entry.details["affected_openings"]) == sorted([submitted.id, approved.id])


def test_changing_a_rule_records_each_changed_field_old_and_new(db, coordinator):
    rule = destination_rules.create_rule(rule_input(), actor_for(coordinator), TODAY)
    destination_rules.update_rule(rule, rule_input(status="blocked", valid_to=date(2027, 1, 1)),
                                  actor_for(coordinator), TODAY)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_changed"))
    assert entry.details["changes"] == {"status": ["allowed", "blocked"], "valid_to": [None, "2027-01-01"]}
    assert db.session.get(DestinationRule, rule.id).status == "blocked"


def test_saving_a_rule_unchanged_writes_no_audit_entry(db, coordinator):
    rule = destination_rules.create_rule(rule_input(), actor_for(coordinator), TODAY)
    destination_rules.update_rule(rule, rule_input(), actor_for(coordinator), TODAY)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_changed")) is None


@pytest.mark.parametrize(("proposal", "affected"), [
    pytest.param({}, [("care", "caution", "allowed"), ("agriculture", "caution", "allowed")],
                 id="a-new-allowed-rule-lifts-both"),
    pytest.param({"status": "caution"}, [], id="caution-like-the-default-changes-nothing"),
    pytest.param({"sector_code": "care", "status": "blocked"}, [("care", "caution", "blocked")],
                 id="a-sector-rule-affects-only-its-sector"),
    pytest.param({"valid_from": date(2028, 1, 1)}, [], id="a-rule-starting-after-every-start-date"),
    pytest.param({"country_code": "CL"}, [], id="another-country"),
])
def test_the_preview_lists_submitted_and_approved_openings_whose_verdict_changes(db, proposal, affected):
    nz_openings()
    rows = destination_rules.preview_change(rule_input(**proposal), None, TODAY)
    assert [(r.opening.sector_code, r.before, r.after) for r in rows] == affected
    assert all(r.opening.status in ("submitted", "approved") for r in rows)


def test_the_preview_of_an_edit_compares_with_the_rule_it_replaces(db, coordinator):
    submitted, approved, _draft = nz_openings()
    rule = destination_rules.create_rule(rule_input(), actor_for(coordinator), TODAY)
    moved = destination_rules.preview_change(rule_input(country_code="CL"), rule, TODAY)
    assert {(r.opening.id, r.before, r.after) for r in moved} == {(submitted.id, "allowed", "caution"),
                                                                  (approved.id, "allowed", "caution")}
    unchanged = destination_rules.preview_change(rule_input(basis="Reworded"), rule, TODAY)
    assert unchanged == []


@pytest.mark.parametrize(("overrides", "field", "code"), [
    ({"country_code": "XX"}, "country_code", "UNKNOWN_COUNTRY"),
    ({"sector_code": "piracy"}, "sector_code", "UNKNOWN_SECTOR"),
    ({"status": "maybe"}, "status", "UNKNOWN_STATUS"),
    ({"valid_to": date(2025, 12, 31)}, "valid_to", "ENDS_BEFORE_START"),
    ({"source": "  "}, "source", "SOURCE_REQUIRED"),
    ({"basis": ""}, "basis", "REQUIRED"),
])
def test_a_rule_needs_a_real_country_a_valid_range_and_a_legal_source(db, coordinator, overrides, field, code):
    with pytest.raises(RuleRefused) as refused:
        destination_rules.create_rule(rule_input(**overrides), actor_for(coordinator), TODAY)
    assert [(p.field, p.code) for p in refused.value.problems] == [(field, code)]
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "destination_rule_created")) is None


def test_the_list_filters_by_country_sector_status_and_date(db):
    assert {r.country_code for r in destination_rules.list_rules(country="sa")} == {"SA"}
    assert all(r.sector_code is None for r in destination_rules.list_rules(sector="*"))
    assert all(r.sector_code == "domestic-work" for r in destination_rules.list_rules(sector="domestic-work"))
    blocked = destination_rules.list_rules(status="blocked", in_force_on=TODAY)
    assert blocked and all(r.status == "blocked" and r.valid_from <= TODAY for r in blocked)
    assert "MM" in destination_rules.ruled_countries()
