"""Rows for partner cities (with the agreement scan) and destination rules: coordinators only."""
from sqlalchemy import select

from app.extensions import db
from app.models import DestinationRule
from app.services.uploads import store_upload
from tests.web.access import only

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ROWS = {
    "coordinator.partners": ("GET", "/coordinator/partners", only("coordinator")),
    "coordinator.partner_new": ("GET", "/coordinator/partners/new", only("coordinator")),
    "coordinator.partner_edit": ("GET", "/coordinator/partners/{city_x}", only("coordinator")),
    "coordinator.partner_agreement": ("GET", "/coordinator/partners/{city_x}/agreement", only("coordinator")),
    "coordinator.destinations": ("GET", "/coordinator/destinations?country=JP", only("coordinator")),
    "coordinator.destination_new": ("GET", "/coordinator/destinations/new", only("coordinator")),
    "coordinator.destination_edit": ("GET", "/coordinator/destinations/{rule}", only("coordinator")),
}


def build(world):
    scan = store_upload(PDF, "agreement.pdf", world.users["coordinator"])
    db.session.flush()
    world.city_x.agreement_upload_id = scan.id
    db.session.commit()
    world.ids["city_x"] = world.city_x.id
    world.ids["rule"] = db.session.scalar(select(DestinationRule.id).order_by(DestinationRule.id).limit(1))
