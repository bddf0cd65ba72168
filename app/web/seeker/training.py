"""Seeker pages: upcoming training (optionally for one certificate scheme), enrolling and withdrawing."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.models import Cohort
from app.services import training_roster
from app.services.audit import Actor
from app.services.training_roster import RosterRefused
from app.web.seeker import bp
from app.web.training_words import problem, words


def _my_profile():
    profile = current_user.seeker
    if profile is None:
        abort(404)
    return profile


@bp.get("/training", endpoint="training")
def my_training():
    profile = _my_profile()
    scheme = training_roster.scheme_of(request.args.get("scheme"))
    return render_template("seeker/training.html", scheme=scheme,
                           offers=training_roster.upcoming_offers(profile, scheme.code if scheme else None),
                           mine=training_roster.my_enrolments(profile.id), **words())


@bp.post("/training/<int:cohort_id>/enrol")
def training_enrol(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    try:
        enrolment = training_roster.enrol(_my_profile(), cohort, Actor.for_user(current_user, request.remote_addr))
    except RosterRefused as refused:
        for code in refused.codes:
            flash(problem(code, refused.data), "error")
    else:
        position = training_roster.waitlist_position(enrolment)
        if position:
            flash(_("This cohort is full. You are number %(position)s on the waiting list; we will tell you "
                    "when a place opens.", position=position), "warning")
        else:
            flash(_("You are enrolled. See you on %(date)s!", date=format_date(cohort.starts_on, "long")), "success")
    return redirect(url_for(".training") + f"#cohort-{cohort_id}")


@bp.post("/training/enrolments/<int:enrolment_id>/withdraw")
def training_withdraw(enrolment_id: int):
    enrolment = training_roster.own_enrolment(_my_profile().id, enrolment_id)
    if enrolment is None:
        abort(404)
    try:
        training_roster.withdraw(enrolment, Actor.for_user(current_user, request.remote_addr))
    except RosterRefused as refused:
        for code in refused.codes:
            flash(problem(code, refused.data), "error")
    else:
        flash(_("You have left this training."), "success")
    return redirect(url_for(".training"))
