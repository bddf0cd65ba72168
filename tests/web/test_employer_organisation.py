"""The employer's own organisation page: details, colleagues, and nothing of any other organisation."""
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Employer, User
from tests.factories import make_employer, make_partner_city, make_user


@pytest.fixture
def org_x(db):
    return make_employer(make_partner_city(name="X City"), legal_name="X Holdings", status="verified")


@pytest.fixture
def org_y(db):
    return make_employer(make_partner_city(name="Y City", country_code="KR"), legal_name="Y Trading",
                         status="verified")


def details(**overrides):
    data = {"legal_name": "X Holdings", "registration_number": "REG-1", "address": "1 Harbour Road",
            "sector_code": "care", "contact_person": "Aiko Ito", "contact_email": "hr@x.example",
            "contact_phone": "+81 3 1234 5678", "website": "https://x.example"}
    data.update(overrides)
    return data


def test_the_page_shows_the_organisation_and_its_colleagues_only(client, db, login_as, org_x, org_y):
    make_user("employer", employer=org_x, display_name="Colleague In X")
    make_user("employer", employer=org_y, display_name="Someone In Y")
    login_as("employer", employer=org_x, locale="en")
    page = client.get("/employer/organisation").get_data(as_text=True)
    assert "X Holdings" in page and "Colleague In X" in page
    assert "Someone In Y" not in page and "Y Trading" not in page
    assert 'badge badge-success">Verified' in page


def test_saving_details_changes_them_and_errors_keep_what_was_typed(client, db, login_as, org_x):
    login_as("employer", employer=org_x, locale="en")
    refused = client.post("/employer/organisation", data=details(contact_email="not an e-mail",
                                                                 address="2 New Street"))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "2 New Street" in page and 'value="not an e-mail"' in page
    assert client.post("/employer/organisation", data=details(address="2 New Street")).status_code == 302
    assert db.session.get(Employer, org_x.id).address == "2 New Street"


def test_adding_a_colleague_creates_their_account_and_mails_a_link(app, client, db, login_as, org_x):
    login_as("employer", employer=org_x, locale="en")
    response = client.post("/employer/organisation/invite",
                           data={"invite-display_name": "New Colleague", "invite-email": "new@x.example"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new@x.example"))
    assert user.employer_id == org_x.id and user.password_hash is None
    outbox = Path(app.config["MAIL_OUTBOX"])
    mails = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in outbox.glob("*.eml")]
    [mail] = [m for m in mails if m["To"] == "new@x.example"]
    link = re.search(r"https?://\S+/auth/reset/confirm\?token=\S+", mail.get_content()).group(0)
    client.post("/auth/logout")
    token_page = client.get(link.split("localhost", 1)[-1])
    assert token_page.status_code == 302 and token_page.headers["Location"].endswith("/auth/reset/confirm")


def test_adding_a_colleague_with_a_taken_email_keeps_what_was_typed(client, db, login_as, org_x):
    taken = make_user("seeker")
    login_as("employer", employer=org_x, locale="en")
    response = client.post("/employer/organisation/invite",
                           data={"invite-display_name": "Another Person", "invite-email": taken.email})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "already exists" in page and 'value="Another Person"' in page


def test_a_rejected_organisation_sees_its_details_but_cannot_change_them(client, db, login_as):
    org = make_employer(status="rejected", status_reason="Registration not found.")
    login_as("employer", employer=org, locale="en")
    page = client.get("/employer/organisation").get_data(as_text=True)
    assert "Registration not found." in page and "Add a colleague" not in page
    response = client.post("/employer/organisation", data=details(legal_name="Renamed"))
    assert response.status_code == 200 and db.session.get(Employer, org.id).legal_name != "Renamed"


def test_demo_organisations_and_cities_carry_the_demo_badge(client, db, login_as):
    org = make_employer(make_partner_city(is_demo=True), is_demo=True)
    login_as("employer", employer=org, locale="en")
    assert client.get("/employer/organisation").get_data(as_text=True).count("Demo data") == 2


def test_an_employer_cannot_reach_another_organisations_records_by_changing_ids(client, db, login_as, org_x, org_y):
    user_x = make_user("employer", employer=org_x)
    login_as("employer", employer=org_y)
    for url in (f"/coordinator/employers/{org_x.id}", f"/coordinator/partners/{org_x.partner_city_id}",
                f"/coordinator/partners/{org_x.partner_city_id}/agreement"):
        assert client.get(url).status_code in (403, 404), url
    for url in (f"/coordinator/employers/{org_x.id}/verify", f"/coordinator/employers/{org_x.id}/suspend"):
        assert client.post(url, data={"reason": "x"}).status_code in (403, 404), url
    # Whatever an employer sends, the page and its forms are about their own organisation only.
    client.post("/employer/organisation", data={**details(legal_name="Hijacked"), "employer_id": org_x.id})
    client.post("/employer/organisation/invite", data={"invite-display_name": "Mole", "invite-email": "m@y.example",
                                                       "employer_id": org_x.id})
    db.session.expire_all()
    assert db.session.get(Employer, org_x.id).legal_name == "X Holdings"
    assert db.session.scalar(select(User).where(User.email == "m@y.example")).employer_id == org_y.id
    assert "X Holdings" not in client.get("/employer/organisation").get_data(as_text=True)
    assert user_x.email not in client.get("/employer/organisation").get_data(as_text=True)
