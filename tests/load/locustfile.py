"""The load test's scenario: 50 people at once on the production server (tests/load/run.sh starts it).

    locust -f tests/load/locustfile.py --headless -u 50 -r 50 --host http://127.0.0.1:5055 \
        --think 1-3 --measure 60 --results think.json --tokens-file tokens [--server-pid PID]

The mix, fixed per 50 users (scaled for other counts): 15 members of the public (home, the opening
list with and without filters, an opening's page, checking a code, Cek Tawaran, training), 20 job
seekers (dashboard, their matches, profile, papers, applications, an opening), 10 employers (their
openings, an opening, its ranked candidates, its applicants) and 5 Immigration offices on the API
(look-ups by NIK, NIK hash and passport number, known and unknown people; opening codes; departures),
each office with its own token. Seekers and employers log in once, through the form with its CSRF
token, before the measured window (see measure.py).

How each behaves like a person with a browser (own address, cookies, retries): people.py.
"""
import hashlib
import hmac
import os
import re
from datetime import date, timedelta

from locust import task

from tests.load import identities
from tests.load.people import CSRF, Person, tokens, trouble

MY_OPENINGS = re.compile(r'href="/employer/openings/(\d+)"')
OFFER = ("Dibutuhkan segera 20 orang untuk kerja di pabrik elektronik Taiwan. Gaji 25 juta per bulan, "
         "biaya proses 35 juta bisa dicicil. Berangkat pakai visa turis dulu, kontrak diurus di sana. "
         "Hubungi Bu Rina WA 0812-0000-0000.")
EXCHANGE_KEY = os.environ.get("LOAD_NIK_EXCHANGE_KEY", "")


def _scaled(share: int) -> int:
    """Users of a kind for the `-u` given (the shares are for 50)."""
    users = int(os.environ.get("LOAD_USERS", "50"))
    return max(1, round(users * share / 50))


class Visitor(Person):
    """Someone from the public: no account."""
    fixed_count = _scaled(15)

    def warm_up(self):
        self.harvest_codes(1 + self.rng.randrange(10))
        self.page("/", "/")

    @task(3)
    def home(self):
        self.page("/", "/")

    @task(3)
    def openings(self):
        self.harvest_codes(1 + self.rng.randrange(10))

    @task(2)
    def filtered(self):
        country, sector = self.rng.choice((("JP", "care"), ("JP", "manufacturing"), ("KR", "fisheries"),
                                           ("KR", "agriculture"), ("TW", "construction"), ("JP", "")))
        self.page(f"/openings?country={country}&sector={sector}", "/openings?country&sector")

    @task(4)
    def opening(self):
        self.page(f"/openings/{self.a_code()}", "/openings/<code>")

    @task(1)
    def verify(self):
        self.page(f"/verify?code={self.a_code().lower()}", "/verify?code", expect=302)

    @task(1)
    def training(self):
        self.page("/training", "/training")

    @task(1)
    def offer_check(self):
        form = self.page("/cek-tawaran", "/cek-tawaran")
        token = CSRF.search(form.text or "")
        data = {"text": OFFER, "csrf_token": token.group(1) if token else "", "contract": "unknown"}
        with self.client.post("/cek-tawaran", data=data, name="/cek-tawaran (POST)", catch_response=True,
                              allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(trouble(response))


class Seeker(Person):
    fixed_count = _scaled(20)

    def warm_up(self):
        self.harvest_codes(1 + self.rng.randrange(10))
        self.log_in(identities.seeker_email(1 + self.rng.randrange(identities.SEEKERS)))
        self.page("/seeker/", "/seeker/")
        self.page("/seeker/matches", "/seeker/matches")

    @task(4)
    def dashboard(self):
        self.page("/seeker/", "/seeker/")

    @task(4)
    def matches(self):
        self.page("/seeker/matches", "/seeker/matches")

    @task(2)
    def profile(self):
        self.page("/seeker/profile", "/seeker/profile")

    @task(1)
    def papers(self):
        self.page("/seeker/papers", "/seeker/papers")

    @task(1)
    def applications(self):
        self.page("/seeker/applications", "/seeker/applications")

    @task(2)
    def opening(self):
        self.page(f"/openings/{self.a_code()}", "/openings/<code>")


class Employer(Person):
    fixed_count = _scaled(10)
    language = "en"

    def warm_up(self):
        self.log_in(identities.employer_email(1 + (self.n * 37) % identities.EMPLOYERS))
        listing = self.page("/employer/openings", "/employer/openings")
        self.openings = list(dict.fromkeys(MY_OPENINGS.findall(listing.text or ""))) or ["0"]
        self.page(f"/employer/openings/{self.openings[0]}/candidates", "/employer/openings/<id>/candidates")

    def an_opening(self) -> str:
        return self.rng.choice(self.openings)

    @task(2)
    def dashboard(self):
        self.page("/employer/", "/employer/")

    @task(2)
    def my_openings(self):
        self.page("/employer/openings", "/employer/openings")

    @task(2)
    def opening(self):
        self.page(f"/employer/openings/{self.an_opening()}", "/employer/openings/<id>")

    @task(4)
    def candidates(self):
        self.page(f"/employer/openings/{self.an_opening()}/candidates", "/employer/openings/<id>/candidates")

    @task(1)
    def applicants(self):
        self.page(f"/employer/openings/{self.an_opening()}/applicants", "/employer/openings/<id>/applicants")


class Office(Person):
    """An Immigration office's system on the API, with its own token."""
    fixed_count = _scaled(5)

    def warm_up(self):
        self.harvest_codes(1 + self.rng.randrange(10))
        token = tokens[self.n % len(tokens)] if tokens else "missing"
        self.client.headers["Authorization"] = f"Bearer {token}"
        self.niks = identities.niks(identities.SEEKERS)
        self.lookup_hash()  # an office's first call: the first NIK-hash look-up of a process builds its index

    def api(self, method: str, path: str, name: str, **kwargs):
        with self.client.request(method, path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(trouble(response))
            elif "registered" not in response.text and "items" not in response.text and "valid" not in response.text:
                response.failure("unexpected answer")

    def someone(self) -> int:
        return 1 + self.rng.randrange(identities.SEEKERS)

    @task(4)
    def lookup_nik(self):
        self.api("POST", "/api/v1/lookup", "/api/v1/lookup (nik)", json={"nik": self.niks[self.someone() - 1]})

    @task(2)
    def lookup_unknown(self):
        self.api("POST", "/api/v1/lookup", "/api/v1/lookup (nik)",
                 json={"nik": identities.unknown_nik(self.rng.randrange(10_000))})

    @task(1)
    def lookup_hash(self):
        nik = self.niks[self.someone() - 1].encode()
        digest = hmac.new(EXCHANGE_KEY.encode(), nik, hashlib.sha256).hexdigest()
        self.api("POST", "/api/v1/lookup", "/api/v1/lookup (nik_hash)", json={"nik_hash": digest})

    @task(1)
    def lookup_passport(self):
        i = identities.PASSPORT_EVERY * (1 + self.rng.randrange(identities.SEEKERS // identities.PASSPORT_EVERY))
        self.api("POST", "/api/v1/lookup", "/api/v1/lookup (passport)",
                 json={"passport_number": identities.passport(i)})

    @task(2)
    def opening_code(self):
        self.api("GET", f"/api/v1/openings/{self.a_code()}", "/api/v1/openings/<code>")

    @task(1)
    def departures(self):
        start = date.today()
        self.api("GET", f"/api/v1/departures?from={start}&to={start + timedelta(days=60)}", "/api/v1/departures")
