"""Coordinator pages: employers by status, an employer's record, and the decisions on it."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.domain.vocab import EMPLOYER_STATUSES
from app.extensions import db
from app.models import Employer
from app.services import employers
from app.services.audit import Actor
from app.web.auth.choices import sector_choices
from app.web.channel_messages import country_label, message
from app.web.coordinator import bp
from app.web.coordinator.employer_forms import ReasonForm

HISTORY = {
    "employer_registered": _l("Registered"), "employer_verified": _l("Verified"),
    "employer_rejected": _l("Not verified"), "employer_suspended": _l("Suspended"),
    "employer_reinstated": _l("Suspension lifted"), "employer_details_changed": _l("Details changed"),
    "employer_user_invited": _l("Colleague added"),
}


@bp.get("/employers", endpoint="employers")
def employer_list():
    status = request.args.get("status", "pending")
    status = status if status in (*EMPLOYER_STATUSES, "all") else "pending"
    return render_template("coordinator/employers.html", status=status, counts=employers.counts_by_status(),
                           rows=employers.list_employers(None if status == "all" else status),
                           country_label=country_label)


@bp.get("/employers/<int:employer_id>", endpoint="employer")
def employer_record(employer_id):
    return _record(db.get_or_404(Employer, employer_id), ReasonForm())


@bp.post("/employers/<int:employer_id>/verify")
def employer_verify(employer_id):
    employer = db.get_or_404(Employer, employer_id)
    return _decide(employer, lambda by: employers.verify(employer, by),
                   _("%(name)s is verified.", name=employer.legal_name))


@bp.post("/employers/<int:employer_id>/reject")
def employer_reject(employer_id):
    employer, form = db.get_or_404(Employer, employer_id), ReasonForm()
    if not form.validate_on_submit():
        return _record(employer, form)
    return _decide(employer, lambda by: employers.reject(employer, form.reason.data, by),
                   _("%(name)s is not verified. Its users have been told why.", name=employer.legal_name))


@bp.post("/employers/<int:employer_id>/suspend")
def employer_suspend(employer_id):
    employer, form = db.get_or_404(Employer, employer_id), ReasonForm()
    if not form.validate_on_submit():
        return _record(employer, form)
    return _decide(employer, lambda by: employers.suspend(employer, form.reason.data, by),
                   _("%(name)s is suspended. Its submitted and approved openings are closed.",
                     name=employer.legal_name))


@bp.post("/employers/<int:employer_id>/reinstate")
def employer_reinstate(employer_id):
    employer = db.get_or_404(Employer, employer_id)
    return _decide(employer, lambda by: employers.reinstate(employer, by),
                   _("%(name)s is verified again. The openings closed by the suspension stay closed.",
                     name=employer.legal_name))


def _decide(employer: Employer, decision, done: str):
    try:
        decision(Actor.for_user(current_user, request.remote_addr))
    except employers.EmployerRefused as refused:
        flash(message(refused.code), "error")
    else:
        flash(done, "success")
    return redirect(url_for(".employer", employer_id=employer.id))


def _record(employer: Employer, reason_form: ReasonForm):
    employers.record_viewed(employer, Actor.for_user(current_user, request.remote_addr))
    return render_template("coordinator/employers_record.html", employer=employer, form=reason_form,
                           users=employers.users_of(employer), openings=employers.openings_by_status(employer),
                           history=employers.history(employer), can_submit=employers.can_submit(employer),
                           history_words=HISTORY, country_label=country_label,
                           sectors=dict(sector_choices()[1:]))
