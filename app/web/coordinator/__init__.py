from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from app.web.coordinator import (  # noqa: E402,F401
    audit_log,
    destinations,
    employers,
    erasures,
    monitoring,
    openings,
    partners,
    placements,
    predeparture,
    reports,
    seekers,
    training,
    verification,
    views,
    vocabulary,
)
