from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from app.web.coordinator import (  # noqa: E402,F401
    destinations,
    employers,
    erasures,
    openings,
    partners,
    placements,
    seekers,
    verification,
    views,
    vocabulary,
)
