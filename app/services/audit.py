"""Append who did what to which object, when and from where.

Entries hold ids and keyed hashes only; callers never pass a NIK, passport number, name
or other personal value in `details`.
"""
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.vocab import Role
from app.extensions import db
from app.models import AuditEntry, User


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    remote_addr: str | None = None

    @classmethod
    def for_user(cls, user: User, remote_addr: str | None = None) -> "Actor":
        return cls(user.id, f"{user.role}:{user.id}", remote_addr)

    @classmethod
    def command_line(cls, command: str) -> "Actor":
        return cls(None, f"cli:{command}")

    @classmethod
    def system(cls, what: str) -> "Actor":
        return cls(None, f"system:{what}")

    @classmethod
    def api_client(cls, client_id: int, remote_addr: str | None = None) -> "Actor":
        return cls(None, f"api:{client_id}", remote_addr)

    @classmethod
    def anonymous(cls, remote_addr: str | None = None) -> "Actor":
        return cls(None, "anonymous", remote_addr)


def actor_for_user_email(email: str) -> Actor | None:
    """The actor for `--by EMAIL`: only coordinators and admins may be named."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or user.role not in (Role.COORDINATOR, Role.ADMIN):
        return None
    return Actor(user.id, f"{user.role}:{user.id} via cli")


def record(actor: Actor, action: str, obj=None, *, object_type: str | None = None,
           object_id=None, **details) -> AuditEntry:
    """Add an audit entry to the current transaction; the calling service commits."""
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id if object_id is not None else getattr(obj, "id", None)
    entry = AuditEntry(
        actor_id=actor.user_id, actor_label=actor.label, action=action, object_type=object_type,
        object_id=None if object_id is None else str(object_id), remote_addr=actor.remote_addr,
        details=details,
    )
    db.session.add(entry)
    return entry


def record_now(actor: Actor, action: str, obj=None, **kwargs) -> AuditEntry:
    """Record and commit at once: for reads of personal data, where nothing else is written."""
    entry = record(actor, action, obj, **kwargs)
    db.session.commit()
    return entry
