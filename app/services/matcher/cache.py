"""The candidate matrix of this process: built once, then kept fresh from the `seeker_changes` feed.

Every app process (gunicorn worker, command) keeps its own matrix. Before each ranking it asks the
feed for rows after the highest id it has applied (one indexed query, usually empty) and reloads
only the seekers those rows name, so a change committed by any process reaches every other
process's next ranking. Reloaded seekers go to a small `tail` segment and their old rows in the
large `base` segment stop being live; when the tail grows past MERGE_SHARE of the base the two are
merged in memory (no database). A change to the reference vocabulary (skills, aliases, language
levels, schemes) rebuilds everything, as does a feed row naming EVERYONE.

The matrix only ever reflects committed data: it reads through its own short session, never the
request's, so a rolled-back change can never leak into it.

PostgreSQL hands out ids when a transaction inserts, not when it commits, so an id below the
watermark can still commit later. Ids skipped between two reads are kept as gaps and asked for
again until GAP_PATIENCE seconds have passed (a rolled-back insert leaves a gap forever).
"""
import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.matching.matrix import Keys, Segment, columns_from_facts
from app.extensions import db
from app.models import SeekerChange
from app.services.matcher.changes import EVERYONE
from app.services.matcher.facts import Vocabulary, load_candidates, load_vocabulary, vocabulary_stamp

GAP_PATIENCE = 120.0
MAX_GAPS = 1000
MERGE_SHARE = 0.02
MERGE_MIN = 2000
REBUILD_SHARE = 0.5  # when more than this share of the candidates changed, reading everything is cheaper


@dataclass(frozen=True)
class Snapshot:
    """One consistent state of the matrix; never changed once made, so rankings in flight are safe."""
    base: Segment
    tail: Segment
    keys: Keys
    vocabulary: Vocabulary
    stamp: tuple
    watermark: int
    gaps: dict[int, float] = field(default_factory=dict)

    @property
    def segments(self) -> tuple[Segment, Segment]:
        return self.base, self.tail

    def candidates(self) -> int:
        return self.base.live_count() + self.tail.live_count()

    def nbytes(self) -> int:
        return self.base.nbytes() + self.tail.nbytes()


@dataclass(frozen=True)
class Feed:
    seekers: set[int]
    watermark: int
    gaps: dict[int, float]
    everyone: bool


def read_feed(session: Session, after: int, gaps: dict[int, float], now: float) -> Feed:
    """Feed rows after the watermark, and any earlier ones that were gaps."""
    condition = SeekerChange.id > after
    if gaps:
        condition = or_(condition, SeekerChange.id.in_(list(gaps)))
    rows = session.execute(select(SeekerChange.id, SeekerChange.seeker_id).where(condition)).all()
    seen = {row_id for row_id, _seeker in rows}
    top = max([after, *seen])
    waiting = {gap: since for gap, since in gaps.items() if gap not in seen and now - since < GAP_PATIENCE}
    missing = (top - after - 1) - sum(1 for row_id in seen if after < row_id < top)
    if 0 < missing <= MAX_GAPS:  # a larger hole is a sequence jump, not transactions still open
        waiting |= dict.fromkeys(set(range(after + 1, top)) - seen, now)
    seekers = {seeker for _row_id, seeker in rows}
    return Feed(seekers - {EVERYONE}, top, waiting, EVERYONE in seekers)


def _empty(keys: Keys) -> Segment:
    return Segment.build(columns_from_facts([], keys), keys)


def build_snapshot(session: Session, now: float) -> Snapshot:
    """Everything from the database; the watermark is read first, so nothing committed meanwhile is lost,
    and ids missing just below it count as gaps (transactions that may still commit)."""
    watermark = session.scalar(select(func.max(SeekerChange.id))) or 0
    recent = set(session.scalars(select(SeekerChange.id).where(SeekerChange.id > watermark - MAX_GAPS)))
    gaps = {i: now for i in range(max(1, watermark - MAX_GAPS + 1), watermark) if i not in recent}
    stamp = vocabulary_stamp(session)
    vocabulary = load_vocabulary(session)
    keys = Keys()
    base = Segment.build(load_candidates(keys, vocabulary, session=session), keys)
    return Snapshot(base, _empty(keys), keys, vocabulary, stamp, watermark, gaps)


def apply_changes(snapshot: Snapshot, session: Session, seekers: set[int]) -> Snapshot:
    """The snapshot with these seekers reloaded: old rows dead, new rows in the tail."""
    ids = np.array(sorted(seekers), dtype=np.int64)
    fresh = Segment.build(load_candidates(snapshot.keys, snapshot.vocabulary, ids.tolist(), session), snapshot.keys)
    base = snapshot.base.without(snapshot.base.rows_of(ids))
    tail = snapshot.tail.without(snapshot.tail.rows_of(ids)).merged(fresh, snapshot.keys)
    if tail.size > max(MERGE_MIN, MERGE_SHARE * base.size):
        base, tail = base.merged(tail, snapshot.keys), _empty(snapshot.keys)
    return replace(snapshot, base=base, tail=tail)


class CandidateCache:
    """The process's matrix; `fresh()` is the only way in and always returns an up-to-date snapshot."""

    def __init__(self):
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self.full_builds = 0
        self.reloaded_seekers = 0

    def fresh(self) -> Snapshot:
        with self._lock, Session(db.engine) as session:
            snapshot = self._snapshot
            if snapshot is None or vocabulary_stamp(session) != snapshot.stamp:
                snapshot = self._rebuild(session)
            else:
                feed = read_feed(session, snapshot.watermark, snapshot.gaps, time.monotonic())
                if feed.everyone or len(feed.seekers) > max(MERGE_MIN, REBUILD_SHARE * snapshot.base.size):
                    snapshot = self._rebuild(session)
                else:
                    if feed.seekers:
                        snapshot = apply_changes(snapshot, session, feed.seekers)
                        self.reloaded_seekers += len(feed.seekers)
                    snapshot = replace(snapshot, watermark=feed.watermark, gaps=feed.gaps)
            self._snapshot = snapshot
            return snapshot

    def _rebuild(self, session: Session) -> Snapshot:
        self.full_builds += 1
        return build_snapshot(session, time.monotonic())

    def forget(self) -> None:
        """Drop the matrix; the next ranking rebuilds it (tests that empty tables behind the feed's back)."""
        with self._lock:
            self._snapshot = None
            self.full_builds = self.reloaded_seekers = 0
