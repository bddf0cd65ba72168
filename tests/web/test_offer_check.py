"""Cek Tawaran on the web: anyone checks an offer without logging in, may report it, and coordinators follow
the reports up; robots, floods and other roles are kept out."""
import time

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, OfferReport
from app.web.public.offer_forms import form_stamp
from tests.factories import make_employer
from tests.services.helpers_openings import make_opening

EN = {"Accept-Language": "en"}
MYANMAR = "Dicari admin online 🔥 gaji 20jt, tiket ditanggung, berangkat via Bangkok lalu ke Myawaddy. Minat japri"


def page(response) -> str:
    return response.get_data(as_text=True)


def check(client, **fields):
    return client.post("/cek-tawaran", data=fields, headers=EN)


def report(client, app, seconds_ago=10, **fields):
    with app.test_request_context():
        stamp = form_stamp(time.time() - seconds_ago)
    return client.post("/cek-tawaran/laporkan", data={"started": stamp, "contract": "unknown", **fields}, headers=EN)


def test_the_page_opens_without_login(client):
    response = client.get("/cek-tawaran", headers=EN)
    assert response.status_code == 200 and "Check a job offer" in page(response)


def test_a_myanmar_offer_is_red_and_the_form_keeps_what_was_typed(client):
    response = check(client, text=MYANMAR, country="TH", employer="Bos Andi", monthly_wage="20 juta")
    body = page(response)
    assert response.status_code == 200
    assert "offer-result-red" in body and "Danger: do not accept this offer" in body
    assert "Myawaddy" in body and "Bos Andi" in body and 'value="20 juta"' in body
    assert '<option selected value="TH">' in body



def test_an_offer_with_the_code_of_an_approved_opening_is_green(client, db):
    opening = make_opening(make_employer(legal_name="Sakura Care Co., Ltd."), status="approved", city="Toyama",
                           sector_code="care")
    body = page(check(client, text=f"Care worker di Toyama, Jepang. Kode {opening.code}", employer="Sakura Care",
                      contract="yes", visa="work"))
    assert "offer-result-green" in body and f'href="/openings/{opening.code}"' in body


def test_nothing_to_check_is_said_and_nothing_is_judged(client):
    body = page(check(client, text="   ", contract="unknown"))
    assert "Paste the offer, or fill in at least one of its details." in body and "offer-result" not in body


def test_an_amount_that_is_not_one_is_said_under_its_field(client):
    body = page(check(client, text="Kerja di Jepang", money_asked="banyak"))
    assert "Write an amount such as 15000000 or 15 juta." in body and "offer-result" not in body


def test_checking_keeps_nothing(client, db):
    check(client, text=MYANMAR)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 0
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def test_a_report_gives_a_reference_number_and_keeps_the_contact_out_of_the_page(client, app, db):
    response = report(client, app, text=MYANMAR, country="TH", contact="0812 3456 7890", kelurahan="19.71.01.1004")
    stored = db.session.scalar(select(OfferReport))
    body = page(response)
    assert response.status_code == 200 and stored.reference in body and "Thank you" in body
    assert (stored.verdict, stored.contact, stored.kelurahan_code) == ("red", "0812 3456 7890", "19.71.01.1004")
    assert "0812 3456 7890" not in body and 'action="/cek-tawaran/laporkan"' not in body


def test_the_result_page_offers_to_report_with_the_offer_carried_along(client):
    body = page(check(client, text=MYANMAR, money_asked="5jt"))
    assert 'action="/cek-tawaran/laporkan"' in body and 'name="started"' in body
    assert 'name="money_asked" value="5jt"' in body and "Myawaddy" in body


def test_the_same_report_twice_counts_once(client, app, db):
    first = report(client, app, text=MYANMAR)
    second = report(client, app, text=MYANMAR)
    reference = db.session.scalar(select(OfferReport.reference))
    assert reference in page(first) and reference in page(second) and "counts once" in page(second)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 1


@pytest.mark.parametrize("trap", [
    {"website": "http://spam.example"},  # the field people never see
    {"seconds_ago": 0.5},  # faster than a person reads
    {"started": "forged-stamp"},
])
def test_robots_are_refused_and_nothing_is_kept(client, app, db, trap):
    trap = dict(trap)
    seconds_ago = trap.pop("seconds_ago", 10)
    with app.test_request_context():
        stamp = form_stamp(time.time() - seconds_ago)
    response = client.post("/cek-tawaran/laporkan", headers=EN,
                           data={"started": stamp, "text": MYANMAR, "contract": "unknown", **trap})
    assert response.status_code == 400 and "We could not send your report" in page(response)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 0
    assert 'name="started"' in page(response)  # a fresh form to try again


