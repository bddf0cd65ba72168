"""Check (c): an idle connection pool across a PostgreSQL restart, and the control that proves pool_pre_ping.

Both servers run the production configuration against the same cluster; the control is built by
tests/faults/wsgi_no_ping.py with one difference, `pool_pre_ping` off. Both pools are filled by a burst
of concurrent requests and then left idle; PostgreSQL is restarted (fast) while nothing is asked, and
the checks confirm that none of the pooled server processes survived it. Then the same requests
(logged-in page views and case notes) go to each server. The app must answer every one normally; the
control must not (its first request on each stale connection fails), otherwise the check could not
tell a pre-pinged pool from a lucky one and proves nothing.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.faults.client import Answer, Browser, SessionReader
from tests.faults.cluster import Cluster
from tests.faults.report import Check
from tests.faults.writes import note_acknowledged

IDLE_SECONDS = 5
REQUESTS = 32
CONCURRENCY = 8


def same_user_on(port: int, browser: Browser) -> Browser:
    other = Browser(port, browser.timeout)
    other.cookies = dict(browser.cookies)
    return other


def fill_pool(browsers: list[Browser]) -> None:
    """Enough concurrent logged-in page views that every worker keeps several connections in its pool."""
    with ThreadPoolExecutor(len(browsers)) as pool:
        answers = list(pool.map(lambda b: b.request("GET", "/coordinator/placements", keep_cookies=False), browsers))
    if any(a.status != 200 for a in answers):
        raise RuntimeError(f"filling the pool failed: {[a.status for a in answers]}")


def probe(browsers: list[Browser], tokens: list[str], case_id: int, sessions: SessionReader,
          label: str) -> list[tuple[Answer, bool, str | None]]:
    """REQUESTS requests, half page views (200) and half case notes (acknowledged), CONCURRENCY at a time."""
    counter = iter(range(REQUESTS))
    lock = threading.Lock()

    def one(n: int) -> tuple[Answer, bool, str | None]:
        browser, token = browsers[n % len(browsers)], tokens[n % len(tokens)]
        if n % 2:
            answer = browser.request("GET", "/coordinator/placements", keep_cookies=False)
            return answer, answer.status == 200, None
        with lock:
            text = f"{label}-{next(counter):04d}"
        answer = browser.request("POST", f"/coordinator/cases/{case_id}/notes", {"csrf_token": token, "text": text},
                                 keep_cookies=False)
        return answer, note_acknowledged(answer, case_id, sessions), text

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return list(pool.map(one, range(REQUESTS)))


def judge(app_browsers: list[Browser], control_browsers: list[Browser], tokens: list[str], case_id: int,
          sessions: SessionReader, cluster: Cluster, label: str) -> Check:
    check = Check("(c) idle connection pool across a restart (fast)")
    fill_pool(app_browsers + control_browsers)
    pooled = cluster.app_backends()
    time.sleep(IDLE_SECONDS)
    outage = cluster.restart_fast()
    survivors = pooled & cluster.app_backends()
    app = probe(app_browsers, tokens, case_id, sessions, f"{label}-app")
    control = probe(control_browsers, tokens, case_id, sessions, f"{label}-control")
    app_errors = [a for a, ok, _text in app if not ok]
    control_errors = [a for a, ok, _text in control if not ok]
    acknowledged = {text for _a, ok, text in app if ok and text}
    stored = {text for (text,) in cluster.query("SELECT text FROM case_notes WHERE case_id = %s AND text LIKE %s",
                                                (case_id, f"{label}-app-%"))}

    check.figure("pooled server connections before (both servers) / still alive after the restart",
                 f"{len(pooled)} / {len(survivors)}")
    check.figure("idle before the restart; restart took", f"{IDLE_SECONDS} s; {outage.seconds:.2f} s")
    check.figure(f"app (pool_pre_ping on): errors among {len(app)} requests after the restart",
                 f"{len(app_errors)} {_statuses(app_errors)}".strip())
    check.figure(f"control (pool_pre_ping off): errors among {len(control)} requests after the restart",
                 f"{len(control_errors)} {_statuses(control_errors)}".strip())
    check.figure("app's notes acknowledged / stored", f"{len(acknowledged)} / {len(acknowledged & stored)}")
    check.require(len(pooled) > 0 and not survivors, "the pools held no connection the restart ended")
    check.require(not app_errors, f"{len(app_errors)} errors after an idle restart")
    check.require(acknowledged <= stored, "acknowledged notes missing after the idle restart")
    check.require(len(control_errors) > 0, "the control without pool_pre_ping saw no error: the check proves nothing")
    return check


def _statuses(answers: list[Answer]) -> str:
    if not answers:
        return ""
    counts: dict[str, int] = {}
    for answer in answers:
        key = "no answer" if answer.status == 0 else str(answer.status)
        counts[key] = counts.get(key, 0) + 1
    return "(" + ", ".join(f"{key}: {n}" for key, n in sorted(counts.items())) + ")"
