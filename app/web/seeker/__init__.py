from flask import Blueprint

bp = Blueprint("seeker", __name__)

from app.web.seeker import applications, papers, privacy, profile, views  # noqa: E402,F401
