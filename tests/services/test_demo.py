"""`flask demo load`: one working account per role, seekers across the city, consistent and repeatable data."""
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app import create_app
from app.config import TestConfig
from app.domain.clock import whole_years_between
from app.domain.nik import check_nik
from app.extensions import db as _db
from app.models import (
    Alert,
    Case,
    CheckIn,
    Employer,
    Kelurahan,
    Opening,
    PartnerCity,
    Placement,
    Province,
    SeekerProfile,
    Skill,
    User,
)
from app.security.crypto import decrypt
from app.services.demo import DEMO_PASSWORD, load_demo
from app.services.reference import load_reference

TODAY = date(2026, 5, 4)
DASHBOARDS = [("seeker", "/seeker/"), ("employer", "/employer/"), ("coordinator", "/coordinator/"),
              ("officer", "/officer/"), ("admin", "/admin/")]


@pytest.fixture
def demo(db):
    """The demo data loaded around TODAY with the default seed; returns its summary."""
    return load_demo(today=TODAY)


def _count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def _seekers_snapshot() -> list[tuple]:
    rows = _db.session.scalars(select(SeekerProfile).order_by(SeekerProfile.id))
    return [(s.full_name, s.birth_date, s.gender, s.kelurahan_code, s.regency_code, s.nik_hash, s.phone,
             s.user.email, sorted(k.term for k in s.skills), sorted(c.scheme_code for c in s.certifications))
            for s in rows]


