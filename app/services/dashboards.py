"""Read-only figures for each audience's dashboard."""
from sqlalchemy import func, select

from app.domain.vocab import STAFF_ROLES, STAGES
from app.extensions import db
from app.models import (
    Alert,
    AuditEntry,
    Certification,
    Document,
    Employer,
    Opening,
    Placement,
    ReviewRequest,
    SeekerProfile,
    User,
)
from app.services.alerts import open_alerts
from app.services.cases import open_cases_by_severity

DASHBOARD_ALERTS = 8


def _count(statement) -> int:
    return db.session.scalar(statement) or 0


def coordinator_figures() -> dict:
    counts = dict(db.session.execute(select(Placement.stage, func.count()).group_by(Placement.stage)).all())
    stages = [(stage, counts[stage]) for stage in STAGES if counts.get(stage)]  # in journey order
    return {
        "seekers": _count(select(func.count(SeekerProfile.id)).where(SeekerProfile.erased_at.is_(None))),
        "employers_pending": _count(select(func.count(Employer.id)).where(Employer.status == "pending")),
        "openings_submitted": _count(select(func.count(Opening.id)).where(Opening.status == "submitted")),
        "openings_approved": _count(select(func.count(Opening.id)).where(Opening.status == "approved")),
        "certifications_pending": _count(select(func.count(Certification.id))
                                         .where(Certification.status == "pending")),
        "documents_pending": _count(select(func.count(Document.id)).where(Document.status == "pending")),
        "reviews_open": _count(select(func.count(ReviewRequest.id)).where(ReviewRequest.status == "open")),
        "alerts_open": _count(select(func.count(Alert.id)).where(Alert.resolved_at.is_(None))),
        # The most urgent open alerts, without names (the monitoring page names them, and audits that).
        "alerts": open_alerts(limit=DASHBOARD_ALERTS),
        "cases_by_severity": open_cases_by_severity(),
        "placements_by_stage": stages,
    }


def employer_figures(employer_id: int) -> dict:
    by_status = dict(db.session.execute(select(Opening.status, func.count()).where(Opening.employer_id == employer_id)
                                        .group_by(Opening.status)).all())
    applicants = _count(select(func.count(Placement.id)).join(Opening)
                        .where(Opening.employer_id == employer_id))
    return {"openings_by_status": by_status, "applicants": applicants}


def admin_figures() -> dict:
    staff = db.session.scalars(select(User).where(User.role.in_([r.value for r in STAFF_ROLES]))
                               .order_by(User.role, User.email)).all()
    recent = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(20)).all()
    return {"staff": staff, "recent_audit": recent,
            "audit_total": _count(select(func.count(AuditEntry.id)))}


def seeker_placements(seeker_id: int) -> list[Placement]:
    return db.session.scalars(select(Placement).where(Placement.seeker_id == seeker_id)
                              .order_by(Placement.created_at.desc())).all()
