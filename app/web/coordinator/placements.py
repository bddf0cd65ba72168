"""Coordinator pages: every placement, filtered by stage and opening; its history; the moves a coordinator makes."""
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from app.domain.placement_flow import COORDINATOR, moves_for, reasons_for
from app.domain.vocab import PRE_DEPARTURE_ITEMS, STAGES
from app.services import placement_reads
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.placement_forms import submit_move
from app.web.placement_words import words


@bp.get("/placements")
def placements():
    stage = request.args.get("stage") if request.args.get("stage") in STAGES else None
    opening_id = request.args.get("opening", type=int)
    found = placement_reads.placements(Actor.for_user(current_user, request.remote_addr), stage, opening_id,
                                       request.args.get("page", 1, type=int))
    return render_template("coordinator/placements.html", found=found, stage=stage, opening_id=opening_id,
                           stages=STAGES, openings=placement_reads.openings_with_placements(), **words())


@bp.get("/placements/<int:placement_id>")
def placement(placement_id: int):
    shown = placement_reads.placement_for_coordinator(placement_id, Actor.for_user(current_user, request.remote_addr))
    if shown is None:
        abort(404)
    moves = [(to, reasons_for(shown.stage, to)) for to in moves_for(shown.stage, COORDINATOR)]
    items = {item.item: item for item in shown.items}
    return render_template("coordinator/placement.html", placement=shown, moves=moves,
                           names=placement_reads.actor_names(shown), items=items, item_kinds=PRE_DEPARTURE_ITEMS,
                           **words())


@bp.post("/placements/<int:placement_id>/move")
def placement_move(placement_id: int):
    placement = placement_reads.placement_by_id(placement_id)
    if placement is None:
        abort(404)
    submit_move(placement)
    return redirect(url_for(".placement", placement_id=placement_id))
