"""`python -m tests.scans`: seed, serve, attack with sqlmap and schemathesis, prove with the planted
defect, write docs/security-results.md; exit 1 on any finding. tests/scans/run.sh sets it up."""
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.scans import instance, results, schemathesis_run, sessions, sqlmap_runs, targets

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "scans"
PARALLEL = int(os.environ.get("SCAN_PARALLEL", "2"))
PLANTED = "sql_injection_in_search"
PROPERTY_PROFILE = os.environ.get("SECURITY_PROFILE", "thorough")
PROPERTY_TESTS = ("tests/security/test_no_server_errors.py", "tests/security/test_validators_never_crash.py")


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main() -> int:
    scan_bin = Path(os.environ.get("SCAN_BIN", REPO / ".venv-scan" / "bin"))
    started, clock = results.now(), time.monotonic()
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    database = instance.make_database(ARTIFACTS)
    say(f"database: {database.dialect} (throwaway, named for the scan)")
    try:
        env = instance.scan_environment(ARTIFACTS, database)
        say("seeding: flask db upgrade, reference load, demo load, api-clients create")
        seeded = instance.seed(env)
        dbms, version = _database_names(database)
        outcomes, api = _scan(scan_bin, env, seeded, dbms)
        say(f"planted defect {PLANTED}: one short sqlmap run that must find it")
        planted = _planted_run(scan_bin, env, dbms)
    finally:
        database.drop()
    say(f"property tests, profile {PROPERTY_PROFILE}: no 5xx on any input, validators never crash")
    properties = _property_tests()
    run = results.Run(started, time.monotonic() - clock, _versions(scan_bin), version, dbms, outcomes, planted, api,
                      properties)
    results.write(run)
    say(f"results written to {results.RESULTS.relative_to(REPO)}; sqlmap outputs in {ARTIFACTS.relative_to(REPO)}")
    for finding in run.findings():
        print(f"FINDING: {finding}")
    print("security scans: " + ("FAIL" if run.findings() else "PASS"))
    return 1 if run.findings() else 0


def _scan(scan_bin: Path, env: dict, seeded, dbms: str):
    with instance.start_server(env, ARTIFACTS / "server.log") as server:
        say(f"serving on {server.url}; logging in as each audience")
        plan = targets.build(server.url, seeded, sessions.register_seeker(server.url))
        say(f"sqlmap on {len(plan)} targets, {PARALLEL} at a time")
        with ThreadPoolExecutor(PARALLEL) as pool:
            outcomes = list(pool.map(lambda t: _one(scan_bin, t, dbms), plan))
        say("schemathesis on /api/v1/openapi.json, every check")
        api = schemathesis_run.run(scan_bin, server.url, seeded.api_token, ARTIFACTS)
        say(f"schemathesis: {api.operations} operations, {api.test_cases} cases, {api.failures} failures")
    sqlmap_runs.count_requests(server.log.read_text(errors="replace"), outcomes)
    return outcomes, api


def _one(scan_bin: Path, target, dbms: str):
    outcome = sqlmap_runs.run(scan_bin / "sqlmap", target, dbms, ARTIFACTS)
    say(f"  {target.name}: {outcome.verdict} ({outcome.seconds:.0f} s)")
    return outcome


def _planted_run(scan_bin: Path, env: dict, dbms: str):
    with instance.start_server(env, ARTIFACTS / "planted-server.log", workers=1, planted=PLANTED) as server:
        outcome = sqlmap_runs.run(scan_bin / "sqlmap", targets.planted(server.url), dbms, ARTIFACTS,
                                  level=1, risk=1, technique="B")
    sqlmap_runs.count_requests(server.log.read_text(errors="replace"), [outcome])
    say(f"  planted: {outcome.verdict} ({outcome.requests} requests)")
    return outcome


def _property_tests() -> results.PropertyRun:
    """The hypothesis properties with the thorough profile (CI runs them with a few examples each)."""
    started = time.monotonic()
    env = {**os.environ, "SECURITY_PROFILE": PROPERTY_PROFILE}
    env.pop("SCAN_BIN", None)
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                             f"--basetemp={ARTIFACTS / 'pytest'}", *PROPERTY_TESTS], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=3600)
    (ARTIFACTS / "property-tests.txt").write_text(result.stdout + result.stderr)
    summary = (result.stdout.strip().splitlines() or ["no output"])[-1].strip("= ")
    say(f"  {summary}")
    return results.PropertyRun(PROPERTY_PROFILE, summary, result.returncode == 0, time.monotonic() - started)


def _database_names(database) -> tuple[str, str]:
    """sqlmap's name for the DBMS, and its version for the report."""
    if database.dialect == "sqlite":
        import sqlite3
        return "SQLite", f"SQLite {sqlite3.sqlite_version}"
    engine = create_engine(instance.normalise_database_url(database.url))
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar()
    engine.dispose()
    return "PostgreSQL", f"PostgreSQL {version.split()[0]}"


def _versions(scan_bin: Path) -> dict:
    def first_line(*args):
        result = subprocess.run(args, capture_output=True, text=True, timeout=120)
        return (result.stdout or result.stderr).strip().splitlines()[-1] if result.returncode == 0 else "unknown"
    return {
        "sqlmap": first_line(str(scan_bin / "sqlmap"), "--version").removesuffix("#pip"),
        "schemathesis": first_line(str(scan_bin / "schemathesis"), "--version").split()[-1],
        "Python": sys.version.split()[0],
    }


if __name__ == "__main__":
    sys.exit(main())
