"""How long `flask seekers import` takes for N generated seekers on a fresh SQLite database.

    .venv/bin/python -m tests.bench.seeker_import --n 100000 [--runs 3]

The target (issue 3): 100,000 seekers in under 2 minutes on SQLite, 2 cores. Each run builds a
new database (migrations + reference data, not timed) and times the whole command: reading,
checking every record, writing, committing.
"""
import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SKILLS = ("welding", "las", "Pengelasan", "forklift", "elderly care", "merawat lansia", "Bahasa Jepang",
          "first aid", "memasak", "housekeeping", "komputer dasar", "menjahit", "mengemudi")
LANGUAGES = ("JLPT:N4", "JLPT:N3", "JFT-Basic:A2", "TOPIK:2", "EPS-TOPIK:pass", "HSK:3", "IELTS:5.5", "Goethe:A2")
SCHEMES = ("SKK-CPMI", "LSP-CAREGIVER", "SKKNI-SMAW", "JP-SSW-CARE", "KR-EPS", "TW-CARE")
SECTORS = ("manufacturing", "care", "construction", "hospitality", "agriculture", "fisheries")
KELURAHAN = ("19.71.01.1004", "19.71.01.1006", "19.71.02.1001", "19.71.03.1004", "19.71.04.1001")
EDUCATION = ("SMP", "SMA", "SMK", "SMK", "D3", "S1")


def record(i: int, today: date) -> dict:
    """A valid seeker; birth dates spread over 7,000 days so NIK serials stay unique."""
    from tests.factories import nik_for
    gender = "F" if i % 2 else "M"
    born = today - timedelta(days=15 * 366 + 30 + i % 7000)
    minor = (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < 18
    certifications = [f"{SCHEMES[(i + k) % len(SCHEMES)]}|BENCH/{i}/{k}|{(today - timedelta(days=400)).isoformat()}|"
                      f"{(today + timedelta(days=700)).isoformat()}|{'true' if (i + k) % 3 == 0 else 'false'}"
                      for k in range(i % 3)]
    return {
        "ref": f"DISNAKER-{i:07d}", "nik": nik_for(born, gender, i // 7000 + 1), "name": f"Pencari Kerja {i}",
        "birth_date": born.isoformat(), "gender": gender, "kelurahan_code": KELURAHAN[i % len(KELURAHAN)],
        "email": f"seeker{i}@bench.example.com" if i % 5 else None,
        "phone": f"0812{10_000_000 + i:08d}" if i % 10 < 7 else None,
        "education": EDUCATION[i % len(EDUCATION)], "experience_years": (i % 12) / 2,
        "skills": [SKILLS[(i + k) % len(SKILLS)] for k in range(1 + i % 4)] + [f"keahlian {i % 50}"] * (i % 7 == 0),
        "languages": [LANGUAGES[i % len(LANGUAGES)]] if i % 3 else [],
        "certifications": certifications,
        "preferred_countries": ["JP", "KR", "TW"][: i % 3 + 1], "preferred_sectors": [SECTORS[i % len(SECTORS)]],
        "consent_matching": i % 20 != 0, "guardian_consent": minor,
    }


def write_file(path: Path, n: int, today: date) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps(record(i, today)) + "\n")


def run_once(data_file: Path, workdir: Path, n: int) -> tuple[float, float]:
    """A fresh database, then the timed command; checks that every seeker was created."""
    from flask_migrate import upgrade

    from app import create_app
    from app.config import TestConfig
    from app.services.reference import load_reference
    database = workdir / f"bench-{time.monotonic_ns()}.db"
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        upgrade()
        load_reference()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = app.test_cli_runner().invoke(args=["seekers", "import", str(data_file), "--json"])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    summary = json.loads(result.stdout) if result.stdout.strip() else {}
    if result.exit_code != 0 or summary.get("created") != n:
        raise SystemExit(f"import failed (exit {result.exit_code}): {result.output[-2000:]}")
    return elapsed, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="seekers to import (default 100000)")
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh database; prints the median")
    args = parser.parse_args(argv)
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="jembatan-bench-") as folder:
        workdir = Path(folder)
        data_file = workdir / "seekers.jsonl"
        write_file(data_file, args.n, today)
        print(f"{args.n} seekers, {data_file.stat().st_size / 1e6:.1f} MB of JSON Lines, {os.cpu_count()} cores")
        times, cpu_times = [], []
        for run in range(1, args.runs + 1):
            elapsed, cpu = run_once(data_file, workdir, args.n)
            times.append(elapsed)
            cpu_times.append(cpu)
            print(f"run {run}: {elapsed:.1f} s wall, {cpu:.1f} s CPU ({args.n / elapsed:,.0f} seekers/s)")
        # CPU time shows the import's own cost when other processes share the cores.
        print(f"median of {len(times)}: {statistics.median(times):.1f} s wall, "
              f"{statistics.median(cpu_times):.1f} s CPU (target: under 120 s for 100,000)")


if __name__ == "__main__":
    main()
