"""The login limit holds across gunicorn workers when they share Redis: the 6th failed login in a minute gets
429 even though the six requests land on two different worker processes.

gunicorn runs the production configuration with two sync workers. To put requests on a chosen worker, the
test "plugs" the other one: a sync worker that has accepted a connection whose request never finishes serves
nobody else. The access log names the worker (its pid) that answered each request.

Without Redis on RATELIMIT_REDIS_URL (default redis://127.0.0.1:6379/15) the Redis test is skipped with the
reason; REQUIRE_REDIS=1, as CI should set, turns that skip into a failure.
"""
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.security.live_server import LiveServer, free_port

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("RATELIMIT_REDIS_URL", "redis://127.0.0.1:6379/15")
# The access log names the worker process (its pid) that answered each request.
ACCESS_LOG_FORMAT = 'worker=%(p)s status=%(s)s "%(m)s %(U)s"'


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def redis_unavailable() -> str | None:
    try:
        import redis
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # noqa: BLE001 - any failure means: no Redis to test against
        return f"Redis is not reachable at {REDIS_URL} ({type(error).__name__}: {error})"
    return None


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """The production configuration's environment, on a migrated SQLite file of its own."""
    from cryptography.fernet import Fernet

    tmp = tmp_path_factory.mktemp("limiter")
    env = {k: v for k, v in os.environ.items() if k not in ("FLASK_DEBUG", "SCAN_PLANTED_BUG", "RATELIMIT_STORAGE_URI")}
    env.update({"APP_ENV": "production", "FLASK_APP": "wsgi.py", "SECRET_KEY": uuid.uuid4().hex * 2,
                "DATA_KEY": Fernet.generate_key().decode(), "DATABASE_URL": f"sqlite:///{tmp / 'limiter.db'}",
                "JEMBATAN_INSTANCE_PATH": str(tmp / "instance"), "PYTHONUNBUFFERED": "1"})
    result = subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return env, tmp


@contextmanager
def two_workers(production_env, storage_uri: str, key_prefix: str):
    env, tmp = production_env
    port = free_port()
    factory = f"app:create_app(None, {{'RATELIMIT_KEY_PREFIX': {key_prefix!r}}})"
    command = [sys.executable, "-m", "gunicorn", "-c", "python:app.gunicorn_conf", "--workers", "2",
               "--threads", "1", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--no-control-socket",
               "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, factory]
    server = LiveServer(command, {**env, "RATELIMIT_STORAGE_URI": storage_uri}, tmp / f"{key_prefix}.log",
                        f"http://127.0.0.1:{port}", cwd=REPO)
    server.start(ready_path="/auth/login", warm_up=4)
    try:
        yield server, port
    finally:
        server.stop()


def plug(port: int) -> socket.socket:
    """Occupy one idle sync worker with a request that never finishes: it serves nobody else until closed."""
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(b"GET /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    time.sleep(0.5)  # let a worker accept it
    return conn


class LoginForm:
    """A login form's session cookie and CSRF token, posted with a wrong password again and again."""

    def __init__(self, port: int):
        self.port = port
        response, body = self._request("GET", "/auth/login")
        self.cookie = response.getheader("Set-Cookie").split(";", 1)[0]
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', body).group(1)

    def _request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def fail(self) -> int:
        body = urllib.parse.urlencode({"csrf_token": self.token, "identifier": "nobody@example.com",
                                       "password": "not the password at all"})
        response, _ = self._request("POST", "/auth/login", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie})
        return response.status


def failed_logins_on_two_workers(server, port: int) -> tuple[list[int], list[str]]:
    """Six failed logins from one address, three on each worker: the statuses, and the pid of the worker
    that answered each (from the access log)."""
    form = LoginForm(port)
    mark = len(server.log.read_text().splitlines())
    first = plug(port)                      # worker X takes it
    try:
        statuses = [form.fail() for _ in range(3)]   # so worker Y answers these
        second = plug(port)                 # Y, the only idle worker, takes this one
    finally:
        first.close()                       # X is free again
    time.sleep(0.5)
    try:
        statuses += [form.fail() for _ in range(3)]  # X answers these
    finally:
        second.close()
    time.sleep(0.5)
    lines = [line for line in server.log.read_text().splitlines()[mark:] if '"POST /auth/login"' in line]
    return statuses, [re.search(r"worker=<(\d+)>", line).group(1) for line in lines]


def test_the_sixth_failed_login_is_refused_across_two_workers_sharing_redis(production_env):
    reason = redis_unavailable()
    if reason:
        if _flag("REQUIRE_REDIS"):
            pytest.fail(f"REQUIRE_REDIS=1 but {reason}", pytrace=False)
        pytest.skip(f"shared limiter not tested: {reason}")
    import redis
    prefix = f"jembatan-test-{uuid.uuid4().hex[:10]}"
    try:
        with two_workers(production_env, REDIS_URL, prefix) as (server, port):
            statuses, workers = failed_logins_on_two_workers(server, port)
        assert len(set(workers[:3])) == 1 and len(set(workers[3:])) == 1 and workers[0] != workers[3], workers
        assert statuses == [200] * 5 + [429]
    finally:
        store = redis.Redis.from_url(REDIS_URL)
        keys = list(store.scan_iter(f"*{prefix}*"))
        if keys:
            store.delete(*keys)


def test_without_shared_storage_each_worker_counts_alone_so_the_sixth_login_slips_through(production_env):
    """The control: per-process memory storage misses the limit, which is why production needs Redis."""
    with two_workers(production_env, "memory://", f"jembatan-test-{uuid.uuid4().hex[:10]}") as (server, port):
        statuses, workers = failed_logins_on_two_workers(server, port)
    assert workers[0] != workers[3]
    assert statuses == [200] * 6