def test_reports_are_limited_per_address_with_the_friendly_page(client, app):
    statuses = [report(client, app, text=f"Tawaran nomor {n} kerja di Kamboja").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    last = report(client, app, text="Tawaran lain")
    assert last.status_code == 429 and "Please slow down" in page(last)


def test_checks_are_limited_too(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "OFFER_CHECK_RATE_LIMIT", "2 per minute")
    statuses = [check(client, text="Kerja di Jepang").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get("/cek-tawaran").status_code == 200  # reading the page is never limited


def _reported(app, client, contact="0812 3456 7890"):
    report(client, app, text=MYANMAR, contact=contact, kelurahan="19.71.01.1004")
    with app.app_context():
        from app.extensions import db
        return db.session.scalar(select(OfferReport.id))


def test_only_coordinators_see_reported_offers(client, app, login_as):
    report_id = _reported(app, client)
    assert client.get("/coordinator/offer-reports").status_code == 302  # to the login page
    for role in ("seeker", "employer", "officer", "admin"):
        login_as(role)
        assert client.get("/coordinator/offer-reports").status_code == 403
        assert client.get(f"/coordinator/offer-reports/{report_id}").status_code == 403
        client.post("/auth/logout")


def test_the_list_counts_by_kelurahan_without_showing_contacts(client, app, login_as):
    _reported(app, client)
    login_as("coordinator")
    body = page(client.get("/coordinator/offer-reports", headers=EN))
    assert "Bukit Intan" in body and "Reported offers by kelurahan" in body and "Myawaddy" in body
    assert "0812 3456 7890" not in body


def test_a_coordinator_reads_the_contact_and_the_reading_is_audited(client, app, db, login_as):
    report_id = _reported(app, client)
    coordinator_id = login_as("coordinator")
    body = page(client.get(f"/coordinator/offer-reports/{report_id}", headers=EN))
    assert "0812 3456 7890" in body and "Myawaddy" in body
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "offer_report_contact_viewed"))
    assert (entry.actor_id, entry.object_id) == (coordinator_id, str(report_id))


def test_a_coordinator_marks_a_report_handled_with_a_note(client, app, db, login_as):
    report_id = _reported(app, client)
    login_as("coordinator")
    url = f"/coordinator/offer-reports/{report_id}/handle"
    refused = client.post(url, data={"note": "  "}, headers=EN, follow_redirects=True)
    assert "Write what was done about the report." in page(refused)
    assert db.session.get(OfferReport, report_id).handled_at is None
    done = client.post(url, data={"note": "Called the reporter; warned the lurah."}, headers=EN,
                       follow_redirects=True)
    assert "The report is marked as handled." in page(done) and "warned the lurah" in page(done)
    assert db.session.get(OfferReport, report_id).handling_note == "Called the reporter; warned the lurah."
    handled = page(client.get("/coordinator/offer-reports?handling=handled", headers=EN))
    assert db.session.get(OfferReport, report_id).reference in handled


def test_an_unknown_report_is_not_found(client, login_as):
    login_as("coordinator")
    assert client.get("/coordinator/offer-reports/999999").status_code == 404
    assert client.post("/coordinator/offer-reports/999999/handle", data={"note": "x"}).status_code == 404


def test_the_dashboard_shows_reported_offers_by_kelurahan(client, app, login_as):
    _reported(app, client)
    login_as("coordinator")
    body = page(client.get("/coordinator/", headers=EN))
    assert "Reported offers by kelurahan" in body and "Bukit Intan" in body
    assert "1 reported offer is not handled yet." in body


def test_control_characters_are_dropped_before_anything_is_kept(client, app, db, login_as):
    response = report(client, app, text="Kerja di Kamboja\x00 gaji\x07 20jt\nhub saya", contact="08\x0012 345")
    stored = db.session.scalar(select(OfferReport))
    assert response.status_code == 200
    assert (stored.text, stored.contact) == ("Kerja di Kamboja gaji 20jt\nhub saya", "0812 345")
    login_as("coordinator")
    client.post(f"/coordinator/offer-reports/{stored.id}/handle", data={"note": "Warned\x00 the lurah"})
    assert db.session.get(OfferReport, stored.id).handling_note == "Warned the lurah"


def test_the_office_contact_shows_only_what_is_configured(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "DISNAKER_PHONE", "+62 717 000 111")
    page = check(client, text="Kerja di Myanmar, gaji besar, berangkat via Bangkok").get_data(as_text=True)
    assert 'href="tel:+62717000111"' in page and "Opening hours" not in page
