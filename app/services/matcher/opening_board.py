"""The approved openings as the seeker's ranking reads them: facts and opening gates, kept per process.

Ranking the openings for one seeker used to load every approved opening through the ORM and judge
its destination, employer and agreement on every page view: half a second with 1,000 openings, on
the seeker's dashboard and "my matches" alike. Those facts change only when an opening, employer,
partner city, destination rule or the skills vocabulary changes, or the day turns; so each process
keeps them and checks one watermark query (counts and latest update times) before each use. A
change committed by any process changes the watermark, so every process rebuilds at its next use.
"""
import threading
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from app.domain.eligibility import Failure, OpeningFacts, opening_failures
from app.extensions import db
from app.models import DestinationRule, Employer, Opening, OpeningCertification, OpeningSkill, PartnerCity
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import Vocabulary, approved_openings, opening_facts

EXTENSION = "jembatan.matcher.openings"


@dataclass(frozen=True)
class BoardEntry:
    opening_id: int
    ref: str | None
    code: str | None
    facts: OpeningFacts
    blocked: tuple[Failure, ...]  # the opening's own gates: non-empty means nobody can be matched to it


@dataclass
class _Board:
    key: tuple | None = None
    entries: tuple[BoardEntry, ...] = ()
    builds: int = 0


def _state() -> tuple[_Board, threading.Lock]:
    return current_app.extensions.setdefault(EXTENSION, (_Board(), threading.Lock()))


def watermark() -> tuple:
    """One query: what would change any approved opening's facts or gates.

    Editing an approved opening sends it back to review (its status and updated_at change); the skill
    and certification counts are a second line of defence for writes that bypass that service."""
    def latest(column):
        return select(func.max(column)).scalar_subquery()

    def count(column):
        return select(func.count(column)).scalar_subquery()

    return tuple(db.session.execute(select(
        select(func.count(Opening.id)).where(Opening.status == "approved").scalar_subquery(),
        latest(Opening.updated_at), latest(Employer.updated_at), latest(PartnerCity.updated_at),
        latest(DestinationRule.updated_at), count(DestinationRule.id),
        count(OpeningSkill.id), latest(OpeningSkill.id), count(OpeningCertification.opening_id),
    )).one())


def approved_board(vocabulary: Vocabulary, stamp: tuple, today: date) -> tuple[BoardEntry, ...]:
    """Every approved opening's facts and opening gates, in id order; rebuilt only when something changed."""
    board, lock = _state()
    key = (today, stamp, watermark())  # stamp: the skills vocabulary the facts were mapped with
    with lock:
        if board.key != key:
            rules = rules_facts()
            entries = []
            for opening in approved_openings():
                facts = opening_facts(opening, vocabulary, today)
                entries.append(BoardEntry(opening.id, opening.ref, opening.code, facts,
                                          tuple(opening_failures(facts, rules, today))))
            board.key, board.entries, board.builds = key, tuple(entries), board.builds + 1
        return board.entries


def forget() -> None:
    """Drop this process's board (tests that empty tables behind its back)."""
    current_app.extensions.pop(EXTENSION, None)
