"""Versions of the learned ranking model."""
from datetime import datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.clock import utcnow
from app.domain.vocab import MODEL_STATUSES, check_in
from app.extensions import db


class RankingModel(db.Model):
    __tablename__ = "ranking_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    path: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="trained")
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    features: Mapped[list] = mapped_column(JSON, default=list)
    trained_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    promoted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint(check_in("status", MODEL_STATUSES), name="status"),)


class SeekerChange(db.Model):
    """An append-only feed of 'something about this seeker that matters for matching changed'.

    Every process keeps the highest id it has applied; before ranking it reloads only the
    seekers named after that id, so a change made by one app machine reaches the rankings of
    every other at once, without a full rebuild.
    """
    __tablename__ = "seeker_changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    seeker_id: Mapped[int] = mapped_column(Integer, index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Shortlist(db.Model):
    """An employer (or coordinator) marked a ranked, still anonymous candidate as one they want.

    It is not an application: the seeker sees the invitation among their matches and decides
    whether to apply. The employer learns who the person is only when an application reaches
    the shortlisted stage.
    """
    __tablename__ = "shortlists"
    id: Mapped[int] = mapped_column(primary_key=True)
    opening_id: Mapped[int] = mapped_column(ForeignKey("openings.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("opening_id", "seeker_id"),)
