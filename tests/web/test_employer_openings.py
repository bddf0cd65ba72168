"""Employer pages for openings: the form, the lifecycle buttons, the printable code and QR, and ownership."""
import pytest
from sqlalchemy import select

from app.models import Opening
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_openings import make_opening

EN = {"Accept-Language": "en"}

FORM = {
    "title": "Welder", "occupation": "7212 — Welders and flame cutters", "sector_code": "manufacturing",
    "city": "Osaka", "country_code": "JP", "positions": "3", "scheme_codes": ["SKK-CPMI", "SKKNI-SMAW"],
    "skills_must": "las MIG, forklift", "skills_important": "", "skills_nice": "bahasa jepang",
    "language_level_id": "0", "min_education_code": "SMK", "min_age": "18", "max_age": "35",
    "start_date": "2030-04-01", "contract_months": "36", "hours_per_week": "40", "monthly_wage": "230000",
    "currency": "jpy", "annual_leave_days": "10", "insurance": "Health and employment insurance",
    "accommodation": "Dormitory", "benefits": "", "worker_costs_idr": "0", "deadline": "2030-02-01",
    "description": "Welding of steel frames.",
}


@pytest.fixture
def employer(db):
    return make_employer()


@pytest.fixture
def as_employer(login_as, employer):
    login_as(make_user("employer", employer=employer))
    return employer


def test_the_form_saves_a_draft_and_shows_it(client, db, as_employer):
    response = client.post("/employer/openings/new", data=FORM)
    assert response.status_code == 302
    opening = db.session.scalar(select(Opening))
    assert response.location.endswith(f"/employer/openings/{opening.id}")
    assert (opening.status, opening.occupation_code, opening.currency, opening.min_education_code) == \
        ("draft", "7212", "JPY", "SMK")
    assert {c.scheme_code for c in opening.certifications} == {"SKK-CPMI", "SKKNI-SMAW"}
    assert {(s.term, s.importance) for s in opening.skills} >= {("gmaw", "must"), ("forklift operation", "must")}
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert "Welder" in page and "Submit for approval" in page and "What the coordinator will check" in page


def test_a_bare_four_digit_code_is_enough_without_javascript(client, db, as_employer):
    assert client.post("/employer/openings/new", data={**FORM, "occupation": "7212"}).status_code == 302
    assert db.session.scalar(select(Opening.occupation_code)) == "7212"


@pytest.mark.parametrize("changes, message", [
    ({"occupation": "welder"}, "Type the 4-digit ISCO-08 code"),
    ({"occupation": "9999"}, "This is not a 4-digit ISCO-08 occupation code"),
    ({"min_age": "17"}, "Never below 18."),
    ({"max_age": "17"}, "The maximum age cannot be below the minimum age."),
    ({"currency": "XYZ"}, "three-letter ISO 4217 currency code"),
    ({"deadline": "2030-05-01"}, "on or before the start date"),
    ({"hours_per_week": "90"}, "Number must be between 1 and 84."),
])
def test_the_form_explains_what_is_wrong_and_saves_nothing(client, db, as_employer, changes, message):
    response = client.post("/employer/openings/new", data={**FORM, **changes}, headers=EN)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Opening.id)) is None


def test_the_form_starts_with_the_partner_citys_country_and_the_general_certificate(client, as_employer):
    page = client.get("/employer/openings/new", headers=EN).get_data(as_text=True)
    assert '<option selected value="JP">' in page
    assert 'checked id="scheme_codes-0" name="scheme_codes" type="checkbox" value="SKK-CPMI"' in page
    assert 'data-search-url="/employer/occupations/search"' in page and 'list="occupation-options"' in page


def test_the_edit_form_is_filled_in_and_saves(client, db, as_employer):
    opening = make_opening(as_employer)
    page = client.get(f"/employer/openings/{opening.id}/edit", headers=EN).get_data(as_text=True)
    assert 'value="7212 — ' in page and 'value="Osaka"' in page and "welding" in page
    response = client.post(f"/employer/openings/{opening.id}/edit", data={**FORM, "positions": "7"})
    assert response.status_code == 302
    db.session.refresh(opening)
    assert opening.positions == 7 and opening.status == "draft"


def test_editing_an_approved_opening_warns_then_sends_it_back_to_review(client, db, as_employer):
    opening = make_opening(as_employer, status="approved")
    page = client.get(f"/employer/openings/{opening.id}/edit", headers=EN).get_data(as_text=True)
    assert "goes back to the coordinators for review" in page
    response = client.post(f"/employer/openings/{opening.id}/edit", data=FORM, headers=EN, follow_redirects=True)
    assert "off the public pages until it is approved again" in response.get_data(as_text=True)
    db.session.refresh(opening)
    assert opening.status == "submitted" and opening.code


