from flask import Blueprint

bp = Blueprint("api", __name__)

from app.web.api import views  # noqa: E402,F401
