from flask import Blueprint

bp = Blueprint("seeker", __name__)

from app.web.seeker import applications, checkins, journey, matches, papers, privacy, profile, training, views  # noqa: E402,F401
