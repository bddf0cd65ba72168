"""Browser journeys: the real app served by gunicorn on 127.0.0.1, driven by Debian's Chromium.

The server runs the development configuration on a fresh SQLite file, after the same
`flask db upgrade`, `flask reference load` and `flask demo load` that `make run` uses.
Without /usr/bin/chromium (or with SKIP_E2E=1) every test here is skipped with the reason;
with REQUIRE_BROWSER=1, as in CI, a missing browser fails them instead.
"""
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
# Without the background-networking flags Chromium keeps calling home, and this machine refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
SERVER_START_SECONDS = 60


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _is_e2e(item) -> bool:
    return E2E_DIR in Path(str(item.path)).resolve().parents


def browser_unavailable() -> str | None:
    """Why the journeys cannot run here, or None when they can."""
    if _flag("SKIP_E2E"):
        return "SKIP_E2E is set"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (tests/requirements.txt)"
    return None


def _must_fail(reason: str | None) -> bool:
    """REQUIRE_BROWSER turns a missing browser into a failure; an explicit SKIP_E2E still skips."""
    return bool(reason) and _flag("REQUIRE_BROWSER") and not _flag("SKIP_E2E")


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable()
    for item in items:
        if not _is_e2e(item):
            continue
        item.add_marker(pytest.mark.e2e)
        if reason and not _must_fail(reason):
            item.add_marker(pytest.mark.skip(reason=f"browser journeys not run: {reason}"))


def pytest_runtest_setup(item):
    if not _is_e2e(item):
        return
    reason = browser_unavailable()
    if _must_fail(reason):
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)


# --- the server -------------------------------------------------------------------------------

@dataclass
class LiveServer:
    url: str
    log: Path
    demo_output: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_env(tmp: Path) -> dict:
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if k not in ("APP_ENV", "FLASK_DEBUG", "RATELIMIT_STORAGE_URI")}
    env.update({
        "FLASK_APP": "wsgi.py",
        "DATABASE_URL": f"sqlite:///{tmp / 'e2e.db'}",
        # Keys in the environment, so the run never reads or writes the developer's instance/ keys.
        "SECRET_KEY": secrets.token_hex(32),
        "DATA_KEY": Fernet.generate_key().decode(),
        "JEMBATAN_INSTANCE_PATH": str(tmp / "instance"),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


def _prepare_database(env: dict) -> str:
    """Migrate and load data as `make run` does; returns what `flask demo load` printed."""
    if not (REPO / "migrations" / "env.py").exists():
        pytest.skip("no migrations yet (migrations/env.py is missing): `flask db upgrade` cannot build the database")
    _compile_catalogs()
    printed = ""
    for command in (("db", "upgrade"), ("reference", "load"), ("demo", "load")):
        result = _flask(env, *command)
        if result.returncode == 2 and "No such command" in result.stderr:
            pytest.skip(f"`flask {' '.join(command)}` does not exist yet")
        if result.returncode != 0:
            pytest.fail(f"`flask {' '.join(command)}` exited {result.returncode}:\n"
                        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}", pytrace=False)
        printed = result.stdout + result.stderr
    return printed


def _compile_catalogs() -> None:
    """Compile the translation catalogs as `make run` does, so a plain `pytest` serves Indonesian too."""
    if not list((REPO / "app" / "translations").glob("*/LC_MESSAGES/messages.po")):
        return
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "compile",
                             "-d", str(REPO / "app" / "translations")], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        pytest.fail(f"pybabel compile failed:\n{result.stderr[-3000:]}", pytrace=False)


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server on loopback)
            return
        except urllib.error.HTTPError:
            return  # it answered; the tests judge the status
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer within {SERVER_START_SECONDS} s:\n{log.read_text()[-3000:]}",
                pytrace=False)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app served by gunicorn on a free port of 127.0.0.1, on a fresh database."""
    tmp = tmp_path_factory.mktemp("e2e")
    env = _server_env(tmp)
    demo_output = _prepare_database(env)
    ARTIFACTS.mkdir(exist_ok=True)
    # One log per xdist worker: parallel workers each serve their own app and would overwrite one file.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    log = ARTIFACTS / (f"e2e-server-{worker}.log" if worker else "e2e-server.log")
    port = _free_port()
    # The project's gunicorn settings (query-free access log), one worker, a private port.
    command = [sys.executable, "-m", "gunicorn", "-c", "python:app.gunicorn_conf", "--workers", "1",
               "--bind", f"127.0.0.1:{port}", "--no-control-socket", "wsgi:app"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url + "/", process, log)
        yield LiveServer(url=url, log=log, demo_output=demo_output)
    finally:
        _stop(process)


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """Debian's Chromium, headless, with its calls home switched off."""
    chromium = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


class PageMaker:
    """Opens pages on the live server, each in its own browser context; remembers them for evidence."""

    def __init__(self, browser, live_server):
        self.browser, self.live_server = browser, live_server
        self.pages, self._contexts = [], []

    def __call__(self, locale: str = "id-ID", phone: bool = False, **options):
        if phone:
            options = {"viewport": PHONE, "is_mobile": True, "has_touch": True, **options}
        context = self.browser.new_context(base_url=self.live_server.url, locale=locale,
                                           timezone_id="Asia/Jakarta", **options)
        context.set_default_timeout(15_000)
        self._contexts.append(context)
        new_page = context.new_page()
        self.pages.append(new_page)
        return new_page

    def close(self):
        for context in self._contexts:
            context.close()


@pytest.fixture
def make_page(browser, live_server):
    """`make_page(locale="en-GB", phone=True)` opens a page; `page.goto("/")` is the live home page."""
    maker = PageMaker(browser, live_server)
    yield maker
    maker.close()


@pytest.fixture
def page(make_page):
    """A desktop-sized page in Indonesian."""
    return make_page()


@pytest.fixture
def phone_page(make_page):
    """A 360 x 740 touch phone in Indonesian, the seeker's usual screen."""
    return make_page(phone=True)


# --- evidence on failure ----------------------------------------------------------------------

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call") and _is_e2e(item):
        maker = getattr(item, "funcargs", {}).get("make_page")
        for number, open_page in enumerate(maker.pages if maker else [], start=1):
            report.sections.append((f"page {number} saved", _save_page(item, open_page, number)))
    return report


def _save_page(item, open_page, number: int) -> str:
    if open_page.is_closed():
        return "the page was already closed"
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_") + f"-page{number}")
    try:
        open_page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(open_page.content())
    except Exception as error:  # evidence is best effort: never hide the real failure behind it
        return f"could not save the page at {open_page.url}: {error}"
    return f"{stem}.png and {stem}.html (at {open_page.url})"
