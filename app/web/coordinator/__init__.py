from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from app.web.coordinator import (  # noqa: E402,F401
    audit_log,
    candidates,
    destinations,
    employers,
    erasures,
    fairness,
    monitoring,
    offer_reports,
    openings,
    partners,
    placements,
    predeparture,
    ranking_model,
    reports,
    reviews,
    seekers,
    training,
    verification,
    views,
    vocabulary,
)
