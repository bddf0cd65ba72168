"""Coordinator pages: reported offers from Cek Tawaran, by kelurahan, and their handling."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.services import offer_report_queries as queries
from app.services import offer_reports
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.coordinator.offer_report_forms import HandleForm
from app.web.offer_words import refusal, words


def _viewer() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _filters() -> queries.Filters:
    kelurahan = (request.args.get("kelurahan") or "").strip()[:13] or None
    verdict = request.args.get("verdict") if request.args.get("verdict") in queries.VERDICTS else None
    handling = request.args.get("handling") if request.args.get("handling") in queries.HANDLING else "open"
    return queries.Filters(kelurahan, verdict, handling)


@bp.get("/offer-reports", endpoint="offer_reports")
def offer_report_list():
    filters = _filters()
    found, total = queries.reports(filters)
    places = queries.by_kelurahan()
    return render_template("coordinator/offer_reports.html", places=places, sums=queries.totals(places),
                           found=found, total=total, filters=filters, kelurahan=queries.kelurahan_names(),
                           not_given=queries.NOT_GIVEN, recent_days=queries.RECENT_DAYS, **words())


@bp.get("/offer-reports/<int:report_id>", endpoint="offer_report")
def offer_report_page(report_id: int):
    report = offer_reports.report_by_id(report_id, _viewer())
    if report is None:
        abort(404)
    return render_template("coordinator/offer_report.html", report=report, form=HandleForm(),
                           handler=offer_reports.handler(report), kelurahan=queries.kelurahan_names(), **words())


@bp.post("/offer-reports/<int:report_id>/handle", endpoint="offer_report_handle")
def offer_report_handle(report_id: int):
    report = offer_reports.report_by_id(report_id)
    if report is None:
        abort(404)
    form = HandleForm()
    try:
        if not form.validate():
            raise offer_reports.ReportRefused("NOTE_REQUIRED")
        changed = offer_reports.mark_handled(report, form.note.data, _viewer())
    except offer_reports.ReportRefused as refused:
        flash(refusal(refused.code), "error")
    else:
        flash(_("The report is marked as handled.") if changed else _("This report was already handled."),
              "success" if changed else "info")
    return redirect(url_for(".offer_report", report_id=report_id))
