"""The public home page, the language switch, and the page frame every page shares."""
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import CertificationScheme, Cohort, Opening, TrainingProgramme, User
from tests.factories import make_employer

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def make_opening(employer, status, code=None):
    return Opening(employer_id=employer.id, title=f"Welder ({status})", sector_code="manufacturing",
                   city="Test City", country_code="JP", status=status, code=code)


def make_cohort(db, programme_name, starts_in_days, status="open"):
    scheme_code = db.session.scalar(select(CertificationScheme.code).order_by(CertificationScheme.code))
    programme = TrainingProgramme(name=programme_name, scheme_code=scheme_code, provider="BLK Pangkalpinang",
                                  provider_kind="BLK", hours=120)
    starts = date.today() + timedelta(days=starts_in_days)
    cohort = Cohort(programme=programme, starts_on=starts, ends_on=starts + timedelta(days=30),
                    place="Pangkalpinang", capacity=20, status=status)
    db.session.add(cohort)
    db.session.commit()
    return cohort


def test_home_page_is_served_in_indonesian_by_default(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="id">' in page
    assert '<a class="skip-link" href="#main">' in page and '<main id="main"' in page
    assert 'action="/language"' in page and 'value="id"' in page and 'value="en"' in page


def test_home_page_has_labelled_landmarks_and_calls_to_action(client, app):
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<nav class="site-nav" aria-label="[^"]+"', page)
    assert re.search(r'<nav class="account-nav" aria-label="[^"]+"', page)
    assert "<footer" in page and "Pemerintah Kota Pangkalpinang" in page and "Dinas Tenaga Kerja" in page
    with app.test_request_context():
        from flask import url_for
        for endpoint in ("auth.register_seeker", "auth.register_employer", "auth.login"):
            assert f'href="{url_for(endpoint)}"' in page
    assert "Myanmar" in page and "Kamboja" in page  # Cambodia, in Indonesian


def test_browser_asking_for_english_gets_english(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_switching_to_english_is_remembered_on_the_next_page(client):
    response = client.post("/language", data={"locale": "en", "next": "/?from=switch"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/?from=switch")
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    client.post("/language", data={"locale": "id", "next": "/"})
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)


def test_the_language_form_carries_a_working_csrf_token(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    page = client.get("/").get_data(as_text=True)
    form = page[page.index('action="/language"'):]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post("/language", data={"locale": "en", "next": "/"}).status_code == 400
    assert client.post("/language", data={"locale": "en", "next": "/", "csrf_token": token}).status_code == 303


def test_an_unknown_language_is_refused(client):
    assert client.post("/language", data={"locale": "xx", "next": "/"}).status_code == 400


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)",
    "/\t/evil.example", "http:/evil.example", "",
])
def test_the_language_switch_never_redirects_to_another_site(client, target):
    response = client.post("/language", data={"locale": "en", "next": target})
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location in ("/", "http://localhost/")
    assert "evil" not in location


def test_a_logged_in_user_keeps_the_chosen_language_on_the_account(client, db, login_as):
    user_id = login_as("seeker")
    client.post("/language", data={"locale": "en", "next": "/"})
    assert db.session.get(User, user_id).locale == "en"


def test_the_home_page_counts_approved_openings_only(client, db):
    employer = make_employer()
    db.session.add_all([make_opening(employer, "approved", code="JMB-TEST-0001"),
                        make_opening(employer, "approved", code="JMB-TEST-0002"),
                        make_opening(employer, "draft"), make_opening(employer, "submitted")])
    db.session.commit()
    from app.services.catalogue import approved_openings_count
    assert approved_openings_count() == 2
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<p class="stat-value">\s*2\s*</p>', page)


def test_the_home_page_lists_upcoming_cohorts_soonest_first(client, db):
    make_cohort(db, "Later welding course", starts_in_days=40)
    make_cohort(db, "Sooner caregiving course", starts_in_days=10, status="planned")
    make_cohort(db, "Finished course", starts_in_days=-60, status="completed")
    make_cohort(db, "Cancelled course", starts_in_days=20, status="cancelled")
    page = client.get("/").get_data(as_text=True)
    assert page.index("Sooner caregiving course") < page.index("Later welding course")
    assert "Finished course" not in page and "Cancelled course" not in page


def test_the_demo_ribbon_shows_only_when_configured(client, app, monkeypatch):
    assert "demo-ribbon" not in client.get("/").get_data(as_text=True)
    monkeypatch.setitem(app.config, "SHOW_DEMO_BANNER", True)
    assert "demo-ribbon" in client.get("/").get_data(as_text=True)


def test_error_pages_are_friendly_and_link_home(client):
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="id">' in page and 'href="/"' in page


def test_a_field_with_an_error_is_described_and_marked_invalid(app):
    from flask import render_template_string
    from flask_wtf import FlaskForm
    from wtforms import StringField
    from wtforms.validators import DataRequired

    class NameForm(FlaskForm):
        name = StringField("Full name", validators=[DataRequired()], description="As on your KTP.")

    with app.test_request_context(method="POST", data={"name": ""}):
        form = NameForm()
        form.validate()
        html = render_template_string(
            '{% from "_macros/forms.html" import render_form %}{{ render_form(form, "/save", "Save") }}', form=form)
    assert '<label for="name">Full name</label>' in html
    assert 'aria-describedby="name-hint name-error"' in html and 'aria-invalid="true"' in html
    assert 'id="name-hint"' in html and 'id="name-error"' in html
    assert 'class="error-summary" role="alert"' in html and 'href="#name"' in html
    assert 'action="/save"' in html and ">Save</button>" in html


def test_the_content_security_policy_allows_no_inline_code(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_WITH_BODY = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_inline_script_or_style(path):
    source = JINJA_COMMENT.sub("", path.read_text(encoding="utf-8"))
    assert not INLINE_STYLE.search(source), "style= attribute (CSP style-src 'self')"
    assert not STYLE_ELEMENT.search(source), "<style> element (CSP style-src 'self')"
    assert not EVENT_HANDLER.search(source), "on*= event handler (CSP script-src 'self')"
    bodies = [body for body in SCRIPT_WITH_BODY.findall(source) if body.strip()]
    assert not bodies, "inline <script> body (CSP script-src 'self')"


def test_static_assets_referenced_by_the_frame_are_served(client):
    for path in ("/static/css/app.css", "/static/js/app.js", "/static/img/logo.svg"):
        assert client.get(path).status_code == 200, path
