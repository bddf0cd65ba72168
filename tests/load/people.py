"""How the load test's virtual people behave like people with browsers (the locustfile says what they do).

Each has its own loopback address (127.0.x.y), as real visitors have their own: the per-address
limits (log-in failures, code look-ups, Cek Tawaran) apply to each as to a person. The server runs
the production configuration, whose session cookie is `Secure`; browsers send such a cookie to
http://127.0.0.1 (a secure context), Python's cookie jar does not, so the sessions do what a browser
does, for loopback hosts only; and, like a browser, a request is sent once more when the server
drops a kept-alive connection under it (counted in the results). Also here: the locust options
this harness adds, and the measured window (measure.py) that every person waits for.
"""
import random
import re
from itertools import count

from locust import HttpUser, events
from locust.clients import LocustHttpAdapter
from urllib3.util.retry import Retry

from tests.load import identities
from tests.load.measure import Window

CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')
CODES = re.compile(r'href="/openings/(JBT-[A-Z0-9]{4}-[A-Z0-9]{4})"')
LOOPBACK = ("127.", "localhost")

window = Window()
_numbers = count()
_think = (1.0, 3.0)
tokens: list[str] = []  # the API offices' tokens, from --tokens-file


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--think", default="1-3", help="seconds between two requests of a user: 'LOW-HIGH' or '0'")
    parser.add_argument("--measure", type=float, default=60, help="seconds of the measured window")
    parser.add_argument("--results", default="load-results.json", help="where the window's results go (JSON)")
    parser.add_argument("--tokens-file", default="", help="API tokens, one a line (one per office)")
    parser.add_argument("--server-pid", type=int, default=0, help="gunicorn's master, for its CPU seconds")
    parser.add_argument("--label", default="", help="a name for this run in the results")
    parser.add_argument("--database-name", default="", help="the server's database, for its backends' CPU seconds")


@events.init.add_listener
def _configure(environment, **_kwargs):
    global _think
    low, _, high = environment.parsed_options.think.partition("-")
    _think = (float(low), float(high or low))
    if environment.parsed_options.tokens_file:
        with open(environment.parsed_options.tokens_file, encoding="utf-8") as handle:
            tokens.extend(line.strip() for line in handle if line.strip())


events.request.add_listener(window.on_request)


def trouble(response) -> str:
    """What went wrong, for the failure table: the status, or the error when no answer came."""
    if response.status_code:
        return f"HTTP {response.status_code}"
    return f"no answer: {type(response.error).__name__}: {str(response.error)[:120]}"


def send_secure_cookies_to_loopback(session) -> None:
    """Before each request, the loopback server's cookies lose their Secure flag: browsers send Secure
    cookies to http://127.0.0.1 (a secure context), Python's cookie jar does not. (requests copies the
    session's cookies into a jar of its own for each request, so a cookie policy cannot do this.)"""
    prepare = session.prepare_request

    def prepare_request(request):
        for cookie in session.cookies:
            if cookie.domain.startswith(LOOPBACK):
                cookie.secure = False
        return prepare(request)

    session.prepare_request = prepare_request


class BrowserRetry(Retry):
    """One new attempt when the server drops a connection before answering, whatever the method, as
    browsers do when a kept-alive connection is closed under a request (gunicorn closes idle ones after
    its `keepalive` seconds, even with a request already on the way). Each is counted in the results."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        window.note_retry(error)
        return super().increment(method, url, response, error, _pool, _stacktrace)


class FromAddress(LocustHttpAdapter):
    """Connections leave from one loopback address of the user's own."""

    def __init__(self, address: str):
        self.address = address
        retry = BrowserRetry(total=1, connect=1, read=1, status=0, other=0, allowed_methods=None,
                             raise_on_status=False, respect_retry_after_header=False)
        super().__init__(pool_manager=None, max_retries=retry)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, source_address=(self.address, 0), **kwargs)


class Person(HttpUser):
    abstract = True
    language = "id"

    def wait_time(self):
        return random.uniform(*_think)  # noqa: S311 (think time, not a secret)

    def on_start(self):
        n = next(_numbers)
        self.n, self.rng = n, random.Random(1000 + n)  # noqa: S311
        address = f"127.0.{1 + n // 250}.{1 + n % 250}"
        self.client.mount("http://", FromAddress(address))
        send_secure_cookies_to_loopback(self.client)
        self.client.headers.update({"Accept-Language": self.language, "User-Agent": "jembatan-load/1"})
        self.codes: list[str] = []
        self.warm_up()
        window.user_ready(self.environment)

    def warm_up(self):
        """What the person does before the window: log in, open the first pages."""

    def page(self, path: str, name: str, expect: int = 200, **kwargs):
        """GET a page; any other status than `expect` is a failure (a redirect to the login page too)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
            if response.status_code != expect:
                response.failure(trouble(response))
            return response

    def harvest_codes(self, page: int):
        found = CODES.findall(self.page(f"/openings?page={page}", "/openings?page=N").text or "")
        self.codes = list(dict.fromkeys(found)) or self.codes

    def a_code(self) -> str:
        return self.rng.choice(self.codes) if self.codes else "JBT-AAAA-AAAA"

    def log_in(self, email: str):
        form = self.page("/auth/login", "/auth/login")
        token = CSRF.search(form.text or "")
        data = {"identifier": email, "password": identities.PASSWORD, "csrf_token": token.group(1) if token else ""}
        with self.client.post("/auth/login", data=data, name="/auth/login (POST)", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"log-in refused: {trouble(response)}")
