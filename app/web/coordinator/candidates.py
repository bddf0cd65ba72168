"""Coordinator pages: the ranked candidates for any opening, the ineligible with their gates, the shortlist."""
from flask import abort, render_template, request
from flask_login import current_user

from app.services import candidate_pages, opening_queries
from app.services.audit import Actor
from app.web.candidate_words import words
from app.web.coordinator import bp


@bp.get("/openings/<int:opening_id>/candidates")
def candidates(opening_id: int):
    opening = opening_queries.any_opening(opening_id) or abort(404)
    view = candidate_pages.ranked_and_ineligible(opening, Actor.for_user(current_user, request.remote_addr),
                                                 page=request.args.get("page", 1, type=int))
    return render_template("coordinator/candidates.html", opening=opening, view=view, **words())
