"""Read-only views of the reported offers for coordinators: counts by kelurahan, and the filtered list."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from app.domain.clock import utcnow
from app.domain.offer_reasons import AMBER, GREEN, RED
from app.extensions import db
from app.models import Kecamatan, Kelurahan, OfferReport

VERDICTS = (RED, AMBER, GREEN)
HANDLING = ("open", "handled", "all")
RECENT_DAYS = 30
LIST_LIMIT = 100
NOT_GIVEN = "none"  # the filter value for reports without a kelurahan


@dataclass
class Counts:
    red: int = 0
    amber: int = 0
    green: int = 0

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green


@dataclass
class PlaceRow:
    """Reports from one kelurahan (code None: the reporter did not say)."""
    code: str | None
    name: str | None
    kecamatan: str | None
    recent: Counts = field(default_factory=Counts)
    all_time: Counts = field(default_factory=Counts)
    open: int = 0


@dataclass(frozen=True)
class Filters:
    kelurahan: str | None = None  # a code, NOT_GIVEN, or None for all
    verdict: str | None = None
    handling: str = "open"


def by_kelurahan(now: datetime | None = None) -> list[PlaceRow]:
    """Counts per kelurahan that has reports, by verdict, for the last 30 days and all time; busiest first."""
    since = (now or utcnow()) - timedelta(days=RECENT_DAYS)
    recent = OfferReport.created_at >= since
    rows = db.session.execute(
        select(OfferReport.kelurahan_code, Kelurahan.name, Kecamatan.name, OfferReport.verdict, func.count(),
               func.sum(case((recent, 1), else_=0)), func.sum(case((OfferReport.handled_at.is_(None), 1), else_=0)))
        .outerjoin(Kelurahan, Kelurahan.code == OfferReport.kelurahan_code)
        .outerjoin(Kecamatan, Kecamatan.code == Kelurahan.kecamatan_code)
        .group_by(OfferReport.kelurahan_code, Kelurahan.name, Kecamatan.name, OfferReport.verdict))
    places: dict[str | None, PlaceRow] = {}
    for code, name, kecamatan, verdict, total, in_window, still_open in rows:
        place = places.setdefault(code, PlaceRow(code, name, kecamatan))
        setattr(place.all_time, verdict, getattr(place.all_time, verdict) + total)
        setattr(place.recent, verdict, getattr(place.recent, verdict) + int(in_window or 0))
        place.open += int(still_open or 0)
    return sorted(places.values(), key=lambda p: (p.code is None, -p.recent.total, -p.all_time.total, p.name or ""))


def totals(rows: list[PlaceRow]) -> PlaceRow:
    """The sum of the rows, for the table's last line."""
    total = PlaceRow(None, None, None)
    for row in rows:
        for window in ("recent", "all_time"):
            for verdict in VERDICTS:
                setattr(getattr(total, window), verdict,
                        getattr(getattr(total, window), verdict) + getattr(getattr(row, window), verdict))
        total.open += row.open
    return total


def reports(filters: Filters, limit: int = LIST_LIMIT) -> tuple[list[OfferReport], int]:
    """The newest reports matching the filters (at most `limit`), and how many match in all."""
    conditions = []
    if filters.kelurahan == NOT_GIVEN:
        conditions.append(OfferReport.kelurahan_code.is_(None))
    elif filters.kelurahan:
        conditions.append(OfferReport.kelurahan_code == filters.kelurahan)
    if filters.verdict in VERDICTS:
        conditions.append(OfferReport.verdict == filters.verdict)
    if filters.handling == "open":
        conditions.append(OfferReport.handled_at.is_(None))
    elif filters.handling == "handled":
        conditions.append(OfferReport.handled_at.is_not(None))
    total = db.session.scalar(select(func.count(OfferReport.id)).where(*conditions)) or 0
    found = db.session.scalars(select(OfferReport).where(*conditions)
                               .order_by(OfferReport.created_at.desc(), OfferReport.id.desc()).limit(limit))
    return list(found), total


def kelurahan_names() -> dict[str, Kelurahan]:
    """Every kelurahan by code, with its kecamatan loaded."""
    return {k.code: k for k in db.session.scalars(select(Kelurahan).options(joinedload(Kelurahan.kecamatan)))}


@dataclass
class Glance:
    """The dashboard's panel: every kelurahan's counts (the busiest `shown` are listed) and their sum."""
    rows: list[PlaceRow]
    sums: PlaceRow
    shown: int
    recent_days: int = RECENT_DAYS


def glance(shown: int = 5) -> Glance:
    rows = by_kelurahan()
    return Glance(rows, totals(rows), shown)
