"""Pages for partner employers."""
from flask import render_template
from flask_login import current_user

from app.domain.vocab import Role
from app.services.dashboards import employer_figures
from app.web.employer import bp
from app.web.guards import require_role


@bp.before_request
def only_employers():
    return require_role(Role.EMPLOYER)


@bp.get("/")
def dashboard():
    employer = current_user.employer
    return render_template("employer/dashboard.html", employer=employer,
                           figures=employer_figures(employer.id))
