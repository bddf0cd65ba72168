"""Rows for reports, their exports, the binaan mark, the monthly report and the audit log: coordinators only."""
from tests.web.access import only

ROWS = {
    "coordinator.reports": ("GET", "/coordinator/reports?from=2026-01-01&to=2026-01-31", only("coordinator")),
    "coordinator.report_export": ("GET", "/coordinator/reports/export/kelurahan.xlsx?from=2026-01-01",
                                  only("coordinator")),
    # "off" for a kelurahan that is not binaan: the coordinator passes the guard and changes nothing
    "coordinator.kelurahan_binaan": ("POST", "/coordinator/reports/kelurahan/{kelurahan}/binaan/off",
                                     only("coordinator", status=302)),
    "coordinator.monthly_report": ("GET", "/coordinator/reports/monthly?month=2026-01", only("coordinator")),
    "coordinator.audit_log": ("GET", "/coordinator/audit-log?action=user_created", only("coordinator")),
}


def build(world):
    world.ids["kelurahan"] = "19.71.01.1004"
