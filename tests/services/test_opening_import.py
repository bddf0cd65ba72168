"""Bulk import of openings: every record checked first (the web's legality checks included), then all or none."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Employer, Opening, PartnerCity, Sector
from app.services.audit import Actor
from app.services.opening_import import import_openings
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_opening_import import START, opening_row, write_csv, write_jsonl
from tests.services.helpers_openings import make_opening

ACTOR = Actor.command_line("openings import test")


def run(path, fmt="jsonl", actor=ACTOR, **kwargs):
    return import_openings(path, fmt, actor, **kwargs)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def opening(db, ref: str) -> Opening:
    return db.session.scalar(select(Opening).where(Opening.ref == ref))


def problems(report) -> list[tuple[int, str, str]]:
    return [(p.line, p.problem.field, p.problem.code) for p in report.problems]


@pytest.fixture
def employer(db):
    return make_employer()


def test_a_new_ref_creates_an_opening_with_everything_in_the_record(db, employer, tmp_path):
    row = opening_row(1, employer, required_skills=["las"], status="draft")
    report = run(write_jsonl(tmp_path / "o.jsonl", [row]))
    assert (report.imported, report.created, report.updated, report.skipped) == (True, 1, 0, 0)
    stored = opening(db, "OSK-001")
    assert (stored.employer_id, stored.city, stored.country_code, stored.status) == (
        employer.id, employer.partner_city.name, "JP", "draft")
    assert (stored.title, stored.occupation_code, stored.sector_code, stored.positions) == (
        "Welder", "7212", "manufacturing", 3)
    assert [c.scheme_code for c in stored.certifications] == ["SKK-CPMI"]
    assert sorted((s.term, s.importance, s.skill_id is not None) for s in stored.skills) == [
        ("bahasa jepang dasar", "nice", False), ("forklift operation", "important", True),
        ("welding", "must", True)]
    assert (stored.language_level.test_code, stored.language_level.code, stored.min_education_code) == (
        "JLPT", "N4", "SMK")
    assert (stored.min_age, stored.max_age, stored.start_date, stored.contract_months) == (18, 35, START, 36)
    assert (stored.monthly_wage, stored.currency, stored.hours_per_week, stored.annual_leave_days) == (
        Decimal(230000), "JPY", 40, 10)
    assert (stored.worker_costs_idr, stored.code, stored.approved_at) == (Decimal(0), None, None)


def test_an_approved_record_gets_a_verification_code_and_its_reviewer(db, employer, make_user, tmp_path):
    coordinator = make_user("coordinator")
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer), opening_row(2, employer)]),
                 actor=Actor(coordinator.id, f"coordinator:{coordinator.id} via cli"))
    assert report.written.approved == [opening(db, "OSK-001").id, opening(db, "OSK-002").id]
    first, second = opening(db, "OSK-001"), opening(db, "OSK-002")
    assert first.status == "approved" and first.code.startswith("JBT-") and first.code != second.code
    assert (first.reviewed_by_id, first.approved_at is not None, first.caution_justification) == (
        coordinator.id, True, None)


def test_the_import_is_audited_once_with_ids_and_counts_but_no_names(db, employer, tmp_path):
    run(write_jsonl(tmp_path / "osaka.jsonl", [opening_row(1, employer), opening_row(2, employer, status="draft")]))
    [entry] = db.session.scalars(select(AuditEntry)).all()
    ids = [opening(db, "OSK-001").id, opening(db, "OSK-002").id]
    assert (entry.action, entry.actor_label, entry.object_type) == ("openings_imported", ACTOR.label, "openings")
    assert entry.details == {"file": "osaka.jsonl", "format": "jsonl", "records": 2, "created": ids, "updated": [],
                             "approved": ids[:1], "skipped": 0, "cities_created": [], "employers_created": []}


def test_a_known_ref_updates_its_opening_and_keeps_its_code(db, employer, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [opening_row(1, employer)]))
    before = opening(db, "OSK-001")
    first_id, code, approved_at = before.id, before.code, before.approved_at
    changed = opening_row(1, employer, positions=5, required_skills=["forklift"], important_skills=[],
                          preferred_skills=[], monthly_wage="250000.50")
    report = run(write_jsonl(tmp_path / "b.jsonl", [changed]))
    assert (report.created, report.updated, report.written.approved) == (0, 1, [first_id])
    db.session.expire_all()
    after = opening(db, "OSK-001")
    assert (after.id, after.positions, after.monthly_wage, after.code) == (first_id, 5, Decimal("250000.50"), code)
    assert [(s.term, s.importance) for s in after.skills] == [("forklift operation", "must")]
    assert after.approved_at >= approved_at and count(db, Opening) == 1


def test_an_approved_opening_imported_again_unchanged_stays_approved_as_it_was(db, employer, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [opening_row(1, employer)])
    run(path)
    approved_at = opening(db, "OSK-001").approved_at
    assert run(path).written.approved == []
    db.session.expire_all()
    assert opening(db, "OSK-001").approved_at == approved_at


def test_what_the_import_does_not_carry_stays_as_stored(db, employer, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [opening_row(1, employer, status="draft")]))
    opening(db, "OSK-001").benefits = "Return flight paid"
    db.session.commit()
    run(write_jsonl(tmp_path / "b.jsonl", [opening_row(1, employer, status="draft", positions=4)]))
    db.session.expire_all()
    assert (opening(db, "OSK-001").benefits, opening(db, "OSK-001").positions) == ("Return flight paid", 4)


def test_one_invalid_record_and_nothing_is_imported(db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer, sector="mining"), opening_row(3, employer)]
    report = run(write_jsonl(tmp_path / "o.jsonl", rows))
    assert report.refused and problems(report) == [(2, "sector", "UNKNOWN_SECTOR")]
    assert (report.created, report.updated, report.skipped) == (0, 0, 3)
    assert count(db, Opening) == count(db, AuditEntry) == 0


def test_skip_invalid_imports_the_valid_records_and_reports_the_others(db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer, worker_costs=2500000), "{not json",
            opening_row(4, employer)]
    report = run(write_jsonl(tmp_path / "o.jsonl", rows), skip_invalid=True)
    assert problems(report) == [(2, "worker_costs", "WORKER_FEE"), (3, "-", "NOT_JSON")]
    assert (report.imported, report.created, report.skipped, report.records) == (True, 2, 2, 4)
    assert sorted(db.session.scalars(select(Opening.ref))) == ["OSK-001", "OSK-004"]


def test_csv_and_json_lines_import_the_same_openings(db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer, language=None, max_age=None, status="draft",
                                                  required_certifications=["SKK-CPMI", "JP-SSW-CARE"])]

    def snapshot():
        found = db.session.scalars(select(Opening).order_by(Opening.ref)).all()
        return [(o.ref, o.employer_id, o.title, o.occupation_code, o.positions, o.language_level_id, o.min_age,
                 o.max_age, o.start_date, o.monthly_wage, o.currency, o.worker_costs_idr, o.insurance, o.status,
                 o.code is not None, sorted(c.scheme_code for c in o.certifications),
                 sorted((s.term, s.importance) for s in o.skills)) for o in found]

    assert run(write_jsonl(tmp_path / "o.jsonl", rows)).created == 2
    from_jsonl = snapshot()
    db.session.execute(Opening.__table__.delete())
    db.session.commit()
    assert run(write_csv(tmp_path / "o.csv", rows), "csv").created == 2
    assert snapshot() == from_jsonl


def test_a_csv_problem_names_the_line_counting_the_header(db, employer, tmp_path):
    report = run(write_csv(tmp_path / "o.csv", [opening_row(1, employer), opening_row(2, employer, min_age=17)]),
                 "csv")
    assert problems(report) == [(3, "min_age", "MIN_AGE_UNDER_18")]


def test_an_unknown_csv_column_refuses_the_file(db, employer, tmp_path):
    rows = [{**opening_row(1, employer), "salary": "230000"}]
    report = run(write_csv(tmp_path / "o.csv", rows, columns=[*opening_row(1), "salary"]), "csv", skip_invalid=True)
    assert report.refused and problems(report) == [(1, "salary", "UNKNOWN_FIELD")]


# --- the legality checks of the web's approval ------------------------------------------------------------


def test_an_approved_record_to_myanmar_is_refused_with_the_reason(db, tmp_path):
    employer = make_employer(make_partner_city(name="Myawaddy", country_code="MM"))
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, country="MM")]))
    [problem] = report.problems
    assert (problem.line, problem.problem.field, problem.problem.code) == (1, "country", "DESTINATION_BLOCKED")
    assert problem.problem.data["country"] == "MM" and problem.problem.data["source"].startswith("https://")
    assert count(db, Opening) == 0


def test_a_draft_to_myanmar_is_kept_as_a_draft_as_on_the_web(db, tmp_path):
    employer = make_employer(make_partner_city(name="Myawaddy", country_code="MM"))
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, country="MM", status="draft")]))
    assert report.created == 1 and opening(db, "OSK-001").status == "draft"


@pytest.mark.parametrize("status", ["draft", "submitted", "approved"])
def test_a_minimum_age_of_17_is_refused_whatever_the_status(db, employer, tmp_path, status):
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, min_age=17, status=status)]))
    assert problems(report) == [(1, "min_age", "MIN_AGE_UNDER_18")]


@pytest.mark.parametrize("changes, expected", [
    ({"worker_costs": 1500000}, [(1, "worker_costs", "WORKER_FEE")]),
    ({"required_certifications": []}, [(1, "required_certifications", "CERTIFICATION_REQUIRED")]),
    ({"annual_leave_days": None}, [(1, "annual_leave_days", "CONTRACT_FIELD_MISSING")]),
    ({"insurance": " "}, [(1, "insurance", "CONTRACT_FIELD_MISSING")]),
    ({"isco_code": None}, [(1, "isco_code", "CONTRACT_FIELD_MISSING")]),
    ({"monthly_wage": None}, [(1, "monthly_wage", "WAGE_MISSING")]),
    ({"monthly_wage": 0}, [(1, "monthly_wage", "WAGE_NOT_POSITIVE")]),
    ({"hours_per_week": 90}, [(1, "hours_per_week", "HOURS_OUT_OF_RANGE")]),
    ({"max_age": 30, "min_age": 35}, [(1, "max_age", "MAX_AGE_BELOW_MIN")]),
    ({"deadline": (START + timedelta(days=1)).isoformat()}, [(1, "deadline", "DEADLINE_AFTER_START")]),
])
def test_an_approved_record_that_fails_a_check_is_refused_on_its_field(db, employer, tmp_path, changes, expected):
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, **changes)]))
    assert problems(report) == expected and count(db, Opening) == 0


def test_the_same_record_as_a_draft_is_imported_incomplete(db, employer, tmp_path):
    row = opening_row(1, employer, status="draft", worker_costs=1500000, required_certifications=[],
                      annual_leave_days=None, monthly_wage=None)
    assert run(write_jsonl(tmp_path / "o.jsonl", [row])).created == 1


def test_a_caution_destination_needs_a_justification_which_is_kept(db, tmp_path):
    employer = make_employer(make_partner_city(name="Vientiane", country_code="LA"))
    bare = run(write_jsonl(tmp_path / "a.jsonl", [opening_row(1, employer, country="LA")]))
    assert problems(bare) == [(1, "caution_justification", "DESTINATION_NEEDS_JUSTIFICATION")]
    justified = opening_row(1, employer, country="LA", caution_justification="Employer inspected by KBRI Vientiane")
    assert run(write_jsonl(tmp_path / "b.jsonl", [justified])).written.approved
    stored = opening(db, "OSK-001")
    assert (stored.status, stored.caution_justification) == ("approved", "Employer inspected by KBRI Vientiane")


def test_a_justification_where_none_is_needed_is_not_kept(db, employer, tmp_path):
    run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, caution_justification="Just in case")]))
    assert opening(db, "OSK-001").caution_justification is None


@pytest.mark.parametrize("employer_status, agreement, field, code", [
    ("pending", {}, "employer", "EMPLOYER_NOT_VERIFIED"),
    ("verified", {"agreement_status": "suspended"}, "partner_city", "AGREEMENT_NOT_ACTIVE"),
    ("verified", {"agreement_expires_on": date(2025, 12, 31)}, "partner_city", "AGREEMENT_NOT_ACTIVE"),
])
@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_submitting_needs_a_verified_employer_under_an_agreement_in_force(db, tmp_path, employer_status, agreement,
                                                                          field, code, status):
    employer = make_employer(make_partner_city(**agreement), status=employer_status)
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, status=status)]))
    assert problems(report) == [(1, field, code)]
    draft = run(write_jsonl(tmp_path / "d.jsonl", [opening_row(1, employer, status="draft")]))
    assert draft.created == 1


def test_a_submitted_record_goes_to_the_coordinators_queue(db, employer, tmp_path):
    run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, status="submitted", worker_costs=100)]))
    assert (opening(db, "OSK-001").status, opening(db, "OSK-001").code) == ("submitted", None)


# --- who the records name ---------------------------------------------------------------------------------


def test_an_unknown_employer_without_create_employers_is_an_error_naming_the_line(db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer, employer="Kansai Foods KK")]
    report = run(write_jsonl(tmp_path / "o.jsonl", rows))
    assert problems(report) == [(2, "employer", "UNKNOWN_EMPLOYER")]
    assert report.problems[0].problem.data == {"name": "Kansai Foods KK"}
    assert count(db, Employer) == 1 and count(db, Opening) == 0


def test_a_record_with_an_unknown_employer_has_its_terms_checked_too(db, employer, tmp_path):
    row = opening_row(1, employer, employer="Kansai Foods KK", min_age=17, hours_per_week=100)
    assert problems(run(write_jsonl(tmp_path / "o.jsonl", [row]))) == [
        (1, "employer", "UNKNOWN_EMPLOYER"), (1, "min_age", "MIN_AGE_UNDER_18"),
        (1, "hours_per_week", "HOURS_OUT_OF_RANGE")]


def test_create_employers_creates_an_active_city_and_a_verified_employer_both_audited(db, tmp_path):
    rows = [opening_row(1), opening_row(2), opening_row(3, employer="Kansai Foods KK", status="draft")]
    report = run(write_jsonl(tmp_path / "o.jsonl", rows), create_employers=True, today=date(2026, 3, 2))
    assert (report.created, len(report.written.cities), len(report.written.employers)) == (3, 1, 2)
    city = db.session.scalar(select(PartnerCity))
    assert (city.name, city.country_code, city.agreement_status) == ("Osaka", "JP", "active")
    assert (city.agreement_signed_on, city.agreement_expires_on) == (date(2026, 3, 2), None)
    assert city.agreement_kind == "Created by import — vouched for by the command line"
    assert sorted(s.sector_code for s in city.sectors) == sorted(db.session.scalars(select(Sector.code)))
    employers = db.session.scalars(select(Employer).order_by(Employer.id)).all()
    assert [(e.legal_name, e.status, e.partner_city_id) for e in employers] == [
        ("Osaka Steel KK", "verified", city.id), ("Kansai Foods KK", "verified", city.id)]
    assert opening(db, "OSK-001").employer_id == opening(db, "OSK-002").employer_id == employers[0].id
    entries = db.session.execute(select(AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id)
                                 .order_by(AuditEntry.id)).all()
    assert entries == [("city_created_by_import", "partner_cities", str(city.id)),
                       ("employer_created_by_import", "employers", str(employers[0].id)),
                       ("employer_created_by_import", "employers", str(employers[1].id)),
                       ("openings_imported", "openings", None)]


def test_the_coordinator_who_vouches_is_named_on_the_agreement(db, tmp_path):
    coordinator = make_user("coordinator")
    actor = Actor(coordinator.id, f"coordinator:{coordinator.id} via cli")
    run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1)]), actor=actor, create_employers=True)
    assert db.session.scalar(select(PartnerCity.agreement_kind)) == (
        f"Created by import — vouched for by coordinator:{coordinator.id} via cli")
    assert db.session.scalar(select(Employer.reviewed_by_id)) == coordinator.id


def test_a_vouched_for_employer_is_created_only_if_one_of_its_records_is_imported(db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer="Kansai Foods KK", partner_city="Kobe", min_age=16)]
    report = run(write_jsonl(tmp_path / "o.jsonl", rows), create_employers=True, skip_invalid=True)
    assert report.created == 1 and problems(report) == [(2, "min_age", "MIN_AGE_UNDER_18")]
    assert count(db, Employer) == count(db, PartnerCity) == 1


def test_a_record_naming_a_city_in_another_country_is_refused(db, employer, tmp_path):
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, country="KR")]),
                 create_employers=True)
    assert problems(report) == [(1, "partner_city", "PARTNER_CITY_COUNTRY")]


def test_names_match_whatever_their_case_and_spacing(db, employer, tmp_path):
    row = opening_row(1, employer, employer=f"  {employer.legal_name.upper()} ",
                      partner_city=employer.partner_city.name.lower())
    assert run(write_jsonl(tmp_path / "o.jsonl", [row])).created == 1
    assert opening(db, "OSK-001").employer_id == employer.id


def test_a_closed_opening_is_not_changed_by_an_import(db, employer, tmp_path):
    make_opening(employer, status="closed", ref="OSK-001")
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer)]))
    assert problems(report) == [(1, "ref", "REF_CLOSED")]


def test_a_ref_of_another_employer_is_refused(db, employer, tmp_path):
    make_opening(make_employer(), status="draft", ref="OSK-001")
    report = run(write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer)]))
    assert problems(report) == [(1, "ref", "REF_OF_OTHER_EMPLOYER")]
