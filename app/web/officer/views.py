"""Pages for the officer audience."""
from flask import render_template

from app.domain.vocab import Role
from app.web.guards import require_role
from app.web.officer import bp


@bp.before_request
def only_officers():
    return require_role(Role.OFFICER)


@bp.get("/")
def dashboard():
    return render_template("officer/dashboard.html")
