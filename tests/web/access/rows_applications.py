"""Rows for applications and placements: the seeker's, the employer's applicants, the coordinators' placements."""
from app.extensions import db
from app.models import Employer
from tests.services.helpers_applications import make_opening, make_placement
from tests.web.access import only, owned_by

ROWS = {
    "seeker.applications": ("GET", "/seeker/applications", only("seeker")),
    "seeker.apply": ("GET", "/seeker/openings/{app_opening_id}/apply", only("seeker")),
    "seeker.application_withdraw": ("POST", "/seeker/applications/{app_placement_id}/withdraw",
                                    owned_by("seeker", status=302)),
    "seeker.application_accept": ("POST", "/seeker/applications/{app_placement_id}/accept",
                                  owned_by("seeker", status=302)),
    "employer.applicants": ("GET", "/employer/openings/{app_opening_id}/applicants", owned_by("employer")),
    "employer.applicant": ("GET", "/employer/applicants/{app_placement_id}", owned_by("employer")),
    "employer.applicant_move": ("POST", "/employer/applicants/{app_placement_id}/move",
                                owned_by("employer", status=302)),
    "coordinator.placements": ("GET", "/coordinator/placements", only("coordinator")),
    "coordinator.placement": ("GET", "/coordinator/placements/{app_placement_id}", only("coordinator")),
    "coordinator.placement_move": ("POST", "/coordinator/placements/{app_placement_id}/move",
                                   only("coordinator", status=302)),
}


def build(world):
    """An approved opening of employer X, and seeker A's application to it (shortlisted: names are shown)."""
    opening = make_opening(employer=db.session.get(Employer, world.users["employer"].employer_id))
    placement = make_placement(world.users["seeker"].seeker, opening, "shortlisted")
    world.ids.update(app_opening_id=opening.id, app_placement_id=placement.id)
