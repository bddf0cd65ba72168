"""What sqlmap attacks: one representative parameter of every kind, for every audience.

Kinds: the login and registration forms, search and filter queries, a path id per audience, a
free-text path segment, and the API's JSON body. The ids come from the pages each audience sees.
"""
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from tests.scans import sessions


@dataclass(frozen=True)
class Target:
    name: str
    kind: str
    audience: str
    url: str                      # a path id is marked with sqlmap's "*"
    param: str | None = None      # None: the "*" in the url
    data: str | None = None       # a POST body
    headers: tuple = ()
    cookie: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        method = "POST" if self.data is not None else "GET"
        return f"{method} {urlsplit(self.url).path.replace('*', '')} ({self.param or 'path id'})"


def build(base: str, seeded, registered: dict) -> list[Target]:
    """Every target, against the server at `base`, with sessions of the demo accounts."""
    login = {role: sessions.logged_in(base, seeded.accounts[role], seeded.password)
             for role in ("seeker", "employer", "coordinator", "officer")}
    cookie = {role: session.cookie_header() for role, session in login.items()}
    ids = {
        "journey": sessions.first_id(login["seeker"], "/seeker/applications", r"/seeker/journey/(\d+)"),
        "opening": sessions.first_id(login["employer"], "/employer/openings", r"/employer/openings/(\d+)"),
        "placement": sessions.first_id(login["coordinator"], "/coordinator/placements",
                                       r"/coordinator/placements/(\d+)"),
        "code": sessions.first_id(sessions.anonymous(base), "/openings", r'/openings/(JBT-[0-9A-Z-]+)"'),
    }
    bearer = (f"Authorization: Bearer {seeded.api_token}",)
    return [
        Target("login", "form", "anonymous", f"{base}/auth/login", "identifier",
               urlencode({"identifier": seeded.accounts["coordinator"], "password": "not the password 1"})),
        Target("registration", "form", "anonymous", f"{base}/auth/register", "email", urlencode(registered)),
        Target("public-filter", "filter query", "anonymous", f"{base}/openings?country=JP&sector=", "country"),
        Target("public-code", "path text", "anonymous", f"{base}/openings/{ids['code']}*"),
        Target("seeker-path-id", "path id", "seeker", f"{base}/seeker/journey/{ids['journey']}*",
               cookie=cookie["seeker"]),
        Target("seeker-search", "search query", "seeker", f"{base}/seeker/skills/suggest?q=weld", "q",
               cookie=cookie["seeker"]),
        Target("employer-path-id", "path id", "employer", f"{base}/employer/openings/{ids['opening']}*",
               cookie=cookie["employer"]),
        Target("employer-search", "search query", "employer", f"{base}/employer/occupations/search?q=weld", "q",
               cookie=cookie["employer"]),
        Target("coordinator-search", "search query", "coordinator", f"{base}/coordinator/seekers?name=Nurul",
               "name", cookie=cookie["coordinator"]),
        Target("audit-log-filter", "filter query", "coordinator",
               f"{base}/coordinator/audit-log?actor=admin&object_type=&object_id=&action=", "actor",
               cookie=cookie["coordinator"]),
        Target("coordinator-path-id", "path id", "coordinator",
               f"{base}/coordinator/placements/{ids['placement']}*", cookie=cookie["coordinator"]),
        Target("officer-lookup", "form", "officer", f"{base}/officer/lookup", "number",
               urlencode({"kind": "nik", "number": "1971015705000001"}), cookie=cookie["officer"]),
        Target("api-json-body", "JSON body", "API token", f"{base}/api/v1/lookup", "nik",
               json.dumps({"nik": "1971015705000001"}), headers=(*bearer, "Content-Type: application/json")),
    ]


def planted(base: str) -> Target:
    """The planted defect's target (app/security/planted.py): a short run must find it."""
    return Target("planted-public-filter", "filter query", "anonymous", f"{base}/openings?country=JP", "country")
