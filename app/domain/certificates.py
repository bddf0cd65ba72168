"""When a competency certificate counts, and what a seeker may enter for one.

Pure: dataclasses and dates in, booleans and reason codes out.
"""
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CertFacts:
    """What eligibility needs to know about one certificate."""
    status: str
    expires_on: date | None = None


@dataclass(frozen=True)
class Problem:
    """A refusal code for one form field (`scan`, `number`, …); the web layer words it."""
    field: str
    code: str
    data: dict = field(default_factory=dict)


def counts_on(cert: CertFacts, on_date: date) -> bool:
    """Verified and still valid on the date; one that expires ON the date is valid on it."""
    return cert.status == "verified" and (cert.expires_on is None or cert.expires_on >= on_date)


def can_be_withdrawn(status: str) -> bool:
    """A seeker may remove a certificate still waiting for review; a decided one is a record."""
    return status == "pending"


def normalise_number(raw: str | None) -> str:
    """A certificate number as stored: trimmed, inner spaces collapsed (case is kept: it is printed so)."""
    return " ".join((raw or "").split())


def check_dates(issued_on: date | None, expires_on: date | None, today: date) -> list[Problem]:
    """Problems with an issue/expiry pair: issued in the future, or expiring before it was issued."""
    problems = []
    if issued_on and issued_on > today:
        problems.append(Problem("issued_on", "ISSUED_IN_FUTURE"))
    if issued_on and expires_on and expires_on < issued_on:
        problems.append(Problem("expires_on", "EXPIRES_BEFORE_ISSUED"))
    return problems


def check_certification(number: str, issued_on: date | None, expires_on: date | None, today: date,
                        numbers_held: frozenset[str] = frozenset()) -> list[Problem]:
    """Problems with a certificate a seeker enters; `numbers_held` are the numbers they already
    hold for the same scheme (pending or verified), compared without case or spaces."""
    problems = []
    if not normalise_number(number):
        problems.append(Problem("number", "NUMBER_REQUIRED"))
    elif _comparable(number) in {_comparable(n) for n in numbers_held}:
        problems.append(Problem("number", "CERTIFICATE_ALREADY_ADDED"))
    if issued_on is None:
        problems.append(Problem("issued_on", "ISSUED_REQUIRED"))
    return problems + check_dates(issued_on, expires_on, today)


def short_scheme_name(name: str, limit: int = 70) -> str:
    """A scheme's name without its parenthesised notes or provider suffix, for menus and messages."""
    short = name
    for cut in (" (", " - "):
        if cut in short:
            short = short.split(cut, 1)[0]
    short = short.strip() or name
    return short if len(short) <= limit else short[:limit - 1].rstrip() + "…"


def _comparable(number: str) -> str:
    return "".join(number.split()).upper()
