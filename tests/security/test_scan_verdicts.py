"""`make security` reads sqlmap's words right: only sqlmap's own "not injectable" counts as clean, a scan that
could not finish is a finding, and every kind of finding fails the run."""
from datetime import UTC, datetime

import pytest

from tests.scans.results import PropertyRun, Run, render
from tests.scans.schemathesis_run import ApiOutcome
from tests.scans.sqlmap_runs import Outcome, count_requests, verdict
from tests.scans.targets import Target

FOUND = """[12:00:01] [INFO] GET parameter 'country' appears to be 'AND boolean-based blind' injectable
sqlmap identified the following injection point(s) with a total of 56 HTTP(s) requests:
---
Parameter: country (GET)
    Type: boolean-based blind
"""
CLEAN = """[12:00:09] [WARNING] GET parameter 'q' does not seem to be injectable
[12:00:09] [CRITICAL] all tested parameters do not appear to be injectable. Try to increase values
"""
UNREACHABLE = """[12:00:01] [INFO] testing connection to the target URL
[12:00:31] [CRITICAL] unable to connect to the target URL
"""


@pytest.mark.parametrize("text, expected", [
    (FOUND, "INJECTABLE"), (CLEAN, "not injectable"), (UNREACHABLE, "ERROR: unable to connect to the target URL"),
    ("", "ERROR: sqlmap ended without a verdict"),
])
def test_the_verdict_is_read_from_sqlmaps_own_words(text, expected):
    assert verdict(text) == expected


def test_requests_and_server_errors_are_counted_per_target_from_the_access_log():
    target = Target("login", "form", "anonymous", "http://127.0.0.1:1/auth/login", "identifier", "a=b")
    other = Target("api", "JSON body", "API token", "http://127.0.0.1:1/api/v1/lookup", "nik", "{}")
    log = "\n".join(['<11> 200 "POST /auth/login" "jembatan-scan/login"',
                     '<12> 500 "POST /auth/login" "jembatan-scan/login"',
                     '<12> 400 "POST /api/v1/lookup" "jembatan-scan/api"',
                     "[2026-11-28 12:00:00] ERROR in app: Exception on /auth/login [POST]"])
    outcomes = [Outcome(target, "not injectable"), Outcome(other, "not injectable")]
    count_requests(log, outcomes)
    assert [(o.requests, o.server_errors) for o in outcomes] == [(2, 1), (1, 0)]
    assert not outcomes[0].clean and outcomes[1].clean


def a_run(**changes) -> Run:
    target = Target("login", "form", "anonymous", "http://127.0.0.1:1/auth/login", "identifier", "a=b")
    planted = Target("planted", "filter query", "anonymous", "http://127.0.0.1:2/openings?country=JP", "country")
    fields = {"started": datetime(2026, 11, 28, tzinfo=UTC), "seconds": 61.0, "versions": {"sqlmap": "1.10.10"},
              "database": "PostgreSQL 15", "dbms": "PostgreSQL", "outcomes": [Outcome(target, "not injectable")],
              "planted": Outcome(planted, "INJECTABLE", requests=29),
              "api": ApiOutcome(operations=4, test_cases=600, checks=["not_a_server_error"]),
              "properties": PropertyRun("thorough", "9 passed in 80.00s", True, 80.0)}
    return Run(**{**fields, **changes})


def test_a_clean_run_passes_and_says_so():
    run = a_run()
    assert run.findings() == []
    page = render(run)
    assert "**Verdict: PASS**" in page and "injectable** in 29 requests" in page and "`POST /auth/login" in page


@pytest.mark.parametrize("change, words", [
    ({"outcomes": [Outcome(Target("login", "form", "anonymous", "http://x/auth/login"), "INJECTABLE")]},
     "login: INJECTABLE"),
    ({"outcomes": [Outcome(Target("login", "form", "anonymous", "http://x/auth/login"), "ERROR: unable")]},
     "login: ERROR"),
    ({"outcomes": [Outcome(Target("login", "form", "anonymous", "http://x/auth/login"), "not injectable",
                           server_errors=3)]}, "3 server error(s)"),
    ({"planted": Outcome(Target("planted", "filter query", "anonymous", "http://x/openings"), "not injectable")},
     "planted SQL injection was not found"),
    ({"api": ApiOutcome(operations=4, failures=1, failure_kinds=["ST202 Schema-valid request rejected"])},
     "schemathesis: 1 failure"),
    ({"api": ApiOutcome()}, "schemathesis"),
    ({"properties": PropertyRun("thorough", "1 failed, 8 passed", False, 80.0)}, "property tests"),
])
def test_every_kind_of_finding_fails_the_run(change, words):
    run = a_run(**change)
    assert any(words in finding for finding in run.findings()), run.findings()
    assert "**Verdict: FAIL**" in render(run)
