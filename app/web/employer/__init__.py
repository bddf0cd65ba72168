from flask import Blueprint

bp = Blueprint("employer", __name__)

from app.web.employer import applicants, candidates, openings, organisation, views, worker_reports  # noqa: E402,F401
