from flask import Blueprint

bp = Blueprint("public", __name__)

from app.web.public import openings, training, views  # noqa: E402,F401
