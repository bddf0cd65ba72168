from flask import Blueprint

bp = Blueprint("public", __name__)

from app.web.public import offers, openings, training, views  # noqa: E402,F401
