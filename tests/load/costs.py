"""What each page of the load scenario costs the server, one request at a time: CPU and wall time.

    python -m tests.load.costs TOKENS_FILE RESULTS.json      (configuration from the environment, as run.sh sets it)

On a shared machine the load test's response times say as much about the neighbours as about the
app; the CPU time a request takes in the app's own process does not depend on them. This runs the
app in process (production configuration, the load database) through Flask's test client, over
https so the Secure session cookie travels, logs in as a seeker and an employer like the load
generator does, and times every endpoint of the scenario: the first call (cold: it builds the
matcher's matrix, compiles templates) and then the median of RUNS warm calls.
"""
import hashlib
import hmac
import json
import re
import statistics
import sys
import time
from datetime import date, timedelta

from app import create_app
from tests.load import identities

RUNS = 5
BASE = "https://127.0.0.1"
CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
CODE = re.compile(r'href="/openings/(JBT-[A-Z0-9]{4}-[A-Z0-9]{4})"')
MY_OPENING = re.compile(r'href="/employer/openings/(\d+)"')


def timed(call) -> tuple[float, float, object]:
    cpu, wall = time.process_time(), time.perf_counter()
    response = call()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, response


def log_in(client, email: str) -> None:
    token = CSRF.search(client.get("/auth/login", base_url=BASE).get_data(as_text=True)).group(1)
    answer = client.post("/auth/login", base_url=BASE, headers={"Referer": f"{BASE}/auth/login"},  # as over https
                         data={"identifier": email, "password": identities.PASSWORD, "csrf_token": token})
    if answer.status_code != 302:
        sys.exit(f"log-in as {email} refused: HTTP {answer.status_code}")


def measure(client, name: str, method: str, path: str, **kwargs) -> dict:
    def call():
        return client.open(path, method=method, base_url=BASE, **kwargs)

    cold_cpu, cold_wall, response = timed(call)
    runs = [timed(call) for _ in range(RUNS)]
    status = {r[2].status_code for r in runs} | {response.status_code}
    return {"name": name, "method": method, "status": sorted(status), "bytes": len(response.get_data()),
            "cold_cpu": round(cold_cpu), "cold_wall": round(cold_wall),
            "cpu": round(statistics.median(r[0] for r in runs), 1),
            "wall": round(statistics.median(r[1] for r in runs), 1)}


def exchange(app, i: int) -> str:
    """Seeker i's NIK hashed as Immigration sends it (HMAC-SHA256 under NIK_EXCHANGE_KEY)."""
    key = app.config["NIK_EXCHANGE_KEY"].encode()
    return hmac.new(key, identities.niks()[i - 1].encode(), hashlib.sha256).hexdigest()


def main(argv: list[str] | None = None) -> None:
    tokens_file, results = (argv if argv is not None else sys.argv[1:])[:2]
    token = open(tokens_file, encoding="utf-8").readline().strip()  # noqa: SIM115
    app = create_app()
    rows = []
    public = app.test_client()
    code = CODE.search(public.get("/openings", base_url=BASE).get_data(as_text=True)).group(1)
    for name, path in (("/", "/"), ("/openings?page=N", "/openings?page=3"),
                       ("/openings?country&sector", "/openings?country=JP&sector=care"),
                       ("/openings/<code>", f"/openings/{code}"), ("/training", "/training"),
                       ("/cek-tawaran", "/cek-tawaran")):
        rows.append(measure(public, name, "GET", path))
    seeker = app.test_client()
    log_in(seeker, identities.seeker_email(4242))
    for name in ("/seeker/", "/seeker/matches", "/seeker/profile", "/seeker/papers", "/seeker/applications"):
        rows.append(measure(seeker, name, "GET", name))
    employer = app.test_client()
    log_in(employer, identities.employer_email(7))
    opening = MY_OPENING.search(employer.get("/employer/openings", base_url=BASE).get_data(as_text=True)).group(1)
    for name, path in (("/employer/", "/employer/"), ("/employer/openings", "/employer/openings"),
                       ("/employer/openings/<id>", f"/employer/openings/{opening}"),
                       ("/employer/openings/<id>/candidates", f"/employer/openings/{opening}/candidates"),
                       ("/employer/openings/<id>/applicants", f"/employer/openings/{opening}/applicants")):
        rows.append(measure(employer, name, "GET", path))
    api = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    today = date.today()
    for name, method, path, body in (
            ("/api/v1/lookup (nik)", "POST", "/api/v1/lookup", {"nik": identities.niks()[4241]}),
            ("/api/v1/lookup (passport)", "POST", "/api/v1/lookup", {"passport_number": identities.passport(4240)}),
            ("/api/v1/lookup (nik_hash)", "POST", "/api/v1/lookup", {"nik_hash": exchange(app, 4243)}),
            ("/api/v1/openings/<code>", "GET", f"/api/v1/openings/{code}", None),
            ("/api/v1/departures", "GET", f"/api/v1/departures?from={today}&to={today + timedelta(days=60)}", None)):
        rows.append(measure(api, name, method, path, headers=auth, json=body))
    with open(results, "w", encoding="utf-8") as handle:
        json.dump({"runs": RUNS, "endpoints": rows}, handle, indent=1)


if __name__ == "__main__":
    main()
