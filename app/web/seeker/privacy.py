"""Seeker pages: my consents, a copy of my data, deleting my account (UU 27/2022)."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired

from app.domain.clock import utcnow
from app.models import SeekerProfile
from app.services import consents, data_export, erasure
from app.services.audit import Actor
from app.web.labels import label
from app.web.seeker import bp

PURPOSE_HELP = {
    "matching": _l("We compare your profile with approved openings and show it, without your NIK or contact "
                   "details, to verified partner employers. Without it you are not matched to any opening."),
    "immigration_sharing": _l("Under the agreement between the city and the Immigration Office, an officer may "
                              "check that you are in a registered placement. This protects you at departure."),
    "employer_contact": _l("Verified partner employers may contact you about an opening through Jembatan."),
}


class ConsentForm(FlaskForm):
    purpose = SelectField(choices=[(p, p) for p in consents.SEEKER_PURPOSES], validators=[DataRequired()])
    action = SelectField(choices=[("grant", "grant"), ("withdraw", "withdraw")], validators=[DataRequired()])


class EraseForm(FlaskForm):
    confirm = BooleanField(_l("I understand: my account and personal data will be deleted and cannot be "
                              "brought back."), validators=[DataRequired(_l("Tick the box to confirm."))])


def _own_profile() -> SeekerProfile:
    profile = current_user.seeker
    if profile is None or profile.erased_at is not None:
        abort(404)
    return profile


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _page(profile: SeekerProfile, erase_form: EraseForm | None = None):
    return render_template(
        "seeker/privacy.html", states=consents.consent_states(profile.id),
        history=consents.consent_history(profile.id), purposes=consents.SEEKER_PURPOSES, help=PURPOSE_HELP,
        latest_request=erasure.latest_request(profile.id), in_progress=erasure.placements_in_progress(profile.id),
        erase_form=erase_form or EraseForm(formdata=None))


@bp.get("/privacy")
def privacy():
    return _page(_own_profile())


@bp.post("/privacy/consent")
def privacy_consent():
    profile = _own_profile()
    form = ConsentForm()
    if not form.validate_on_submit():
        flash(_("Choose a consent to give or withdraw."), "error")
    elif form.action.data == "withdraw":
        consents.withdraw(profile, form.purpose.data, _actor())
        flash(_("Consent withdrawn: %(purpose)s.", purpose=label("consent", form.purpose.data)), "success")
    else:
        consents.grant(profile, form.purpose.data, _actor())
        flash(_("Consent given: %(purpose)s.", purpose=label("consent", form.purpose.data)), "success")
    anchor = f"consent-{form.purpose.data}" if form.purpose.data in consents.SEEKER_PURPOSES else "consents"
    return redirect(url_for(".privacy", _anchor=anchor))


@bp.get("/privacy/export")
def privacy_export():
    body = data_export.export_json(_own_profile(), _actor())
    filename = f"jembatan-my-data-{utcnow():%Y-%m-%d}.json"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.post("/privacy/erase")
def privacy_erase():
    profile = _own_profile()
    form = EraseForm()
    if not form.validate_on_submit():
        return _page(profile, form)  # the box was not ticked: say so beside it
    try:
        erasure.request_erasure(profile, _actor())
    except erasure.ErasureRefused as refused:
        titles = ", ".join(p.opening.title for p in refused.placements)
        flash(_("Close your applications first: %(titles)s.", titles=titles), "error")
    else:
        flash(_("Your request is filed. A coordinator will check it and carry it out; we will tell you."),
              "success")
    return redirect(url_for(".privacy", _anchor="delete"))
