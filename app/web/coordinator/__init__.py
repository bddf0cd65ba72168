from flask import Blueprint

bp = Blueprint("coordinator", __name__)

from app.web.coordinator import views  # noqa: E402,F401
