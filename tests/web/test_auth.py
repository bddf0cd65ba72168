"""Sign-up, login, logout and passwords through the real pages."""
import re
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import select

from app.models import AuditEntry, Employer, LoginSession, SeekerProfile, User
from tests.factories import PASSWORD, make_partner_city, nik_for

STRONG = "a long enough passphrase"


def seeker_form(**overrides):
    born = overrides.pop("born", date(2001, 8, 9))
    gender = overrides.get("gender", "F")
    data = {"nik": nik_for(born, gender, 12), "full_name": "Siti Rahma", "birth_date": born.isoformat(),
            "gender": gender, "place": "kelurahan:19.71.01.1004", "phone": "0812 3456 7890",
            "email": "siti@example.com", "password": STRONG, "confirm": STRONG, "consent_matching": "y"}
    data.update(overrides)
    return data


def test_a_seeker_registers_with_a_nik_and_lands_on_their_dashboard(client, db):
    response = client.post("/auth/register", data=seeker_form())
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/")
    profile = db.session.scalar(select(SeekerProfile))
    assert profile.phone == "+6281234567890"
    assert profile.has_consent("matching")
    assert b"1971014908010012" not in profile.nik_encrypted  # stored encrypted, not in clear
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_registered"))
    assert client.get("/seeker/").status_code == 200


def test_a_nik_that_disagrees_with_the_birth_date_is_refused_and_the_form_keeps_what_was_typed(client, db):
    response = client.post("/auth/register", data=seeker_form(birth_date="2001-09-08"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "09-08-2001" in page and "08-09-2001" in page
    assert 'value="Siti Rahma"' in page
    assert db.session.scalar(select(SeekerProfile)) is None


def test_a_nik_already_registered_cannot_register_again(client, db):
    client.post("/auth/register", data=seeker_form())
    client.post("/auth/logout")
    response = client.post("/auth/register", data=seeker_form(email="other@example.com"))
    assert response.status_code == 200
    assert len(db.session.scalars(select(SeekerProfile)).all()) == 1


def test_under_18_needs_a_guardians_consent_and_under_15_cannot_register(client, db):
    today = date.today()
    sixteen = date(today.year - 16, 1, 10)
    refused = client.post("/auth/register", data=seeker_form(born=sixteen))
    assert refused.status_code == 200 and db.session.scalar(select(SeekerProfile)) is None
    accepted = client.post("/auth/register", data=seeker_form(born=sixteen, guardian_consent="y"))
    assert accepted.status_code == 302
    assert db.session.scalar(select(SeekerProfile)).has_consent("guardian")
    client.post("/auth/logout")
    fourteen = date(today.year - 14, 1, 10)
    too_young = client.post("/auth/register", data=seeker_form(born=fourteen, guardian_consent="y",
                                                                email="young@example.com"))
    assert too_young.status_code == 200


def test_passwords_under_12_characters_are_refused_and_long_ones_accepted(client, db):
    short = client.post("/auth/register", data=seeker_form(password="elevenchars", confirm="elevenchars"))
    assert short.status_code == 200
    long_password = "x" * 200
    ok = client.post("/auth/register", data=seeker_form(password=long_password, confirm=long_password))
    assert ok.status_code == 302


def test_login_by_email_or_nik(client, make_user, db):
    user = make_user("seeker")
    assert client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD}).status_code == 302
    client.post("/auth/logout")
    profile = db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user.id))
    from app.security.crypto import decrypt
    nik = decrypt(profile.nik_encrypted)
    assert client.post("/auth/login", data={"identifier": nik, "password": PASSWORD}).status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user("coordinator")
    response = client.post("/auth/login", data={"identifier": user.email, "password": "wrong password!!"})
    assert response.status_code == 200
    assert client.get("/coordinator/").status_code == 302


def test_the_sixth_failed_login_in_a_minute_is_rate_limited(client, make_user):
    user = make_user("coordinator")
    statuses = [client.post("/auth/login", data={"identifier": user.email, "password": "nope nope nope"}).status_code
                for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_the_session_changes_at_login_and_a_cookie_replayed_after_logout_is_refused(app, client, make_user, db):
    user = make_user("coordinator")
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    first = client.get_cookie("session").value
    client.post("/auth/logout")
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert client.get_cookie("session").value != first
    client.post("/auth/logout")
    thief = app.test_client()
    thief.set_cookie("session", first)
    assert thief.get("/coordinator/").status_code == 302  # back to login: the token was revoked
    assert all(s.revoked_at for s in db.session.scalars(select(LoginSession)))


def test_changing_the_password_needs_the_current_one(client, login_as, db):
    user_id = login_as("officer")
    wrong = client.post("/auth/password", data={"current": "not my password", "password": STRONG, "confirm": STRONG})
    assert wrong.status_code == 200
    ok = client.post("/auth/password", data={"current": PASSWORD, "password": STRONG, "confirm": STRONG})
    assert ok.status_code == 302
    client.post("/auth/logout")
    email = db.session.get(User, user_id).email
    assert client.post("/auth/login", data={"identifier": email, "password": STRONG}).status_code == 302


def _reset_link(app) -> str:
    outbox = Path(app.config["MAIL_OUTBOX"])
    newest = max(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime)
    body = message_from_bytes(newest.read_bytes(), policy=policy.default).get_content()
    return re.search(r"http://localhost(/auth/reset/confirm\?token=\S+)", body).group(1)


def test_a_password_reset_link_arrives_by_mail_and_works_once(app, client, make_user):
    user = make_user("employer")
    client.post("/auth/reset", data={"email": user.email})
    link = _reset_link(app)
    assert client.get(link).headers["Location"].endswith("/auth/reset/confirm")  # token leaves the URL
    assert client.post("/auth/reset/confirm", data={"password": STRONG, "confirm": STRONG}).status_code == 302
    assert client.post("/auth/login", data={"identifier": user.email, "password": STRONG}).status_code == 302
    client.post("/auth/logout")
    client.get(link)
    reused = client.post("/auth/reset/confirm",
                         data={"password": "another long passphrase", "confirm": "another long passphrase"})
    assert reused.headers["Location"].endswith("/auth/reset")


def test_a_reset_request_for_an_unknown_email_looks_the_same(client):
    response = client.post("/auth/reset", data={"email": "nobody@example.com"})
    assert response.status_code == 302


def test_an_employer_registers_under_a_partner_city_and_waits_for_verification(client, db):
    city = make_partner_city()
    response = client.post("/auth/register/employer", data={
        "legal_name": "Hamamatsu Care Co.", "partner_city_id": city.id, "contact_person": "Aiko Tanaka",
        "email": "aiko@example.com", "password": STRONG, "confirm": STRONG})
    assert response.status_code == 302
    employer = db.session.scalar(select(Employer))
    assert employer.status == "pending" and employer.users[0].email == "aiko@example.com"
