"""Accounts, login sessions, uploads and in-app notifications."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.clock import utcnow
from app.domain.vocab import Role, check_in
from app.extensions import db
from app.models._base import Timestamped


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(12))
    display_name: Mapped[str] = mapped_column(String(120))
    locale: Mapped[str | None] = mapped_column(String(5))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    # use_alter: users and employers refer to each other; this key is added after both tables exist.
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employers.id", ondelete="SET NULL", use_alter=True), index=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The session in use for this request; set by the user loader, never stored.
    current_session = None

    employer = relationship("Employer", back_populates="users", foreign_keys=[employer_id])
    seeker = relationship("SeekerProfile", back_populates="user", uselist=False)

    __table_args__ = (
        CheckConstraint(check_in("role", [r.value for r in Role]), name="role"),
    )

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def get_id(self) -> str | None:
        # Flask-Login keeps this in the session cookie: the login session's token, not the
        # user id, so that logging out revokes the cookie even if someone replays it.
        return self.current_session.token if self.current_session else None


class LoginSession(db.Model):
    """One login: its random token lives in the signed session cookie; logout revokes it."""
    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    user: Mapped[User] = relationship()


class Upload(db.Model):
    """A file stored outside the web root under a random name; served only through access checks."""
    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        CheckConstraint("content_type IN ('application/pdf', 'image/jpeg', 'image/png')", name="content_type"),
        CheckConstraint("size > 0", name="size_positive"),
    )


class Notification(db.Model):
    """An in-app message; `kind` and `params` are rendered in the reader's language."""
    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
