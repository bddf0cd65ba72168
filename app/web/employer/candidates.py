"""Employer pages: the ranked, anonymised candidates for my opening, with explanations, and the shortlist."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.services import candidate_pages, opening_queries, shortlists
from app.services.audit import Actor
from app.services.candidate_codes import seeker_of
from app.web.candidate_words import refusal, words
from app.web.employer import bp


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _own_or_404(opening_id: int):
    """Only the organisation's own openings: any other id is simply not found."""
    return opening_queries.employer_opening(current_user.employer_id, opening_id) or abort(404)


def _seeker_or_404(opening, code: str) -> int:
    """The seeker a candidate code names; a code made for another opening is not found."""
    return seeker_of(opening.id, code) or abort(404)


@bp.get("/openings/<int:opening_id>/candidates")
def candidates(opening_id: int):
    opening = _own_or_404(opening_id)
    view = candidate_pages.ranked_candidates(opening, _actor())
    return render_template("employer/candidates.html", opening=opening, view=view, **words())


@bp.post("/openings/<int:opening_id>/candidates/<code>/shortlist")
def candidate_shortlist(opening_id: int, code: str):
    opening = _own_or_404(opening_id)
    try:
        shortlists.shortlist(opening, _seeker_or_404(opening, code), _actor())
    except shortlists.ShortlistRefused as refused:
        flash(refusal(refused.code), "error")
        return redirect(url_for(".candidates", opening_id=opening.id))
    flash(_("Shortlisted. The candidate is invited to apply; you will see them among your applicants if they do."),
          "success")
    return redirect(url_for(".candidates", opening_id=opening.id, _anchor=f"candidate-{code}"))


@bp.post("/openings/<int:opening_id>/candidates/<code>/unshortlist")
def candidate_unshortlist(opening_id: int, code: str):
    opening = _own_or_404(opening_id)
    if shortlists.unshortlist(opening, _seeker_or_404(opening, code), _actor()):
        flash(_("Taken off your shortlist."), "success")
    return redirect(url_for(".candidates", opening_id=opening.id, _anchor=f"candidate-{code}"))
