from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from app.web.coordinator import erasures, seekers, verification, views, vocabulary  # noqa: E402,F401
