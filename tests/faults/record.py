"""Where the results go: docs/faults-results.md (generated, with a short history) and BENCHMARKS.md's section."""
import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.faults.report import Check, results_markdown, update_benchmarks

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "docs" / "faults-results.md"
BENCHMARKS = ROOT / "BENCHMARKS.md"
HISTORY_START, HISTORY_END = "<!-- history:start -->", "<!-- history:end -->"
HISTORY_KEPT = 10
NOTES = """How to read the figures:

- *During the outage* means a request overlapping the time from the stop command to the first
  connection PostgreSQL accepted again; requests before and after it must all succeed. A write is
  *acknowledged* when the note form answers its success (302 with the "success" flash); *lost* counts
  acknowledged notes missing from the database afterwards.
- *Stored without acknowledgement* are notes committed although their writer was answered 503: the
  commit's reply was cut off by the crash, or the request's one read after its commit (the user,
  expired by the commit, reloaded to pick the flash's language) met the outage. The writer is told to
  try again and may send the note twice; only an idempotency key on forms would prevent that.
- The control in (c) is the same app with `pool_pre_ping` off (tests/faults/wsgi_no_ping.py): its
  errors show the pooled connections really were dead, so the app's 0 is owed to the pre-ping.
- Found by this check and fixed: a request whose connection died after its last commit was answered
  with a bare 500 from gunicorn (the session teardown's rollback raised; app/services/database.py now
  discards such a session), and an OperationalError raised while finishing an answer reached the 500
  page instead of 503 (app/web/errors.py); tests/web/test_database_teardown.py covers both.
"""


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine() -> str:
    model = ""
    if os.path.exists("/proc/cpuinfo"):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        model = f", {found.group(1).strip()}" if found else ""
    load = f", load average {os.getloadavg()[0]:.1f} at the end" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} CPUs{model}; Linux {platform.release()}, Python {platform.python_version()}{load}"


def context(started: datetime, pg_version: str, settings: dict) -> dict[str, str]:
    return {
        "Date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "Commit": git_commit(),
        "Command": f"`{os.environ.get('FAULTS_COMMAND', 'bash tests/faults/run.sh')}` (tests/faults/run.sh)",
        "Database": f"a private PostgreSQL {pg_version} cluster made by initdb in a temporary folder, on its own "
                    "port, removed afterwards (fsync and synchronous_commit at their defaults)",
        "Server": f"gunicorn with app/gunicorn_conf.py ({os.environ.get('WEB_CONCURRENCY', '2')} workers x "
                  f"{os.environ.get('GUNICORN_THREADS', '4')} threads), APP_ENV=production, limiter in memory://",
        "Load": f"{settings['writers']} writer threads (one coordinator each) adding case notes without pause, "
                f"1 page reader, 1 API reader; {settings['racers']} racing coordinators; PostgreSQL down "
                f"{settings['crash_down']} s after the crash; pools idle {settings['idle']} s before the idle restart",
        "Machine": machine() + "; the load generator shares these CPUs with the server and the database",
    }


def history_line(started: datetime, checks: list[Check]) -> str:
    verdicts = ", ".join(f"{check.name.split(')')[0]})" if check.name.startswith("(") else "log"
                         for check in checks if not check.passed)
    return (f"| {started.strftime('%Y-%m-%d %H:%M UTC')} | {git_commit()} | "
            f"{'PASS' if all(c.passed for c in checks) else 'FAIL: ' + verdicts} | "
            f"{sum(c.passed for c in checks)}/{len(checks)} |")


def history(previous: str, line: str) -> str:
    rows = []
    if HISTORY_START in previous and HISTORY_END in previous:
        block = previous.split(HISTORY_START, 1)[1].split(HISTORY_END, 1)[0]
        rows = [row for row in block.splitlines() if row.startswith("| 2")]
    rows = [line, *rows][:HISTORY_KEPT]
    return "\n".join(["## Recent runs", "", HISTORY_START, "| date | commit | verdict | checks passed |",
                      "|---|---|---|---|", *rows, HISTORY_END])


def write_all(checks: list[Check], started: datetime, pg_version: str, settings: dict) -> None:
    body = results_markdown(checks, context(started, pg_version, settings), NOTES)
    previous = RESULTS.read_text() if RESULTS.exists() else ""
    RESULTS.write_text("# Fault checks: latest results\n\n"
                       "Generated by `make faults` (tests/faults/); do not edit by hand. What each check does is in\n"
                       "the docstrings of tests/faults/writes.py, race.py and idle.py.\n\n"
                       + body + "\n" + history(previous, history_line(started, checks)) + "\n")
    update_benchmarks(BENCHMARKS, "## Faults (issue 8)\n\n"
                      "Written by `make faults` (the full record, with recent runs: docs/faults-results.md).\n\n"
                      + body)
    print(f"faults: results written to {RESULTS.relative_to(ROOT)} and {BENCHMARKS.relative_to(ROOT)} "
          f"({datetime.now(UTC):%H:%M:%S} UTC)")
