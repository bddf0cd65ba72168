"""Pages for the employer audience."""
from flask import render_template

from app.domain.vocab import Role
from app.web.employer import bp
from app.web.guards import require_role


@bp.before_request
def only_employers():
    return require_role(Role.EMPLOYER)


@bp.get("/")
def dashboard():
    return render_template("employer/dashboard.html")
