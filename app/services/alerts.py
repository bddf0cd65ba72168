"""Alerts: what a coordinator must see first (help requests, overdue check-ins, worrying reports).

Raised by the system, never in the name of the worker: an audit entry whose actor is the worker
must not betray a silent help request (see app/services/checkins.py).
"""
from dataclasses import dataclass

from sqlalchemy import case, select
from sqlalchemy.orm import joinedload

from app.domain.cases import SEVERITY_RANK
from app.domain.clock import utcnow
from app.extensions import db
from app.models import Alert, CheckIn, Employer, EmployerReport, Opening, Placement
from app.services import audit
from app.services.audit import Actor

_BY_SEVERITY = case(SEVERITY_RANK, value=Alert.severity, else_=len(SEVERITY_RANK))


@dataclass(frozen=True)
class AlertView:
    """An alert with what it is about, for the coordinators' pages."""
    alert: Alert
    placement: Placement | None
    checkin: CheckIn | None
    report: EmployerReport | None

    @property
    def via_safe_word(self) -> bool:
        return bool(self.alert.details.get("via_safe_word"))


def raise_alert(kind: str, severity: str, by: Actor, placement: Placement | None = None,
                seeker_id: int | None = None, **details) -> Alert:
    """Add an open alert (the calling service commits); `details` hold ids and codes only."""
    alert = Alert(kind=kind, severity=severity, placement_id=placement.id if placement else None,
                  seeker_id=seeker_id or (placement.seeker_id if placement else None), details=details)
    db.session.add(alert)
    db.session.flush()
    audit.record(by, "alert_raised", alert, kind=kind, severity=severity, placement_id=alert.placement_id)
    return alert


def resolve_alert(alert: Alert, by: Actor, commit: bool = True) -> bool:
    """Mark an alert as dealt with; False when it already was (nothing changes)."""
    if alert.resolved_at is not None:
        return False
    alert.resolved_at = utcnow()
    alert.resolved_by_id = by.user_id
    audit.record(by, "alert_resolved", alert, kind=alert.kind)
    if commit:
        db.session.commit()
    return True


def resolve_placement_alerts(placement_id: int, kinds: tuple[str, ...], by: Actor, **about) -> int:
    """Resolve a placement's open alerts of these kinds whose details match `about` (checkin_id=7); no commit."""
    found = db.session.scalars(select(Alert).where(Alert.placement_id == placement_id, Alert.kind.in_(kinds),
                                                   Alert.resolved_at.is_(None))).all()
    chosen = [a for a in found if all(a.details.get(key) == value for key, value in about.items())]
    return sum(resolve_alert(alert, by, commit=False) for alert in chosen)


def alert_by_id(alert_id: int) -> Alert | None:
    return db.session.get(Alert, alert_id)


def open_alerts(limit: int | None = None) -> list[AlertView]:
    """Open alerts, most severe first, then the longest waiting."""
    query = select(Alert).where(Alert.resolved_at.is_(None)).order_by(_BY_SEVERITY, Alert.created_at, Alert.id)
    return _views(list(db.session.scalars(query.limit(limit) if limit else query)))


def open_alerts_seen_by(viewer: Actor) -> list[AlertView]:
    """The open alerts for the monitoring page, which names the workers: the read is audited."""
    views = open_alerts()
    audit.record_now(viewer, "alerts_viewed", object_type="alerts", shown=[v.alert.id for v in views])
    return views


def _views(alerts: list[Alert]) -> list[AlertView]:
    placements = _by_id(Placement, {a.placement_id for a in alerts},
                        joinedload(Placement.seeker),
                        joinedload(Placement.opening).joinedload(Opening.employer).joinedload(Employer.partner_city))
    checkins = _by_id(CheckIn, {a.details.get("checkin_id") for a in alerts})
    reports = _by_id(EmployerReport, {a.details.get("report_id") for a in alerts})
    return [AlertView(a, placements.get(a.placement_id), checkins.get(a.details.get("checkin_id")),
                      reports.get(a.details.get("report_id"))) for a in alerts]


def _by_id(model, ids: set, *options) -> dict:
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids)).options(*options))}
