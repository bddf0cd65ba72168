"""Rows for the candidates pages of an opening: the employer's ranking and shortlist, the coordinator's ranking."""
from app.extensions import db
from app.models import Employer
from app.services.candidate_codes import candidate_code
from tests.services.helpers_matching import make_candidate, make_opening
from tests.web.access import only, owned_by

ROWS = {
    "employer.candidates": ("GET", "/employer/openings/{cand_opening_id}/candidates", owned_by("employer")),
    "employer.candidate_shortlist": ("POST", "/employer/openings/{cand_opening_id}/candidates/{cand_code}/shortlist",
                                     owned_by("employer", status=302)),
    "employer.candidate_unshortlist": ("POST",
                                       "/employer/openings/{cand_opening_id}/candidates/{cand_code}/unshortlist",
                                       owned_by("employer", status=302)),
    "coordinator.candidates": ("GET", "/coordinator/openings/{cand_opening_id}/candidates", only("coordinator")),
}


def build(world):
    """An approved opening of employer X and one eligible candidate, named by its code on that opening."""
    opening = make_opening(employer=db.session.get(Employer, world.users["employer"].employer_id))
    candidate = make_candidate()
    world.ids.update(cand_opening_id=opening.id, cand_code=candidate_code(opening.id, candidate.id))
