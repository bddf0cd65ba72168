"""The readiness checklist: what a seeker has done towards working abroad, what waits, what is missing.

Pure: plain facts in, items with a state code and data out; the web layer says what to do next.
"""
import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.clock import whole_years_between

DONE, PENDING, MISSING, EXPIRING = "done", "pending", "missing", "expiring"
STATES = (DONE, PENDING, MISSING, EXPIRING)
EXPIRING_WITHIN = timedelta(days=60)
PASSPORT_MONTHS_LEFT = 6  # a passport must be valid this long beyond today (Kantor Imigrasi, airlines)
ADULT_AGE = 18

# Departure documents on the checklist, in the order a seeker usually gets them.
DOCUMENT_ITEMS = ("passport", "health_certificate", "bpjs", "family_permission", "marital_status", "opp_certificate")


@dataclass(frozen=True)
class Paper:
    """A certificate or a document, as far as readiness cares: its review status and expiry."""
    status: str  # pending, verified, rejected
    expires_on: date | None = None
    kind: str | None = None  # a document's kind; None for a competency certificate


@dataclass(frozen=True)
class ReadinessFacts:
    birth_date: date
    has_education: bool = False
    skill_count: int = 0
    has_phone: bool = False
    language_count: int = 0
    languages_with_certificate: int = 0
    certifications: tuple[Paper, ...] = ()
    documents: tuple[Paper, ...] = ()
    consents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Item:
    code: str
    state: str
    data: dict = field(default_factory=dict)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day where there is none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def adult_on(birth_date: date) -> date:
    """The day one turns 18 (a 29 February birthday counts on 1 March, as in `whole_years_between`)."""
    try:
        return birth_date.replace(year=birth_date.year + ADULT_AGE)
    except ValueError:
        return date(birth_date.year + ADULT_AGE, 3, 1)


def readiness(facts: ReadinessFacts, today: date) -> list[Item]:
    """Every item of the checklist, in the order to work through them."""
    items = []
    if whole_years_between(facts.birth_date, today) < ADULT_AGE:
        items.append(Item("adult", PENDING, {"on": adult_on(facts.birth_date)}))
    items.append(_profile(facts))
    items.append(Item("competency_certificate", *_judge(facts.certifications, today, today)))
    if facts.language_count:
        items.append(_language(facts))
    for kind in DOCUMENT_ITEMS:
        papers = [d for d in facts.documents if d.kind == kind]
        valid_until = add_months(today, PASSPORT_MONTHS_LEFT) if kind == "passport" else today
        items.append(Item(kind, *_judge(papers, today, valid_until)))
    items.append(_consent(facts, today))
    return items


def counts(items: list[Item]) -> dict[str, int]:
    """How many items are in each state (every state present, zero or not)."""
    tally = Counter(item.state for item in items)
    return {state: tally[state] for state in STATES}


def _profile(facts: ReadinessFacts) -> Item:
    lacking = [name for name, present in (("education", facts.has_education), ("skills", facts.skill_count > 0),
                                          ("phone", facts.has_phone)) if not present]
    return Item("profile", MISSING, {"lacking": lacking}) if lacking else Item("profile", DONE)


def _language(facts: ReadinessFacts) -> Item:
    without = facts.language_count - facts.languages_with_certificate
    return Item("language_certificate", MISSING, {"without": without}) if without else Item("language_certificate",
                                                                                            DONE)


def _consent(facts: ReadinessFacts, today: date) -> Item:
    if "matching" not in facts.consents:
        return Item("consent_matching", MISSING)
    minor = whole_years_between(facts.birth_date, today) < ADULT_AGE
    if minor and "guardian" not in facts.consents:
        return Item("consent_matching", MISSING, {"guardian_needed": True})
    return Item("consent_matching", DONE)


def _valid_on(paper: Paper, day: date) -> bool:
    return paper.expires_on is None or paper.expires_on >= day


def _judge(papers: list[Paper] | tuple[Paper, ...], today: date, valid_until: date) -> tuple[str, dict]:
    """The state of one kind of paper: the best verified one that is valid until `valid_until` decides."""
    good = [p for p in papers if p.status == "verified" and _valid_on(p, valid_until)]
    waiting = any(p.status == "pending" and _valid_on(p, valid_until) for p in papers)
    if good:
        best = max(good, key=lambda p: p.expires_on or date.max)
        if best.expires_on is None:
            return DONE, {}
        if best.expires_on <= valid_until + EXPIRING_WITHIN:
            return EXPIRING, {"expires_on": best.expires_on, "renewal_pending": waiting}
        return DONE, {"expires_on": best.expires_on}
    if waiting:
        return PENDING, {}
    data = {}
    lapsed = [p.expires_on for p in papers if p.status == "verified" and p.expires_on]
    if lapsed:
        last = max(lapsed)
        data = {"expired_on": last} if last < today else {"expires_on": last, "needs_until": valid_until}
    if any(p.status == "rejected" for p in papers):
        data["rejected"] = True
    return MISSING, data