@pytest.mark.parametrize("role, dashboard", DASHBOARDS)
def test_each_documented_demo_account_logs_in_and_sees_its_dashboard(demo, client, role, dashboard):
    account = next(a for a in demo.accounts if a.role == role)
    assert account.email == f"{role}@demo.jembatan.id"
    response = client.post("/auth/login", data={"identifier": account.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    assert client.get(dashboard).status_code == 200


def test_a_demo_seeker_without_an_email_logs_in_with_their_nik(demo, client):
    seeker = _db.session.scalar(select(SeekerProfile).join(User).where(User.email.is_(None))
                                .order_by(SeekerProfile.id).limit(1))
    nik = decrypt(seeker.nik_encrypted)
    assert client.post("/auth/login", data={"identifier": nik, "password": DEMO_PASSWORD}).status_code == 302


def test_the_demo_employer_is_verified_under_an_active_city_with_approved_openings(demo):
    user = _db.session.scalar(select(User).where(User.email == "employer@demo.jembatan.id"))
    assert user.employer.status == "verified" and user.employer.partner_city.agreement_is_active(TODAY)
    statuses = _db.session.scalars(select(Opening.status).where(Opening.employer_id == user.employer_id)).all()
    assert "approved" in statuses


def test_every_kelurahan_has_a_seeker_and_some_live_elsewhere_in_the_province(demo):
    covered = set(_db.session.scalars(select(SeekerProfile.kelurahan_code).where(
        SeekerProfile.kelurahan_code.is_not(None))))
    assert covered == set(_db.session.scalars(select(Kelurahan.code)))
    assert _db.session.scalar(select(func.count()).where(SeekerProfile.regency_code.is_not(None))) > 0
    assert 180 <= _count(SeekerProfile) <= 220


def test_some_seekers_are_under_18_and_every_one_of_them_has_a_guardian_consent(demo):
    minors = [s for s in _db.session.scalars(select(SeekerProfile))
              if whole_years_between(s.birth_date, TODAY) < 18]
    assert minors
    assert all(s.has_consent("guardian") for s in minors)
    assert all(whole_years_between(s.birth_date, TODAY) >= 15 for s in minors)


def test_every_seekers_nik_agrees_with_their_birth_date_gender_and_kecamatan(demo):
    provinces = frozenset(_db.session.scalars(select(Province.code)))
    for seeker in _db.session.scalars(select(SeekerProfile)):
        nik = decrypt(seeker.nik_encrypted)
        assert check_nik(nik, seeker.birth_date, seeker.gender, provinces) == [], seeker.id
        if seeker.kelurahan_code:
            assert nik[:6] == seeker.kelurahan_code[:8].replace(".", "")


def test_approved_openings_have_unique_codes_and_complete_contracts(demo):
    approved = _db.session.scalars(select(Opening).where(Opening.status == "approved")).all()
    assert len(approved) >= 10
    assert len({o.code for o in approved}) == len(approved)
    for opening in approved:
        assert opening.is_demo and opening.start_date > TODAY and opening.monthly_wage > 0
        assert opening.certifications and opening.skills and opening.approved_at and opening.reviewed_by_id
        assert opening.worker_costs_idr == 0
    vocabulary = set(_db.session.scalars(select(Skill.term)))
    assert all(s.term in vocabulary for o in approved for s in o.skills)


def test_partner_cities_and_employers_are_all_marked_and_named_as_demo(demo):
    cities = _db.session.scalars(select(PartnerCity)).all()
    assert cities and all(c.is_demo and "DEMO" in c.name and "not a real" in c.notes for c in cities)
    assert len({c.country_code for c in cities}) == len(cities)
    assert "draft" in {c.agreement_status for c in cities}
    employers = _db.session.scalars(select(Employer)).all()
    assert employers and all(e.is_demo for e in employers)
    assert {"verified", "pending", "rejected"} <= {e.status for e in employers}


def test_placement_histories_walk_from_applied_to_their_stage_after_the_opening_was_approved(demo):
    placements = _db.session.scalars(select(Placement)).all()
    assert {"applied", "interview", "contract_signed", "departed", "arrived", "returned", "withdrawn"} <= {
        p.stage for p in placements}
    for placement in placements:
        events = placement.events
        assert events[0].to_stage == "applied" and events[-1].to_stage == placement.stage
        assert all(a.at < b.at and b.from_stage == a.to_stage for a, b in zip(events, events[1:], strict=False))
        assert placement.opening.approved_at < events[0].at and events[-1].at.date() <= TODAY
        if placement.stage in ("departed", "arrived", "returned"):
            assert placement.departure_date and all(i.status == "verified" for i in placement.items)
            assert len(placement.items) == 9


def test_monitoring_shows_an_ok_an_overdue_and_a_distress_check_in_with_one_open_case_and_alert(demo):
    answers = set(_db.session.scalars(select(CheckIn.answer)))
    assert {"ok", "distress"} <= answers
    assert _db.session.scalar(select(func.count()).where(CheckIn.overdue_at.is_not(None))) >= 1
    assert _db.session.scalar(select(func.count()).where(Case.status == "open")) == 1
    assert _db.session.scalar(select(func.count()).where(Alert.resolved_at.is_(None))) == 1


def test_a_second_load_returns_none_and_changes_nothing(demo):
    before = {model: _count(model) for model in (User, SeekerProfile, Opening, Placement, PartnerCity)}
    assert load_demo(today=TODAY) is None
    assert {model: _count(model) for model in before} == before


def test_the_same_seed_gives_the_same_seekers_in_a_fresh_database(demo, app, tmp_path):
    first = _seekers_snapshot()
    other = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "other.db"),
                                    "DATA_KEY": app.config["DATA_KEY"]})
    with other.app_context():
        _db.create_all()
        load_reference()
        load_demo(today=TODAY)
        second = _seekers_snapshot()
        _db.session.remove()
        _db.engine.dispose()
    assert first == second


def test_the_command_prints_the_accounts_once_and_then_leaves_the_data_alone(runner, db):
    result = runner.invoke(args=["demo", "load", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    for role, _url in DASHBOARDS:
        assert f"{role}@demo.jembatan.id" in result.stdout
    assert DEMO_PASSWORD in result.stdout
    again = runner.invoke(args=["demo", "load", "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {"loaded": False, "reason": "database_has_users"}
    assert "already has users" in again.stderr


def test_the_json_summary_carries_only_json_on_stdout(runner, db):
    result = runner.invoke(args=["demo", "load", "--json", "--seed", "7", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["loaded"] and summary["seed"] == 7 and summary["counts"]["seekers"] == _count(SeekerProfile)
