"""Employer pages: the organisation's details, its users, and adding a colleague."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.models import Employer
from app.services import employers
from app.services.audit import Actor
from app.web.auth.choices import sector_choices
from app.web.channel_messages import attach, country_label
from app.web.employer import bp
from app.web.employer.organisation_forms import InviteForm, OrganisationForm


@bp.route("/organisation", methods=["GET", "POST"])
def organisation():
    employer = _own_employer()
    form = _details_form(employer)
    if form.validate_on_submit():
        try:
            employers.update_organisation(employer, employers.OrganisationInput(**_details(form)), _actor())
        except employers.EmployerRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The organisation's details are saved."), "success")
            return redirect(url_for(".organisation"))
    return _page(employer, form, InviteForm(formdata=None, prefix="invite"))


@bp.post("/organisation/invite")
def organisation_invite():
    employer = _own_employer()
    form = InviteForm(prefix="invite")
    if form.validate_on_submit():
        try:
            employers.invite_colleague(employer, form.email.data, form.display_name.data, str(get_locale()),
                                       _actor(), lambda token: url_for("auth.reset_password", token=token,
                                                                       _external=True))
        except employers.EmployerRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("%(email)s is added and has been sent a link to choose a password.", email=form.email.data),
                  "success")
            return redirect(url_for(".organisation"))
    return _page(employer, _details_form(employer, formdata=None), form)


def _own_employer() -> Employer:
    """The signed-in user's own organisation: an employer user sees no other."""
    if current_user.employer is None:
        abort(404)
    return current_user.employer


def _details_form(employer: Employer, **kwargs) -> OrganisationForm:
    form = OrganisationForm(obj=employer, **kwargs)
    form.sector_code.choices = sector_choices()
    return form


def _details(form: OrganisationForm) -> dict:
    return {name: getattr(form, name).data for name in employers.DETAILS}


def _page(employer: Employer, form: OrganisationForm, invite: InviteForm):
    return render_template("employer/organisation.html", employer=employer, form=form, invite=invite,
                           users=employers.users_of(employer), can_submit=employers.can_submit(employer),
                           editable=employer.status in employers.EDITABLE_STATUSES,
                           sectors=dict(sector_choices()[1:]), country_label=country_label)


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)
