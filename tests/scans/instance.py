"""The scanned instance: a throwaway database, the app's own commands to fill it, gunicorn to serve it.

PostgreSQL (the production database) when the local server answers, else a SQLite file; either way
its name says "scan", as ScanConfig demands, and it is removed afterwards.
"""
import json
import os
import re
import secrets
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.config import normalise_database_url
from tests.security.live_server import LiveServer, free_port

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("SCAN_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ACCESS_LOG_FORMAT = '%(p)s %(s)s "%(m)s %(U)s" "%(a)s"'


@dataclass
class Database:
    url: str
    dialect: str  # "postgresql" or "sqlite"
    drop: Callable[[], None] = field(repr=False, default=lambda: None)


def make_database(workdir: Path) -> Database:
    """A fresh PostgreSQL database beside SCAN_POSTGRES_URL's, or a SQLite file when that server is
    unreachable (SCAN_DATABASE=sqlite or =postgresql forces the choice)."""
    wanted = os.environ.get("SCAN_DATABASE", "")
    if wanted != "sqlite":
        try:
            return _postgres_database()
        except Exception as error:  # noqa: BLE001 - any failure to reach PostgreSQL means: use SQLite
            if wanted == "postgresql":
                raise
            print(f"PostgreSQL unreachable ({type(error).__name__}); scanning on SQLite", flush=True)
    return Database(f"sqlite:///{workdir / 'scan.db'}", "sqlite")


def _postgres_database() -> Database:
    admin_url = make_url(normalise_database_url(POSTGRES_ADMIN_URL))
    name = f"jembatan_scan_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    url = admin_url.set(database=name).render_as_string(hide_password=False)
    return Database(url, "postgresql", drop)


def scan_environment(workdir: Path, database: Database) -> dict:
    """The scan configuration's environment: keys made for this run, nothing read from instance/."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FLASK_DEBUG", "RATELIMIT_STORAGE_URI", "SCAN_PLANTED_BUG", "TEST_DATABASE_URL")}
    env.update({
        "APP_ENV": "scan", "FLASK_APP": "wsgi.py", "DATABASE_URL": database.url,
        "JEMBATAN_INSTANCE_PATH": str(workdir / "instance"), "SECRET_KEY": secrets.token_hex(32),
        "DATA_KEY": Fernet.generate_key().decode(), "NIK_EXCHANGE_KEY": secrets.token_hex(16),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def flask(env: dict, *args: str) -> str:
    """Run `flask …` with the scan environment; its standard output, or an exception with its errors."""
    result = subprocess.run([sys.executable, "-m", "flask", *args], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result.stdout


@dataclass
class Seeded:
    password: str
    accounts: dict  # role -> e-mail
    api_token: str


def seed(env: dict) -> Seeded:
    """Migrate, load the reference and demo data as `make run` does, and create an API client."""
    flask(env, "db", "upgrade")
    flask(env, "reference", "load")
    summary = json.loads(flask(env, "demo", "load", "--json"))
    if not summary.get("loaded"):
        raise RuntimeError(f"demo data not loaded: {summary}")
    printed = flask(env, "api-clients", "create", "--name", "Security scan",
                    "--scopes", "lookup,departures,openings")
    token = printed.strip().splitlines()[-1]
    if not re.fullmatch(r"\S{20,}", token):
        raise RuntimeError("`flask api-clients create` printed no token on its last line")
    accounts = {account["role"]: account["email"] for account in summary["accounts"]}
    return Seeded(summary["password"], accounts, token)


def start_server(env: dict, log: Path, workers: int = 2, planted: str | None = None) -> LiveServer:
    """gunicorn with the project's settings on a free loopback port; the access log names each
    request's User-Agent, which tells the scan targets apart."""
    env = {**env, **({"SCAN_PLANTED_BUG": planted} if planted else {})}
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "python:app.gunicorn_conf", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--access-logfile", "-",
               "--access-logformat", ACCESS_LOG_FORMAT, "wsgi:app"]
    server = LiveServer(command, env, log, f"http://127.0.0.1:{port}", cwd=REPO)
    server.start(ready_path="/api/v1/health", warm_up=2 * workers)
    return server
