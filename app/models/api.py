"""Agencies that call the API, and the public's reports of suspicious offers."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.clock import utcnow
from app.extensions import db


class ApiClient(db.Model):
    """An agency's token, stored as a hash; `scopes` is a comma-separated list."""
    __tablename__ = "api_clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_prefix: Mapped[str] = mapped_column(String(12))
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)

    def has_scope(self, scope: str) -> bool:
        return self.revoked_at is None and scope in self.scopes.split(",")


class OfferReport(db.Model):
    """An offer someone received and reported through Cek Tawaran."""
    __tablename__ = "offer_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    text: Mapped[str] = mapped_column(Text)
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    verdict: Mapped[str] = mapped_column(String(5))
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    contact: Mapped[str | None] = mapped_column(String(200))
    kelurahan_code: Mapped[str | None] = mapped_column(ForeignKey("kelurahan.code"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handling_note: Mapped[str | None] = mapped_column(Text)
