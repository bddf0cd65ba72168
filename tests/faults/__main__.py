"""`python -m tests.faults`, started by tests/faults/run.sh once the private cluster is up.

Prepares the database through the app's own commands, serves the app with gunicorn, logs every
coordinator in before anything is measured, runs checks (a), (b) and (c), prints PASS/FAIL with their
figures, writes docs/faults-results.md and the faults section of BENCHMARKS.md, and exits 1 on any FAIL.
"""
import json
import os
import secrets
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from tests.faults import idle, race, writes
from tests.faults.client import Browser, SessionReader
from tests.faults.cluster import Cluster
from tests.faults.record import write_all
from tests.faults.report import Check
from tests.faults.server import Gunicorn, app_environment, flask

WRITERS = 6          # concurrent writer threads, each its own coordinator
RACERS = 16          # coordinators moving one placement at once
CRASH_DOWN = 2.0     # seconds PostgreSQL stays down after the immediate stop


def logged_in(port: int, email: str, password: str) -> Browser:
    browser = Browser(port)
    browser.login(email, password)
    return browser


def prepare(env: dict, password: str) -> dict:
    for step in (("db", "upgrade"), ("reference", "load"), ("demo", "load", "--json")):
        started = time.monotonic()
        flask(env, *step)
        print(f"faults: flask {' '.join(step)} ({time.monotonic() - started:.0f} s)", flush=True)
    out = flask(env, "-m", "tests.faults.seed", str(WRITERS), str(RACERS), stdin=password + "\n")
    return json.loads(out.strip().splitlines()[-1])


def log_check(server: Gunicorn) -> Check:
    check = Check("server log of the app across (a)-(c)")
    statuses = server.logged_statuses()
    check.figure("status codes in gunicorn's access log", ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    tracebacks = server.tracebacks()
    kinds = Counter(traceback.splitlines()[-1][:160] for traceback in tracebacks)
    check.figure("tracebacks in the log", f"{len(tracebacks)}" + "".join(f"; {n} x {k}" for k, n in kinds.items()))
    check.figure("requests whose connection died after their last commit, answered anyway (app/services/database.py)",
                 server.log.read_text().count("database connection lost while ending a request"))
    check.require(sum(n for status, n in statuses.items() if status >= 500 and status != 503) == 0,
                  "5xx answers other than 503 in the access log")
    if not check.passed and tracebacks:
        print("faults: the first traceback in the app's log:\n" + tracebacks[0], flush=True)
    return check


def run_checks(env: dict, work: Path, cluster: Cluster, seeded: dict, password: str, label: str) -> list[Check]:
    sessions, case_id = SessionReader(env["SECRET_KEY"]), seeded["case_id"]
    checks = []
    with Gunicorn("app", env, work) as server:
        print(f"faults: gunicorn (production configuration) on 127.0.0.1:{server.port}; logging in", flush=True)
        writers = [logged_in(server.port, email, password) for email in seeded["writers"]]
        tokens = [browser.csrf_token(f"/coordinator/cases/{case_id}")[0] for browser in writers]
        reader = idle.same_user_on(server.port, writers[0])
        api = Browser(server.port, headers={"Authorization": f"Bearer {seeded['api_token']}"})
        movers = [logged_in(server.port, email, password) for email in seeded["movers"]]
        for name, outage in (("restart", cluster.restart_fast), ("crash", lambda: cluster.crash(CRASH_DOWN))):
            print(f"faults: (a) {name} under write load", flush=True)
            load = writes.WriteLoad(writers, reader, api, case_id, tokens, sessions, f"{label}-{name}")
            checks.append(writes.judge(load, load.run_around(outage), cluster))
            print(checks[-1].printed(), flush=True)
        print("faults: (b) the race", flush=True)
        checks.append(race.judge(movers, sessions, cluster, seeded["placement_id"], seeded["from_stage"],
                                 seeded["to_stage"]))
        print(checks[-1].printed(), flush=True)
        with Gunicorn("control", env, work, "tests.faults.wsgi_no_ping:app") as control:
            print(f"faults: (c) idle pools across a restart (control without pre-ping on :{control.port})", flush=True)
            checks.append(idle.judge(writers, [idle.same_user_on(control.port, b) for b in writers], tokens, case_id,
                                     sessions, cluster, f"{label}-idle"))
            print(checks[-1].printed(), flush=True)
        checks.append(log_check(server))
        print(checks[-1].printed(), flush=True)
    return checks


def main() -> int:
    work = Path(os.environ["FAULTS_WORK"])
    cluster = Cluster()
    env = app_environment(work, cluster.url)
    password = secrets.token_urlsafe(18)
    started = datetime.now(UTC)
    label = "faults-" + started.strftime("%Y%m%d%H%M%S")
    seeded = prepare(env, password)
    checks = run_checks(env, work, cluster, seeded, password, label)
    passed = all(check.passed for check in checks)
    write_all(checks, started, cluster.version(), {"writers": WRITERS, "racers": RACERS, "crash_down": CRASH_DOWN,
                                                    "idle": idle.IDLE_SECONDS})
    print(f"faults: {'ALL PASS' if passed else 'FAIL'} ({sum(c.passed for c in checks)}/{len(checks)} checks passed)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
