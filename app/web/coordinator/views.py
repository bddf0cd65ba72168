"""Pages for city coordinators."""
from flask import render_template

from app.domain.vocab import Role
from app.services import offer_report_queries
from app.services.dashboards import coordinator_figures
from app.web.coordinator import bp
from app.web.guards import require_role
from app.web.offer_words import VERDICT_LABELS


@bp.before_request
def only_coordinators():
    return require_role(Role.COORDINATOR)


@bp.get("/")
def dashboard():
    return render_template("coordinator/dashboard.html", figures=coordinator_figures(),
                           offer_places=offer_report_queries.glance(), verdict_labels=VERDICT_LABELS,
                           not_given=offer_report_queries.NOT_GIVEN)
