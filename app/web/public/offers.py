"""Cek Tawaran: anyone checks a job offer (green / amber / red, with reasons) and may report it.

Checking stores nothing. Both actions are limited per address, checks generously (a family or an office
may share one), reports more tightly; going over answers the friendly 429 page.
"""
from flask import current_app, render_template, request
from flask_babel import gettext as _

from app.extensions import limiter
from app.services import offer_checks, offer_reports
from app.web.auth.choices import place_choices
from app.web.channel_messages import country_choices
from app.web.offer_words import refusal, words
from app.web.office_contact import office_contact
from app.web.public import bp
from app.web.public.offer_forms import CHECK_FIELDS, OfferCheckForm, OfferReportForm, form_stamp

CHECK_LIMIT = "30 per minute;300 per hour"
REPORT_LIMIT = "5 per hour"


def _kelurahan_choices() -> dict:
    """The 42 kelurahan of Pangkalpinang, grouped by kecamatan (no other regencies here)."""
    groups = {name: [(value.removeprefix("kelurahan:"), label) for value, label in options]
              for name, options in place_choices().items() if options and options[0][0].startswith("kelurahan:")}
    return {"": [("", _("I'd rather not say"))], **groups}


def _posted_form(form_class=OfferCheckForm):
    form = form_class()
    form.fill_choices(country_choices())
    if form_class is OfferReportForm:
        form.kelurahan.choices = _kelurahan_choices()
    return form


def _report_form(form) -> OfferReportForm:
    """A fresh report form carrying the checked offer, stamped now."""
    report = OfferReportForm(formdata=None, data={name: form[name].data for name in CHECK_FIELDS})
    report.kelurahan.choices = _kelurahan_choices()
    report.started.data = form_stamp()
    return report


def _page(form, verdict=None, receipt=None, status=200, message=None):
    report_form = _report_form(form) if verdict is not None and receipt is None else None
    if report_form is not None and isinstance(form, OfferReportForm):
        report_form.contact.data, report_form.kelurahan.data = form.contact.data, form.kelurahan.data
    return render_template("public/offer_check.html", form=form, verdict=verdict, report_form=report_form,
                           receipt=receipt, message=message, contact=office_contact(), check_fields=CHECK_FIELDS,
                           **words()), status


@bp.route("/cek-tawaran", methods=["GET", "POST"], endpoint="offer_check")
@limiter.limit(lambda: current_app.config.get("OFFER_CHECK_RATE_LIMIT", CHECK_LIMIT), methods=["POST"])
def offer_check():
    form = _posted_form()
    if request.method == "POST" and form.validate():
        return _page(form, offer_checks.check(form.offer()))
    return _page(form)


@bp.post("/cek-tawaran/laporkan", endpoint="offer_report")
@limiter.limit(lambda: current_app.config.get("OFFER_REPORT_RATE_LIMIT", REPORT_LIMIT))
def offer_report():
    form = _posted_form(OfferReportForm)
    if not form.validate():
        return _page(form, status=400)
    verdict = offer_checks.check(form.offer())
    if not form.is_a_person():
        return _page(form, verdict, status=400, message=refusal("NOT_SENT"))
    try:
        receipt = offer_reports.report_offer(form.offer(), verdict, form.contact.data, form.kelurahan.data or None,
                                             request.remote_addr)
    except offer_reports.ReportRefused as refused:
        form.kelurahan.errors.append(refusal(refused.code))
        return _page(form, verdict, status=400)
    return _page(form, verdict, receipt=receipt)
