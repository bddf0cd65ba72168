"""Employer pages: the organisation's openings, the opening form, submitting, closing, the printable code and QR."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.services import opening_queries, openings
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.employer import bp
from app.web.employer.opening_forms import GENERAL_SCHEME, CloseForm, OpeningForm
from app.web.opening_qr import public_url, qr_response
from app.web.opening_words import attach_problems, describe_checks, page_words, refusal


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _own_or_404(opening_id: int):
    """Only the organisation's own openings: any other id is simply not found."""
    return opening_queries.employer_opening(current_user.employer_id, opening_id) or abort(404)


@bp.get("/openings", endpoint="openings")
def opening_list():
    return render_template("employer/openings.html", employer=current_user.employer,
                           rows=opening_queries.employer_openings(current_user.employer_id), **page_words())


@bp.route("/openings/new", methods=["GET", "POST"])
def opening_new():
    form = OpeningForm()
    form.fill_choices()
    if request.method == "GET":
        form.country_code.data = current_user.employer.partner_city.country_code
        form.scheme_codes.data = [GENERAL_SCHEME]
    if form.validate_on_submit():
        try:
            opening = openings.create_opening(current_user.employer, form.terms(), _actor())
        except openings.OpeningRefused as refused:
            attach_problems(form, refused.problems)
        else:
            flash(_("The opening is saved as a draft. Check it, then submit it for approval."), "success")
            return redirect(url_for(".opening", opening_id=opening.id))
    return render_template("employer/opening_form.html", form=form, opening=None)


@bp.route("/openings/<int:opening_id>/edit", methods=["GET", "POST"])
def opening_edit(opening_id):
    opening = _own_or_404(opening_id)
    if opening.status not in openings.EDITABLE_STATUSES:
        flash(refusal("WRONG_STATUS"), "error")
        return redirect(url_for(".opening", opening_id=opening.id))
    form = OpeningForm()
    form.fill_choices()
    if request.method == "GET":
        form.fill_from(opening)
    was_approved = opening.status == "approved"
    if form.validate_on_submit():
        try:
            changed = openings.update_opening(opening, form.terms(), _actor())
        except openings.OpeningRefused as refused:
            attach_problems(form, refused.problems)
        else:
            flash(_saved_message(changed, was_approved), "success" if changed else "info")
            return redirect(url_for(".opening", opening_id=opening.id))
    return render_template("employer/opening_form.html", form=form, opening=opening)


def _saved_message(changed: list[str], was_approved: bool) -> str:
    if not changed:
        return _("Nothing changed.")
    if was_approved:
        return _("Saved. The opening is back with the coordinators for review and is off the public pages "
                 "until it is approved again. Its verification code stays the same.")
    return _("Your changes are saved.")


@bp.get("/openings/<int:opening_id>")
def opening(opening_id):
    opening = _own_or_404(opening_id)
    checks = describe_checks(openings.legality_checks(opening, local_today()))
    return render_template("employer/opening.html", opening=opening, checks=checks, close_form=CloseForm(),
                           public_link=public_url(opening.code) if opening.code else None, **page_words())


@bp.post("/openings/<int:opening_id>/submit")
def opening_submit(opening_id):
    opening = _own_or_404(opening_id)
    try:
        openings.submit_opening(opening, _actor())
    except openings.OpeningRefused as refused:
        flash(refusal(refused.code), "error")
        for check in describe_checks(refused.checks):
            flash(f"{check['title']}: {check['detail']}", "error")
    else:
        flash(_("Submitted. A coordinator of the city will review the opening."), "success")
    return redirect(url_for(".opening", opening_id=opening.id))


@bp.post("/openings/<int:opening_id>/close")
def opening_close(opening_id):
    opening, form = _own_or_404(opening_id), CloseForm()
    reason = form.reason.data if form.validate_on_submit() else "manual"
    try:
        openings.close_opening(opening, _actor(), reason)
    except openings.OpeningRefused as refused:
        flash(refusal(refused.code), "error")
    else:
        flash(_("The opening is closed. It takes no new applications."), "success")
    return redirect(url_for(".opening", opening_id=opening.id))


@bp.get("/openings/<int:opening_id>/qr")
def opening_qr(opening_id):
    opening = _own_or_404(opening_id)
    if not opening.code:
        abort(404)
    return qr_response(opening.code, request.args.get("format", "svg"), download="download" in request.args)


@bp.get("/occupations/search")
def occupation_search():
    return jsonify(opening_queries.occupation_search(request.args.get("q", "")))
