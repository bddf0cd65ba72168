from flask import Blueprint

bp = Blueprint("seeker", __name__)

from app.web.seeker import views  # noqa: E402,F401
