"""How fast the candidates page of an opening answers, as a whole HTTP page, over 100,000 candidates.

    .venv/bin/python -m tests.bench.candidates_page [--runs 15] [--seekers 100000]

Builds a SQLite database with N synthetic seekers (tests/bench/matcher.py's generator, the same
rows the matcher's service figure uses) and one approved welding opening, logs an employer in
through the real login form, then GETs /employer/openings/<id>/candidates through the Flask test
client: one GET to warm the process (the matrix is built from the database), then the median of
`--runs` GETs. Each GET does what production does: the session and role guard, the ownership
check, the change-feed check, gates, scores, top 50 with explanations, the audit entry (a commit),
the 50 anonymised cards and the page rendering. The coordinator's page (the same ranking plus every
ineligible candidate, paged) is measured the same way. Target (issue 5): the employer's page ≤ 300 ms.
"""
import argparse
import tempfile
from datetime import date

from tests.bench.matcher import START, machine, median_ms

SKILLS = (("welding", "must"), ("smaw", "must"), ("blueprint reading", "important"), ("grinding", "important"),
          ("workplace safety", "nice"), ("metal fabrication", "nice"))


def _prepare(app, seekers: int) -> tuple[int, str, str]:
    """The database: reference data, N seekers, an employer and a coordinator with passwords, one opening."""
    from flask_migrate import upgrade

    from app.services.matcher.facts import load_vocabulary
    from app.services.reference import load_reference
    from tests.bench.matcher import _insert_seekers
    from tests.factories import make_user
    from tests.services.helpers_matching import make_opening
    with app.app_context():
        upgrade()
        load_reference()
        _insert_seekers(seekers, load_vocabulary())
        employer, coordinator = make_user("employer"), make_user("coordinator")
        opening = make_opening(employer=employer.employer, skills=SKILLS, start_date=START)
        return opening.id, employer.email, coordinator.email


def _client(app, email: str):
    from tests.factories import PASSWORD
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    assert response.status_code == 302, "login failed"
    client.post("/language", data={"locale": "en"})
    return client


def _page(client, url: str, runs: int, report: dict, name: str) -> None:
    first = client.get(url)
    assert first.status_code == 200, first.status_code
    timing = median_ms(lambda: client.get(url), runs)
    report[name] = (timing, len(client.get(url).data))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="warm GETs per figure (the median is printed)")
    parser.add_argument("--seekers", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}\ncommand: python -m tests.bench.candidates_page --runs {args.runs} "
          f"--seekers {args.seekers}\ndate: {date.today().isoformat()}\n", flush=True)
    from app import create_app
    from app.config import TestConfig
    from app.extensions import db
    report: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                                      "UPLOAD_FOLDER": f"{folder}/uploads", "MAIL_OUTBOX": f"{folder}/outbox"})
        opening_id, employer, coordinator = _prepare(app, args.seekers)
        _page(_client(app, employer), f"/employer/openings/{opening_id}/candidates", args.runs, report, "employer")
        _page(_client(app, coordinator), f"/coordinator/openings/{opening_id}/candidates", max(3, args.runs // 3),
              report, "coordinator")
        with app.app_context():
            db.engine.dispose()
    print("| figure | measured | target |\n|---|---|---|")
    timing, size = report["employer"]
    print(f"| GET /employer/openings/<id>/candidates, top 50 of {args.seekers:,} candidates on SQLite, whole page "
          f"({size / 1024:.0f} KB), warm, median of {args.runs} | {timing} | ≤ 300 ms |")
    timing, size = report["coordinator"]
    print(f"| GET /coordinator/openings/<id>/candidates, the same plus every ineligible candidate counted and "
          f"paged ({size / 1024:.0f} KB), warm, median of {max(3, args.runs // 3)} | {timing} | — |")


if __name__ == "__main__":
    main()
