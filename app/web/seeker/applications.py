"""Seeker pages: apply to an opening, follow my applications, accept an offer or withdraw."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.candidate_card import candidate_card
from app.domain.placement_flow import SEEKER, moves_for, reasons_for
from app.extensions import db
from app.models import Opening
from app.services import applications, placement_reads
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.placement_forms import submit_move
from app.web.placement_words import apply_blockers, words
from app.web.seeker import bp


def _my_profile():
    profile = current_user.seeker
    if profile is None:
        abort(404)
    return profile


def _my_placement(placement_id: int):
    placement = placement_reads.seeker_placement(_my_profile().id, placement_id)
    if placement is None:
        abort(404)
    return placement


@bp.get("/applications", endpoint="applications")
def my_applications():
    placements = placement_reads.seeker_applications(_my_profile().id)
    moves = {p.id: [(to, reasons_for(p.stage, to)) for to in moves_for(p.stage, SEEKER)] for p in placements}
    return render_template("seeker/applications.html", placements=placements, moves=moves, **words())


@bp.route("/openings/<int:opening_id>/apply", methods=["GET", "POST"])
def apply(opening_id: int):
    profile, opening = _my_profile(), db.get_or_404(Opening, opening_id)
    if not opening.is_public():
        abort(404)
    if request.method == "GET":
        blockers = applications.blockers(profile, opening)
    else:
        try:
            applications.apply(profile, opening, Actor.for_user(current_user, request.remote_addr))
        except applications.ApplicationRefused as refused:
            blockers = refused.codes
        else:
            flash(_("Your application is sent. Follow it here."), "success")
            return redirect(url_for(".applications"))
    preview = candidate_card(placement_reads.candidate_facts(profile), local_today())
    return render_template("seeker/applications_apply.html", opening=opening, preview=preview,
                           blockers=apply_blockers(blockers, opening),
                           education=placement_reads.education_names(), **words())


@bp.post("/applications/<int:placement_id>/withdraw")
def application_withdraw(placement_id: int):
    submit_move(_my_placement(placement_id), "withdrawn")
    return redirect(url_for(".applications"))


@bp.post("/applications/<int:placement_id>/accept")
def application_accept(placement_id: int):
    submit_move(_my_placement(placement_id), "accepted")
    return redirect(url_for(".applications"))
