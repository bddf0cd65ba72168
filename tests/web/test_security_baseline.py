"""CSRF, cookies and headers: the security baseline every page inherits."""
import re

import pytest

from tests.factories import PASSWORD


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(client, url="/auth/login") -> str:
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_form_posted_without_a_csrf_token_is_refused(csrf_on, client, make_user):
    user = make_user("coordinator")
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_a_csrf_token_from_another_session_is_refused(csrf_on, app, client, make_user):
    user = make_user("coordinator")
    other = app.test_client()
    stolen = _token(other)
    client.get("/auth/login")
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD, "csrf_token": stolen})
    assert response.status_code == 400


def test_a_form_with_its_own_token_goes_through(csrf_on, client, make_user):
    user = make_user("coordinator")
    token = _token(client)
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_the_session_cookie_is_httponly_and_samesite_lax(client, login_as):
    login_as("officer")
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


@pytest.mark.parametrize("url", ["/", "/auth/login", "/no-such-page"])
def test_html_responses_carry_the_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_personal_pages_are_never_cached(client, login_as):
    login_as("seeker")
    assert client.get("/seeker/").headers["Cache-Control"] == "no-store"
    assert client.get("/auth/password").headers["Cache-Control"] == "no-store"


def test_the_api_answers_errors_as_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_error_pages_speak_the_users_language(client):
    client.post("/language", data={"locale": "en"})
    page = client.get("/no-such-page").get_data(as_text=True)
    assert 'lang="en"' in page and "404" in page


def test_a_database_outage_answers_503_with_retry_after_even_to_a_logged_in_user(client, login_as, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import app.web.coordinator.views as views
    login_as("coordinator")

    def database_down():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))
    monkeypatch.setattr(views, "coordinator_figures", database_down)
    response = client.get("/coordinator/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
