"""Coordinator pages: reports with their exports, the kelurahan binaan mark, and the mayor's monthly report."""
from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from app.domain.report_layouts import TABLE_NAMES
from app.domain.report_tables import Period, previous_month
from app.extensions import db
from app.models import Kelurahan
from app.services import audit, exports, monthly_report, report_places, reports
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.channel_messages import country_label
from app.web.coordinator import bp
from app.web.coordinator import report_words as words
from app.web.coordinator.report_forms import MonthForm, PeriodForm

EXPORT_ROUTE = "/reports/export/<any({}):table>.<any(csv, xlsx):fmt>".format(", ".join(TABLE_NAMES))


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _glance() -> reports.Report:
    """The dashboard's figures, computed once per request and only if a dashboard part asks."""
    if "report_glance" not in g:
        g.report_glance = reports.full_report(Period(), local_today())
    return g.report_glance


@bp.context_processor
def report_helpers() -> dict:
    return {"report_glance": _glance, "step_label": lambda code: str(words.STEPS[code]), "percent": words.percent,
            "country_label": country_label, "sector_label": words.sector_label, "month_label": words.month_label}


@bp.get("/reports", endpoint="reports")
def reports_page():
    form = PeriodForm(formdata=request.args)
    period = form.period() if form.validate() else Period()
    return render_template("coordinator/reports.html", form=form, args=form.args() if not form.errors else {},
                           report=reports.full_report(period, local_today()), titles=words.TITLES)



@bp.get(EXPORT_ROUTE)
def report_export(table: str, fmt: str):
    form = PeriodForm(formdata=request.args)
    if not form.validate():
        abort(400)  # never export another period than the one asked for
    period = form.period()
    data = reports.build_table(table, period, local_today())
    body = exports.write(fmt, words.header(data), words.rows(data), title=str(words.TITLES[table]))
    audit.record_now(_actor(), "report_exported", object_type="report", object_id=table, format=fmt,
                     **form.args())
    name = "-".join(["jembatan", table.replace("_", "-"), *form.args().values()]) + "." + fmt
    return Response(body, content_type=exports.CONTENT_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/reports/kelurahan/<code>/binaan/<any(on, off):state>")
def kelurahan_binaan(code: str, state: str):
    kelurahan = db.get_or_404(Kelurahan, code)
    if not FlaskForm().validate_on_submit():  # the CSRF token
        abort(400)
    marked = state == "on"
    if report_places.set_binaan(kelurahan, marked, _actor()):
        flash(_("%(name)s is now a kelurahan binaan.", name=kelurahan.name) if marked
              else _("%(name)s is no longer a kelurahan binaan.", name=kelurahan.name), "success")
    return redirect(url_for(".reports", _anchor="places"))


@bp.get("/reports/monthly", endpoint="monthly_report")
def monthly_report_page():
    form = MonthForm(formdata=request.args)
    today = local_today()
    month = form.month.data if form.validate() and form.month.data else previous_month(today)
    month = min(month, today.replace(day=1))
    figures = monthly_report.monthly_report(month.year, month.month, today)
    with force_locale("id"):  # the mayor's report is always in Indonesian
        return render_template("coordinator/monthly_report.html", form=form, figures=figures, today=today,
                               months=monthly_report.month_choices(today))
