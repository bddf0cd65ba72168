"""Coordinator pages: the fairness report (exposure in the top 10, selection rates by gender and kelurahan)."""
from flask import render_template, request
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.fairness import FOUR_FIFTHS, MIN_PEOPLE
from app.services import fairness
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.labels import label


@bp.get("/fairness", endpoint="fairness")
def fairness_page():
    report = fairness.fairness_report(Actor.for_user(current_user, request.remote_addr))
    names = report.kelurahan_names

    def kelurahan(code):
        return names.get(code, code) if code else _("No kelurahan (lives outside the city)")

    return render_template("coordinator/fairness.html", report=report, min_people=MIN_PEOPLE,
                           four_fifths=FOUR_FIFTHS, gender=lambda code: label("gender", code), kelurahan=kelurahan,
                           percent=lambda v: format_percent(v, "#,##0.0%"),
                           ratio=lambda v: "—" if v is None else format_decimal(v, "0.00"))
