"""Reading the audit log: filter by actor, object, action and period, newest first, 50 to a page.

Entries hold ids and keyed hashes only, so viewing them reads no personal data; each view is still
recorded (with its filters), so that who looked at the log is itself in the log.
"""
from dataclasses import asdict, dataclass, field
from math import ceil

from sqlalchemy import func, or_, select

from app.domain.audit_filters import actor_filter
from app.domain.report_tables import Period
from app.extensions import db
from app.models import AuditEntry
from app.services import audit
from app.services.audit import Actor
from app.services.report_queries import within

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditQuery:
    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    period: Period = field(default_factory=Period)
    page: int = 1

    def filters(self) -> dict:
        """The filters in use, for the audit entry of the view."""
        values = asdict(self)
        values.pop("page")
        period = values.pop("period")
        values.update({("from" if k == "start" else "to"): v.isoformat() for k, v in period.items() if v is not None})
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    pages: int
    total: int


def _conditions(query: AuditQuery) -> list:
    conditions = within(AuditEntry.at, query.period)
    who = actor_filter(query.actor)
    if who.user_id is not None:
        conditions.append(AuditEntry.actor_id == who.user_id)
    elif who.label is not None:
        conditions.append(or_(AuditEntry.actor_label == who.label,
                              *(AuditEntry.actor_label.startswith(p, autoescape=True) for p in who.prefixes)))
    if query.object_type:
        conditions.append(AuditEntry.object_type == query.object_type)
    if query.object_id:
        conditions.append(AuditEntry.object_id == query.object_id.strip())
    if query.action:
        conditions.append(AuditEntry.action == query.action)
    return conditions


def search_audit(query: AuditQuery, by: Actor) -> AuditPage:
    """One page of matching entries, newest first; the view itself is recorded first (and so may be listed)."""
    details = {"page": query.page, **({"filters": query.filters()} if query.filters() else {})}
    audit.record(by, "audit_log_viewed", object_type="audit_log", **details)
    db.session.commit()
    conditions = _conditions(query)
    total = db.session.scalar(select(func.count(AuditEntry.id)).where(*conditions)) or 0
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    entries = list(db.session.scalars(select(AuditEntry).where(*conditions)
                                      .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                      .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return AuditPage(entries, page, pages, total)


def known_values() -> tuple[list[str], list[str]]:
    """The actions and object types that occur in the log, for the filter choices."""
    actions = list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
    types = list(db.session.scalars(select(AuditEntry.object_type).where(AuditEntry.object_type.is_not(None))
                                    .distinct().order_by(AuditEntry.object_type)))
    return actions, types
