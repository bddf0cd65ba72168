"""Coordinator pages: partner cities, their agreements and the agreement scans."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.vocab import AGREEMENT_STATUSES
from app.extensions import db
from app.models import PartnerCity
from app.services import partners
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.auth.choices import sector_choices
from app.web.channel_messages import attach, country_choices, country_label
from app.web.coordinator import bp
from app.web.coordinator.partner_forms import PartnerForm
from app.web.files import send_upload


@bp.get("/partners", endpoint="partners")
def partner_list():
    status = request.args.get("status") if request.args.get("status") in AGREEMENT_STATUSES else None
    return render_template("coordinator/partners.html", rows=partners.list_partners(status), status=status,
                           statuses=AGREEMENT_STATUSES, today=local_today(), country_label=country_label)


@bp.route("/partners/new", methods=["GET", "POST"])
def partner_new():
    form = _form(None)
    if form.validate_on_submit():
        try:
            city = partners.create_partner(_input(form), _actor(), _scan(form))
        except partners.PartnerRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The partner city %(name)s is saved.", name=city.name), "success")
            return redirect(url_for(".partner_edit", partner_id=city.id))
    return _page(form, None)


@bp.route("/partners/<int:partner_id>", methods=["GET", "POST"])
def partner_edit(partner_id):
    city = db.get_or_404(PartnerCity, partner_id)
    form = _form(city)
    if form.validate_on_submit():
        try:
            partners.update_partner(city, _input(form), _actor(), _scan(form))
        except partners.PartnerRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The partner city %(name)s is saved.", name=city.name), "success")
            return redirect(url_for(".partner_edit", partner_id=city.id))
    return _page(form, city)


@bp.get("/partners/<int:partner_id>/agreement")
def partner_agreement(partner_id):
    upload = partners.scan_of(db.get_or_404(PartnerCity, partner_id))
    if upload is None:
        abort(404)
    return send_upload(upload)


def _page(form: PartnerForm, city: PartnerCity | None):
    return render_template("coordinator/partners_edit.html", form=form, city=city,
                           employers=partners.employers_of(city) if city else [],
                           scan=partners.scan_of(city) if city else None, today=local_today(),
                           country_label=country_label)


def _form(city: PartnerCity | None) -> PartnerForm:
    form = PartnerForm(obj=city)
    form.country_code.choices = country_choices()
    form.sector_codes.choices = sector_choices()[1:]
    if city is not None and not form.is_submitted():
        form.sector_codes.data = [s.sector_code for s in city.sectors]
    return form


def _input(form: PartnerForm) -> partners.PartnerInput:
    return partners.PartnerInput(
        name=form.name.data, country_code=form.country_code.data, status=form.agreement_status.data,
        agreement_kind=form.agreement_kind.data, signed_on=form.agreement_signed_on.data,
        expires_on=form.agreement_expires_on.data, sector_codes=form.sector_codes.data or [],
        contact_name=form.contact_name.data, contact_email=form.contact_email.data, notes=form.notes.data)


def _scan(form: PartnerForm) -> partners.Scan | None:
    upload = form.scan.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return partners.Scan(upload.read(), upload.filename)


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)
