"""Pages for administrators."""
from flask import render_template

from app.domain.vocab import Role
from app.services.dashboards import admin_figures
from app.web.admin import bp
from app.web.guards import require_role


@bp.before_request
def only_admins():
    return require_role(Role.ADMIN)


@bp.get("/")
def dashboard():
    return render_template("admin/dashboard.html", figures=admin_figures())
