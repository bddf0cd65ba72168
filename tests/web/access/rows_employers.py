"""Rows for employers: the coordinator's list, record and decisions; the employer's own pages."""
from tests.web.access import only

# Decisions are POSTs with nothing typed: a coordinator is sent back to the record (302) when the
# status does not allow the move (employer X is verified), or sees the record again with the
# "reason required" error (200).
ROWS = {
    "employer.dashboard": ("GET", "/employer/", only("employer")),
    "employer.organisation": ("GET", "/employer/organisation", only("employer")),
    "employer.organisation_invite": ("POST", "/employer/organisation/invite", only("employer")),
    "coordinator.employers": ("GET", "/coordinator/employers?status=all", only("coordinator")),
    "coordinator.employer": ("GET", "/coordinator/employers/{employer_x}", only("coordinator")),
    "coordinator.employer_verify": ("POST", "/coordinator/employers/{employer_x}/verify",
                                    only("coordinator", status=302)),
    "coordinator.employer_reject": ("POST", "/coordinator/employers/{employer_x}/reject", only("coordinator")),
    "coordinator.employer_suspend": ("POST", "/coordinator/employers/{employer_x}/suspend", only("coordinator")),
    "coordinator.employer_reinstate": ("POST", "/coordinator/employers/{employer_x}/reinstate",
                                       only("coordinator", status=302)),
}


def build(world):
    world.ids["employer_x"] = world.users["employer"].employer_id
