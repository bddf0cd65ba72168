"""Employer pages: the applicants to my organisation's openings, as anonymised cards until shortlisted."""
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from app.domain.placement_flow import EMPLOYER, moves_for, reasons_for
from app.domain.vocab import STAGES
from app.services import placement_reads
from app.services.audit import Actor
from app.web.employer import bp
from app.web.placement_forms import submit_move
from app.web.placement_words import words


def _my_placement(placement_id: int):
    placement = placement_reads.employer_placement(current_user.employer_id, placement_id)
    if placement is None:
        abort(404)
    return placement


@bp.get("/openings/<int:opening_id>/applicants")
def applicants(opening_id: int):
    opening = placement_reads.employer_opening(current_user.employer_id, opening_id)
    if opening is None:
        abort(404)
    stage = request.args.get("stage") if request.args.get("stage") in STAGES else None
    rows = placement_reads.applicants(opening, Actor.for_user(current_user, request.remote_addr), stage)
    return render_template("employer/applicants.html", opening=opening, applicants=rows, stage=stage,
                           education=placement_reads.education_names(), **words())


@bp.get("/applicants/<int:placement_id>")
def applicant(placement_id: int):
    shown = placement_reads.applicant(_my_placement(placement_id), Actor.for_user(current_user, request.remote_addr))
    stage = shown.placement.stage
    moves = [(to, reasons_for(stage, to)) for to in moves_for(stage, EMPLOYER)]
    return render_template("employer/applicant.html", applicant=shown, moves=moves,
                           education=placement_reads.education_names(), **words())


@bp.post("/applicants/<int:placement_id>/move")
def applicant_move(placement_id: int):
    submit_move(_my_placement(placement_id))
    return redirect(url_for(".applicant", placement_id=placement_id))
