"""Rows for the pre-departure checklist (coordinators) and the seeker's journey page (its owner only)."""
from app.extensions import db
from app.models import Employer
from tests.services.helpers_applications import make_opening, make_placement
from tests.web.access import only, owned_by

_ITEM = "/coordinator/placements/{pd_placement_id}/checklist/passport"

ROWS = {
    "coordinator.predeparture_item": ("GET", _ITEM, only("coordinator")),
    "coordinator.predeparture_attach": ("POST", _ITEM + "/attach", only("coordinator", status=200)),
    "coordinator.predeparture_upload": ("POST", "/coordinator/placements/{pd_placement_id}/checklist/work_visa/upload",
                                        only("coordinator", status=200)),
    "coordinator.predeparture_reject": ("POST", _ITEM + "/reject", only("coordinator", status=200)),
    "coordinator.predeparture_depart": ("POST", "/coordinator/placements/{pd_placement_id}/depart",
                                        only("coordinator", status=302)),
    "seeker.journey": ("GET", "/seeker/journey/{pd_placement_id}", owned_by("seeker")),
}


def build(world):
    """Seeker A's placement on an opening of employer X, with the contract signed (the checklist is open)."""
    opening = make_opening(employer=db.session.get(Employer, world.users["employer"].employer_id))
    placement = make_placement(world.users["seeker"].seeker, opening, "contract_signed")
    world.ids.update(pd_placement_id=placement.id)
