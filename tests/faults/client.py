"""A small HTTP client for the fault checks: real logins, real forms, and what the app flashed.

The production configuration marks cookies Secure, and the checks talk plain HTTP to 127.0.0.1, so
cookies are kept here by hand instead of by http.cookiejar (which would rightly withhold them).
Redirects are never followed: a write is acknowledged by its own answer, a 302 back to the page
carrying a "success" flash in the signed session cookie, which is read with the app's SECRET_KEY.
"""
import http.client
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

USER_AGENT = "jembatan-faults/1"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Answer:
    status: int            # 0 when no HTTP answer came back (refused, reset, timed out)
    started: float
    ended: float
    headers: dict = field(default_factory=dict)
    body: str = ""
    cookies: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("location", "")).path

    @property
    def retry_after(self) -> bool:
        return bool(self.headers.get("retry-after"))


class SessionReader:
    """Reads Flask's signed session cookie, as the app itself would."""

    def __init__(self, secret_key: str):
        app = Flask("faults-client")
        app.secret_key = secret_key
        self.serializer = SecureCookieSessionInterface().get_signing_serializer(app)

    def flashes(self, answer: Answer) -> list[tuple[str, str]]:
        raw = answer.cookies.get("session")
        if not raw:
            return []
        return [(category, message) for category, message in self.serializer.loads(raw).get("_flashes", [])]


class Browser:
    """One user's cookies against one server; `request` never raises for network trouble."""

    def __init__(self, port: int, timeout: float = 35, headers: dict | None = None):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.headers = headers or {}

    def request(self, method: str, path: str, form: dict | None = None, keep_cookies: bool = True) -> Answer:
        headers = {"User-Agent": USER_AGENT, "Accept-Language": "en", **self.headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as problem:
            return Answer(0, started, time.monotonic(), error=f"{type(problem).__name__}: {problem}")
        finally:
            connection.close()
        answer = Answer(response.status, started, time.monotonic(),
                        {name.lower(): value for name, value in response.getheaders()}, text,
                        _set_cookies(response.msg.get_all("Set-Cookie") or []))
        if keep_cookies:
            for name, value in answer.cookies.items():
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
        return answer

    def csrf_token(self, path: str) -> tuple[str, str]:
        """GET a page (keeping the session it sets) and return its first form's CSRF token and the page."""
        page = self.request("GET", path)
        found = CSRF.search(page.body)
        if page.status != 200 or not found:
            raise RuntimeError(f"GET {path}: {page.status} without a form ({page.error or page.body[:200]})")
        return found.group(1), page.body

    def login(self, email: str, password: str) -> None:
        token, _page = self.csrf_token("/auth/login")
        answer = self.request("POST", "/auth/login", {"csrf_token": token, "identifier": email, "password": password})
        if answer.status != 302 or answer.location.startswith("/auth/login"):
            raise RuntimeError(f"login of {email} refused: {answer.status} {answer.error or ''}")


def _set_cookies(lines: list[str]) -> dict[str, str]:
    """Name -> value; an expired or emptied cookie maps to ''."""
    found = {}
    for line in lines:
        jar = SimpleCookie()
        jar.load(line)
        for name, morsel in jar.items():
            expired = morsel["expires"] and "1970" in morsel["expires"] or morsel["max-age"] == "0"
            found[name] = "" if expired else morsel.value
    return found
