"""Pages for city coordinators."""
from flask import render_template

from app.domain.vocab import Role
from app.services.dashboards import coordinator_figures
from app.web.coordinator import bp
from app.web.guards import require_role


@bp.before_request
def only_coordinators():
    return require_role(Role.COORDINATOR)


@bp.get("/")
def dashboard():
    return render_template("coordinator/dashboard.html", figures=coordinator_figures())
