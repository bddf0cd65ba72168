"""Rows for monitoring: the worker's check-in and safe word, the coordinators' alerts and cases,
and the employers' reports on their workers."""
from app.extensions import db
from app.models import Employer
from tests.services.helpers_monitoring import make_alert, make_case, make_checkin, worker_abroad
from tests.web.access import only, owned_by

ROWS = {
    "seeker.checkin": ("GET", "/seeker/checkin", only("seeker")),
    "seeker.safe_word": ("GET", "/seeker/checkin/safe-word", only("seeker")),
    "coordinator.monitoring": ("GET", "/coordinator/monitoring", only("coordinator")),
    "coordinator.alert_resolve": ("POST", "/coordinator/alerts/{mon_alert_id}/resolve",
                                  only("coordinator", status=302)),
    "coordinator.cases": ("GET", "/coordinator/cases", only("coordinator")),
    "coordinator.case_new": ("GET", "/coordinator/cases/new?checkin={mon_checkin_id}", only("coordinator")),
    "coordinator.case": ("GET", "/coordinator/cases/{mon_case_id}", only("coordinator")),
    "coordinator.case_note": ("POST", "/coordinator/cases/{mon_case_id}/notes", only("coordinator", status=302)),
    "coordinator.case_update": ("POST", "/coordinator/cases/{mon_case_id}/update",
                                only("coordinator", status=302)),
    "employer.worker_reports": ("GET", "/employer/workers", only("employer")),
    "employer.worker_report_new": ("GET", "/employer/placements/{mon_placement_id}/report",
                                   owned_by("employer")),
}


def build(world):
    """Seeker A abroad with employer X, a distress check-in with its alert, and a case about it."""
    employer = db.session.get(Employer, world.users["employer"].employer_id)
    placement = worker_abroad(employer, user=world.users["seeker"])
    checkin = make_checkin(placement, answer="distress")
    alert = make_alert(placement, checkin_id=checkin.id)
    case = make_case(placement, world.users["coordinator"], checkin_id=checkin.id, source="checkin")
    world.ids.update(mon_placement_id=placement.id, mon_checkin_id=checkin.id, mon_alert_id=alert.id,
                     mon_case_id=case.id)
