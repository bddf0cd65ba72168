"""Logged-in sessions for the scans, and the ids they read from the pages each audience sees."""
import http.cookiejar
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

REGISTERED_SEEKER = {
    "nik": "1971014908010987", "full_name": "Pemindai Keamanan", "birth_date": "2001-08-09", "gender": "F",
    "place": "kelurahan:19.71.01.1004", "phone": "0812 3456 7890", "email": "scan.seeker@example.com",
    "password": "a long enough scan passphrase", "confirm": "a long enough scan passphrase",
    "consent_matching": "y",
}


@dataclass
class Session:
    opener: urllib.request.OpenerDirector
    jar: http.cookiejar.CookieJar
    base: str

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode("utf-8", "replace")

    def post(self, path: str, fields: dict) -> int:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(self.base + path, data=data, timeout=30) as response:
            return response.status

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)


def anonymous(base: str) -> Session:
    jar = http.cookiejar.CookieJar()
    return Session(urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar, base)


def logged_in(base: str, email: str, password: str) -> Session:
    """A session of this account: its cookie is what sqlmap sends (CSRF is off in the scan configuration)."""
    session = anonymous(base)
    session.post("/auth/login", {"identifier": email, "password": password})
    if not any(cookie.name == "session" for cookie in session.jar) or "/auth/logout" not in session.get("/"):
        raise RuntimeError(f"could not log in as {email}")
    return session


def register_seeker(base: str) -> dict:
    """Register the scan's own seeker once: the registration target then probes a form whose answer is
    always the same refusal (this NIK and e-mail are taken), never a new account."""
    anonymous(base).post("/auth/register", REGISTERED_SEEKER)
    return REGISTERED_SEEKER


def first_id(session: Session, list_path: str, pattern: str) -> str:
    """The first id (or code) that a list page links to, matched by `pattern`'s first group."""
    found = re.search(pattern, session.get(list_path))
    if not found:
        raise RuntimeError(f"{list_path} links to nothing matching {pattern}: the scan target cannot be built")
    return found.group(1)
