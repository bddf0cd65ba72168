"""Coordinator pages: the review queue, an opening's review with its legality checks, and the decisions."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.domain.opening_legality import review_state
from app.domain.vocab import OPENING_STATUSES
from app.services import opening_queries, openings
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.coordinator import bp
from app.web.coordinator.opening_forms import ApproveForm, RequestChangesForm
from app.web.employer.opening_forms import CloseForm
from app.web.opening_qr import public_url
from app.web.opening_words import attach_problems, describe_checks, page_words, refusal

HISTORY = {
    "opening_created": _l("Created as a draft"), "opening_updated": _l("Terms changed"),
    "opening_submitted": _l("Submitted for review"), "opening_approved": _l("Approved"),
    "opening_changes_requested": _l("Changes requested"), "opening_closed": _l("Closed"),
}


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/openings", endpoint="openings")
def opening_queue():
    status = request.args.get("status", "")
    status = status if status in OPENING_STATUSES else ""
    return render_template("coordinator/openings.html", status=status, counts=opening_queries.counts_by_status(),
                           rows=opening_queries.review_queue(status or None), **page_words())


@bp.get("/openings/<int:opening_id>", endpoint="opening")
def opening_review(opening_id):
    return _review(opening_queries.any_opening(opening_id) or abort(404))


def _review(opening, approve_form=None, changes_form=None):
    if approve_form is None:
        approve_form = ApproveForm(justification=opening.caution_justification)
    results = openings.legality_checks(opening, local_today())
    return render_template(
        "coordinator/opening.html", opening=opening, checks=describe_checks(results), state=review_state(results),
        approve_form=approve_form, changes_form=changes_form or RequestChangesForm(), close_form=CloseForm(),
        history=opening_queries.history(opening), history_words=HISTORY,
        public_link=public_url(opening.code) if opening.code else None, **page_words())


@bp.post("/openings/<int:opening_id>/approve")
def opening_approve(opening_id):
    opening, form = opening_queries.any_opening(opening_id) or abort(404), ApproveForm()
    if not form.validate_on_submit():
        return _review(opening, approve_form=form)
    try:
        openings.approve_opening(opening, _actor(), form.justification.data)
    except openings.OpeningRefused as refused:
        flash(refusal(refused.code), "error")
        if refused.code == "CHECKS_FAILED":
            form.form_errors.extend(f"{c['title']}: {c['detail']}" for c in describe_checks(refused.checks))
        return _review(opening, approve_form=form)
    flash(_("Approved. The opening is public with the verification code %(code)s.", code=opening.code), "success")
    return redirect(url_for(".opening", opening_id=opening.id))


@bp.post("/openings/<int:opening_id>/request-changes")
def opening_request_changes(opening_id):
    opening, form = opening_queries.any_opening(opening_id) or abort(404), RequestChangesForm()
    if not form.validate_on_submit():
        return _review(opening, changes_form=form)
    try:
        openings.request_changes(opening, _actor(), form.reasons.data)
    except openings.OpeningRefused as refused:
        attach_problems(form, refused.problems)
        flash(refusal(refused.code), "error")
        return _review(opening, changes_form=form)
    flash(_("The opening is back with its employer, with your reasons."), "success")
    return redirect(url_for(".opening", opening_id=opening.id))


@bp.post("/openings/<int:opening_id>/close")
def opening_close(opening_id):
    opening, form = opening_queries.any_opening(opening_id) or abort(404), CloseForm()
    try:
        openings.close_opening(opening, _actor(), form.reason.data if form.validate_on_submit() else "manual")
    except openings.OpeningRefused as refused:
        flash(refusal(refused.code), "error")
    else:
        flash(_("The opening is closed. It takes no new applications."), "success")
    return redirect(url_for(".opening", opening_id=opening.id))
