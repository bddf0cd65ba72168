"""The app as production runs it: gunicorn with app/gunicorn_conf.py and the production configuration.

Secrets are made fresh for each run and never written to the project. Each server runs in a session of
its own; its process group id goes into the work folder, where tests/faults/run.sh's trap finds it
should this process die first.
"""
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

from cryptography.fernet import Fernet

from tests.faults.client import Browser

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(work: Path, database_url: str) -> dict:
    """ProductionConfig's required variables, a private instance folder, the limiter in memory."""
    instance = work / "instance"
    instance.mkdir(exist_ok=True)
    return {**os.environ, "APP_ENV": "production", "FLASK_APP": "wsgi.py", "SECRET_KEY": secrets.token_hex(32),
            "DATA_KEY": Fernet.generate_key().decode(), "DATABASE_URL": database_url,
            "JEMBATAN_INSTANCE_PATH": str(instance), "UPLOAD_FOLDER": str(instance / "uploads"),
            "MAIL_OUTBOX": str(instance / "outbox"), "RATELIMIT_STORAGE_URI": "memory://"}


def flask(env: dict, *args: str, stdin: str | None = None) -> str:
    """Run a `flask` command (or `python -m` when args start with -m) in the app's environment."""
    command = [str(VENV_BIN / "python"), *args] if args[0] == "-m" else [str(VENV_BIN / "flask"), *args]
    done = subprocess.run(command, cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


class Gunicorn:
    """`gunicorn -c python:app.gunicorn_conf --bind 127.0.0.1:<free port> --no-control-socket <app>`."""

    def __init__(self, name: str, env: dict, work: Path, app: str = "wsgi:app"):
        self.name, self.env, self.work, self.app = name, env, work, app
        self.port = free_port()
        self.log = work / f"gunicorn-{name}.log"
        self.pgidfile = work / f"gunicorn-{name}.pgid"
        self.process: subprocess.Popen | None = None

    @property
    def command(self) -> list[str]:
        return [str(VENV_BIN / "gunicorn"), "-c", "python:app.gunicorn_conf", "--bind", f"127.0.0.1:{self.port}",
                "--no-control-socket", self.app]

    def __enter__(self) -> "Gunicorn":
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.pgidfile.write_text(str(self.process.pid))
        deadline = time.monotonic() + 60
        while Browser(self.port, timeout=5).request("GET", "/auth/login").status != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text()[-3000:]
                raise RuntimeError(f"gunicorn {self.name} did not start; see {self.log}:\n{tail}")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc) -> None:
        """TERM to the master (graceful), then KILL to whatever is left of its process group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.pgidfile.unlink(missing_ok=True)

    def logged_statuses(self) -> dict[int, int]:
        """Status codes in the access log (app/gunicorn_conf.py's format: `"GET /path HTTP/1.1" 200 …`)."""
        counts: dict[int, int] = {}
        for line in self.log.read_text().splitlines():
            parts = line.split('" ')
            if len(parts) >= 2 and parts[-1][:3].isdigit():
                status = int(parts[-1][:3])
                counts[status] = counts.get(status, 0) + 1
        return counts

    def tracebacks(self) -> list[str]:
        """Each traceback in the log, from its first line to the exception's line."""
        found, current = [], None
        for line in self.log.read_text().splitlines():
            if line.startswith("Traceback (most recent call last)"):
                current = [line]
            elif current is not None:
                current.append(line)
                if line and not line[0].isspace():
                    found.append("\n".join(current))
                    current = None
        return found
