from flask import Blueprint

bp = Blueprint("seeker", __name__)

from app.web.seeker import papers, privacy, profile, views  # noqa: E402,F401
