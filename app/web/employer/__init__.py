from flask import Blueprint

bp = Blueprint("employer", __name__)

from app.web.employer import views  # noqa: E402,F401