def test_submitting_sends_the_opening_to_review(client, db, as_employer):
    opening = make_opening(as_employer)
    response = client.post(f"/employer/openings/{opening.id}/submit", headers=EN, follow_redirects=True)
    assert "Submitted. A coordinator of the city will review the opening." in response.get_data(as_text=True)
    db.session.refresh(opening)
    assert opening.status == "submitted"


def test_an_unverified_employer_is_told_why_it_cannot_submit(client, db, login_as):
    employer = make_employer(status="pending")
    login_as(make_user("employer", employer=employer))
    opening = make_opening(employer, insurance=None)
    page = client.post(f"/employer/openings/{opening.id}/submit", headers=EN,
                       follow_redirects=True).get_data(as_text=True)
    assert "The opening cannot be submitted yet." in page
    assert "The organisation is not verified." in page and "Missing: insurance." in page
    db.session.refresh(opening)
    assert opening.status == "draft"


def test_an_employer_under_a_suspended_agreement_cannot_submit(client, db, login_as):
    employer = make_employer(make_partner_city(agreement_status="suspended"))
    login_as(make_user("employer", employer=employer))
    opening = make_opening(employer)
    page = client.post(f"/employer/openings/{opening.id}/submit", headers=EN,
                       follow_redirects=True).get_data(as_text=True)
    assert "The partner city&#39;s agreement is not in force." in page


def test_the_changes_the_coordinator_asked_for_are_shown(client, as_employer):
    opening = make_opening(as_employer, status="changes_requested", review_notes="Name the insurer.")
    page = client.get(f"/employer/openings/{opening.id}", headers=EN).get_data(as_text=True)
    assert "The coordinator asked for changes" in page and "Name the insurer." in page


@pytest.mark.parametrize("reason", ["manual", "filled"])
def test_closing_an_opening(client, db, as_employer, reason):
    opening = make_opening(as_employer, status="approved")
    client.post(f"/employer/openings/{opening.id}/close", data={"reason": reason})
    db.session.refresh(opening)
    assert (opening.status, opening.closed_reason) == ("closed", reason)


def test_an_approved_opening_shows_its_code_and_qr_ready_to_print(client, as_employer):
    opening = make_opening(as_employer, status="approved")
    page = client.get(f"/employer/openings/{opening.id}", headers=EN).get_data(as_text=True)
    assert opening.code in page
    assert f'src="/employer/openings/{opening.id}/qr"' in page
    assert f"http://localhost/openings/{opening.code}" in page
    assert "data-print" in page and "Download QR (PNG)" in page


@pytest.mark.parametrize("query, mimetype, start", [
    ("", "image/svg+xml", b"<?xml"), ("?format=png", "image/png", b"\x89PNG"),
])
def test_the_qr_code_is_an_image(client, as_employer, query, mimetype, start):
    opening = make_opening(as_employer, status="approved")
    response = client.get(f"/employer/openings/{opening.id}/qr{query}")
    assert response.mimetype == mimetype and response.data.startswith(start)


def test_a_draft_has_no_qr_code(client, as_employer):
    assert client.get(f"/employer/openings/{make_opening(as_employer).id}/qr").status_code == 404


def test_the_list_shows_only_the_organisations_openings(client, db, as_employer):
    make_opening(as_employer, title="Our welder")
    make_opening(make_employer(), title="Their cook")
    page = client.get("/employer/openings", headers=EN).get_data(as_text=True)
    assert "Our welder" in page and "Their cook" not in page


@pytest.mark.parametrize("method, path", [
    ("GET", ""), ("GET", "/edit"), ("POST", "/edit"), ("POST", "/submit"), ("POST", "/close"), ("GET", "/qr"),
])
def test_another_organisations_opening_is_not_found_and_not_touched(client, db, as_employer, method, path):
    theirs = make_opening(make_employer(), status="approved", title="Their opening")
    response = client.open(f"/employer/openings/{theirs.id}{path}", method=method, data=FORM)
    assert response.status_code == 404
    db.session.refresh(theirs)
    assert (theirs.status, theirs.title) == ("approved", "Their opening")


def test_occupation_search_answers_json(client, as_employer):
    found = client.get("/employer/occupations/search?q=welder").get_json()
    assert {"code": "7212", "title": "Welders and flamecutters"} in found
    assert client.get("/employer/occupations/search?q=w").get_json() == []
