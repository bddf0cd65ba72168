from flask import Blueprint

bp = Blueprint("officer", __name__)

from app.web.officer import views  # noqa: E402,F401
