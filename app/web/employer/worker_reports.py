"""Employer pages: the organisation's workers abroad, and a short periodic report on each."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, IntegerField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.services import worker_reports
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.employer import bp
from app.web.forms import BaseForm

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class WorkerReportForm(BaseForm):
    period_end = DateField(_l("Report up to"), validators=[InputRequired()], default=local_today)
    still_employed = RadioField(_l("Is the worker still employed by you?"), choices=YES_NO,
                                validators=[InputRequired()])
    wage_paid_on_time = RadioField(_l("Was the full wage paid on time?"), choices=YES_NO,
                                   validators=[InputRequired()])
    hours_per_week = IntegerField(_l("Hours worked per week, on average"),
                                  validators=[Optional(), NumberRange(min=1, max=84)])
    concerns = TextAreaField(_l("Concerns (optional)"),
                             validators=[Optional(), Length(max=worker_reports.CONCERNS_MAX)],
                             description=_l("Health, behaviour, conflicts, anything Disnaker should know."))


def _viewer() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/workers", endpoint="worker_reports")
def worker_list():
    rows = worker_reports.placed_workers(current_user.employer_id, _viewer())
    return render_template("employer/worker_reports.html", rows=rows)


@bp.route("/placements/<int:placement_id>/report", methods=["GET", "POST"])
def worker_report_new(placement_id: int):
    placement = worker_reports.placed_worker(current_user.employer_id, placement_id,
                                             _viewer() if request.method == "GET" else None)
    if placement is None:
        abort(404)
    form = WorkerReportForm()
    if form.validate_on_submit():
        worker_reports.file_report(placement, form.still_employed.data == "yes", form.wage_paid_on_time.data == "yes",
                                   form.hours_per_week.data, form.concerns.data, _viewer(), form.period_end.data)
        flash(_("Thank you. Your report is sent to Disnaker."), "success")
        return redirect(url_for(".worker_reports"))
    return render_template("employer/worker_report_new.html", form=form, placement=placement)
