"""Who the load test's people are, computed from a number alone.

seed.py writes these people into the database and locustfile.py logs in as them and looks them up
through the API, so both must agree without sharing a file: seeker `i` (1 to SEEKERS) always has
the same e-mail, gender, birth date, kelurahan, NIK and (for some) passport number.

Pure Python with no import from the app: the load generator's own virtualenv (.venv-load) imports it.
Nothing here is a real person: e-mail addresses use the reserved `.example` domain.
"""
import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from math import sqrt
from pathlib import Path

SEED = 2026
SEEKERS = 100_000
EMPLOYERS = 100
OPENINGS = 1_000  # approved, 10 per employer
PLACEMENTS = 1_500
PASSWORD = "load-test-password-2026"  # noqa: S105 (opens the throw-away load database only)
DOMAIN = "load.jembatan.example"
ANCHOR = date(2026, 12, 1)  # ages are counted from here: the seeded data does not move with the calendar
PASSPORT_EVERY = 8  # every 8th seeker holds a passport
REFERENCE = Path(__file__).resolve().parents[2] / "app" / "data" / "reference"
_MASK = (1 << 64) - 1


def mix(i: int, salt: int) -> int:
    """SplitMix64 of (i, salt): a well-spread 64-bit number, the same on every machine."""
    z = (i * 0x9E3779B97F4A7C15 + salt * 0xBF58476D1CE4E5B9 + SEED) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def unit(i: int, salt: int) -> float:
    """A number in [0, 1) drawn from (i, salt)."""
    return mix(i, salt) / 2.0 ** 64


def seeker_email(i: int) -> str:
    return f"seeker.{i:06d}@{DOMAIN}"


def employer_email(j: int) -> str:
    return f"employer.{j:03d}@{DOMAIN}"


STAFF = {"coordinator": f"coordinator@{DOMAIN}", "officer": f"officer@{DOMAIN}", "admin": f"admin@{DOMAIN}"}


@lru_cache(maxsize=1)
def kelurahan_codes() -> tuple[str, ...]:
    """Pangkalpinang's kelurahan codes from the shipped reference file, in file order."""
    with open(REFERENCE / "kelurahan_pangkalpinang.csv", encoding="utf-8") as handle:
        return tuple(row["code"] for row in csv.DictReader(handle))


@dataclass(frozen=True)
class Person:
    gender: str
    birth_date: date
    kelurahan_code: str


def _age_days(i: int) -> int:
    """Ages 16 to 41, most around 22 (a triangular draw): the young people the programme is for."""
    low, high, mode = 16.0, 41.0, 22.0
    u, c = unit(i, 2), (mode - low) / (high - low)
    years = low + (high - low) * sqrt(u * c) if u < c else high - (high - low) * sqrt((1 - u) * (1 - c))
    return int(years * 365.25)


def person(i: int) -> Person:
    codes = kelurahan_codes()
    return Person(gender="F" if unit(i, 1) < 0.48 else "M", birth_date=ANCHOR - timedelta(days=_age_days(i)),
                  kelurahan_code=codes[mix(i, 3) % len(codes)])


def _nik_stem(p: Person) -> str:
    """District (first six digits of the kelurahan code), then DDMMYY with 40 added to the day for women."""
    day = p.birth_date.day + (40 if p.gender == "F" else 0)
    return f"{p.kelurahan_code.replace('.', '')[:6]}{day:02d}{p.birth_date.month:02d}{p.birth_date.year % 100:02d}"


@lru_cache(maxsize=2)
def niks(count: int = SEEKERS) -> tuple[str, ...]:
    """The NIKs of seekers 1..count (index i - 1), unique: a taken serial moves on to the next."""
    taken: set[str] = set()
    found = []
    for i in range(1, count + 1):
        stem = _nik_stem(person(i))
        serial = 1 + mix(i, 4) % 40
        while f"{stem}{serial:04d}" in taken:
            serial += 1
        nik = f"{stem}{serial:04d}"
        taken.add(nik)
        found.append(nik)
    return tuple(found)


def passport(i: int) -> str | None:
    """An Indonesian-style passport number (a letter, seven digits) for every PASSPORT_EVERY-th seeker."""
    return f"C{i:07d}" if i % PASSPORT_EVERY == 0 else None


def unknown_nik(k: int) -> str:
    """A well-formed NIK that nobody in the load database holds (serial 9xxx is never reached)."""
    return f"197101{1 + k % 28:02d}0{1 + k % 9}99{9000 + k % 999:04d}"
