"""Placements (one seeker x one opening), their stage history and pre-departure checklist."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.clock import utcnow
from app.domain.vocab import ITEM_STATUSES, PRE_DEPARTURE_ITEMS, STAGES, check_in
from app.extensions import db
from app.models._base import Timestamped


class Placement(Timestamped, db.Model):
    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20), default="applied", index=True)
    closed_reason: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1)
    departure_date: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    checkin_interval_days: Mapped[int] = mapped_column(Integer, default=30)
    seeker = relationship("SeekerProfile")
    opening = relationship("Opening")
    events: Mapped[list["PlacementEvent"]] = relationship(back_populates="placement",
                                                          order_by="PlacementEvent.at")
    items: Mapped[list["PreDepartureItem"]] = relationship(back_populates="placement",
                                                           cascade="all, delete-orphan")
    # Optimistic locking: a stale writer's UPDATE matches no row and fails loudly.
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("seeker_id", "opening_id"),
        CheckConstraint(check_in("stage", STAGES), name="stage"),
        CheckConstraint("checkin_interval_days > 0", name="interval_positive"),
    )


class PlacementEvent(db.Model):
    """One move of a placement: who, when, why. Never updated."""
    __tablename__ = "placement_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(120))
    reason_code: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    placement: Mapped[Placement] = relationship(back_populates="events")
    __table_args__ = (
        CheckConstraint(check_in("to_stage", STAGES), name="to_stage"),
        CheckConstraint("from_stage IS NULL OR " + check_in("from_stage", STAGES), name="from_stage"),
    )


class PreDepartureItem(db.Model):
    __tablename__ = "pre_departure_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    item: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    placement: Mapped[Placement] = relationship(back_populates="items")
    __table_args__ = (
        UniqueConstraint("placement_id", "item"),
        CheckConstraint(check_in("item", PRE_DEPARTURE_ITEMS), name="item"),
        CheckConstraint(check_in("status", ITEM_STATUSES), name="status"),
    )
