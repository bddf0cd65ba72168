"""Rows for the coordinator's seeker search, seeker record and erasure requests."""
from app.extensions import db
from app.models import ErasureRequest
from tests.web.access import only

ROWS = {
    "coordinator.seekers": ("GET", "/coordinator/seekers", only("coordinator")),
    "coordinator.seeker": ("GET", "/coordinator/seekers/{record_seeker_id}", only("coordinator")),
    "coordinator.erasures": ("GET", "/coordinator/erasures", only("coordinator")),
    # No decision given: the coordinator sees the form again with its errors; nothing is erased.
    "coordinator.erasure_decide": ("POST", "/coordinator/erasures/{erasure_request_id}/decide",
                                   only("coordinator")),
}


def build(world):
    seeker = world.users["seeker"].seeker
    request = ErasureRequest(seeker_id=seeker.id)
    db.session.add(request)
    db.session.commit()
    world.ids.update(record_seeker_id=seeker.id, erasure_request_id=request.id)
