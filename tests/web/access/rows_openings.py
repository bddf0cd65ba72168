"""Rows for the openings pages of employers, coordinators and the public."""
from tests.services.helpers_openings import make_opening
from tests.web.access import everyone, only, owned_by

OWN = "/employer/openings/{op_draft}"

ROWS = {
    "employer.openings": ("GET", "/employer/openings", only("employer")),
    "employer.opening_new": ("GET", "/employer/openings/new", only("employer")),
    "employer.opening": ("GET", OWN, owned_by("employer")),
    "employer.opening_edit": ("GET", OWN + "/edit", owned_by("employer")),
    "employer.opening_submit": ("POST", "/employer/openings/{op_submit}/submit", owned_by("employer", status=302)),
    "employer.opening_close": ("POST", "/employer/openings/{op_close}/close", owned_by("employer", status=302)),
    "employer.opening_qr": ("GET", "/employer/openings/{op_approved}/qr", owned_by("employer")),
    "employer.occupation_search": ("GET", "/employer/occupations/search?q=weld", only("employer")),
    "coordinator.openings": ("GET", "/coordinator/openings", only("coordinator")),
    "coordinator.opening": ("GET", "/coordinator/openings/{op_review}", only("coordinator")),
    "coordinator.opening_approve": ("POST", "/coordinator/openings/{op_approve}/approve",
                                    only("coordinator", status=302)),
    # No reasons given: the review page comes back with the error.
    "coordinator.opening_request_changes": ("POST", "/coordinator/openings/{op_review}/request-changes",
                                            only("coordinator")),
    "coordinator.opening_close": ("POST", "/coordinator/openings/{op_coord_close}/close",
                                  only("coordinator", status=302)),
    "public.openings": ("GET", "/openings", everyone(200)),
    "public.opening": ("GET", "/openings/{approved_code}", everyone(200)),
    "public.opening_qr": ("GET", "/openings/{approved_code}/qr.svg", everyone(200)),
    "public.verify": ("GET", "/verify?code={approved_code}", everyone(302)),
}


def build(world):
    employer = world.users["employer"].employer
    for key in ("op_draft", "op_submit", "op_close"):
        world.ids[key] = make_opening(employer).id
    approved = make_opening(employer, status="approved")
    world.ids["op_approved"], world.ids["approved_code"] = approved.id, approved.code
    for key in ("op_review", "op_approve", "op_coord_close"):
        world.ids[key] = make_opening(employer, status="submitted").id
