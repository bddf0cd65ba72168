"""Employers' periodic reports on the workers placed with them; a worrying answer alerts the coordinators."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.domain import cases as rules
from app.domain.checkins import ABROAD_STAGES
from app.extensions import db
from app.models import EmployerReport, Opening, Placement
from app.services import alerts, audit
from app.services.audit import Actor
from app.services.catalogue import local_today

CONCERNS_MAX = 2000


@dataclass(frozen=True)
class PlacedWorker:
    placement: Placement
    last_report: EmployerReport | None


def _placed(employer_id: int):
    return (select(Placement).join(Opening).where(Opening.employer_id == employer_id,
                                                  Placement.stage.in_(ABROAD_STAGES)))


def placed_worker(employer_id: int, placement_id: int, viewer: Actor | None = None) -> Placement | None:
    """One of the organisation's workers abroad (None for anyone else's); with a viewer, the read is audited."""
    placement = db.session.scalar(_placed(employer_id).where(Placement.id == placement_id)
                                  .options(joinedload(Placement.seeker), joinedload(Placement.opening)))
    if placement is not None and viewer is not None:
        audit.record_now(viewer, "worker_name_viewed", placement, seeker_id=placement.seeker_id)
    return placement


def placed_workers(employer_id: int, viewer: Actor) -> list[PlacedWorker]:
    """The organisation's workers abroad with their latest report; the names read are audited."""
    placements = list(db.session.scalars(_placed(employer_id).options(joinedload(Placement.seeker),
                                                                      joinedload(Placement.opening))
                                         .order_by(Placement.departure_date, Placement.id)))
    latest = _latest_reports([p.id for p in placements])
    if placements:
        audit.record_now(viewer, "worker_names_viewed", object_type="placements",
                         placement_ids=[p.id for p in placements])
    return [PlacedWorker(p, latest.get(p.id)) for p in placements]


def _latest_reports(placement_ids: list[int]) -> dict[int, EmployerReport]:
    if not placement_ids:
        return {}
    newest = (select(func.max(EmployerReport.id)).where(EmployerReport.placement_id.in_(placement_ids))
              .group_by(EmployerReport.placement_id))
    return {r.placement_id: r for r in db.session.scalars(select(EmployerReport).where(EmployerReport.id.in_(newest)))}


def file_report(placement: Placement, still_employed: bool, wage_paid_on_time: bool, hours_per_week: int | None,
                concerns: str | None, by: Actor, period_end: date | None = None) -> EmployerReport:
    """Keep the employer's report; not employed, wages late or a written concern raise an alert."""
    concerns = (concerns or "").strip()[:CONCERNS_MAX] or None
    report = EmployerReport(placement_id=placement.id, period_end=period_end or local_today(),
                            still_employed=still_employed, wage_paid_on_time=wage_paid_on_time,
                            hours_per_week=hours_per_week, concerns=concerns, filed_by_id=by.user_id)
    db.session.add(report)
    db.session.flush()
    flags = rules.report_flags(still_employed, wage_paid_on_time, concerns)
    audit.record(by, "employer_report_filed", report, placement_id=placement.id, flags=flags)
    raised = rules.report_alert(flags)
    if raised is not None:
        alerts.raise_alert(*raised, Actor.system("worker_reports"), placement=placement, report_id=report.id,
                           flags=flags)
    db.session.commit()
    return report
