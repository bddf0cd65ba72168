"""The seeker's one page about one placement: where it stands, what comes next, whom to contact, the checklist
and the contract in their own language."""
from flask import abort, render_template
from flask_login import current_user

from app.domain import journey as journey_rules
from app.services import predeparture_reads
from app.web import predeparture_words  # a module, not its names: it imports the seeker package's forms
from app.web.office_contact import office_contact
from app.web.placement_words import words as placement_words
from app.web.seeker import bp

# Disnaker's office details come from the configuration (they change with the office, not with the code).


@bp.get("/journey/<int:placement_id>")
def journey(placement_id: int):
    profile = current_user.seeker
    shown = predeparture_reads.journey(profile.id, placement_id) if profile is not None else None
    if shown is None:
        abort(404)
    placement = shown.placement
    steps = journey_rules.progress(placement.stage, tuple(event.to_stage for event in placement.events))
    step_number = next((n for n, (_, state) in enumerate(steps, 1) if state == journey_rules.CURRENT), None)
    return render_template("seeker/journey.html", journey=shown, placement=placement, opening=placement.opening,
                           steps=steps, step_number=step_number, contact=office_contact(),
                           shows_checklist=journey_rules.shows_checklist(placement.stage),
                           **predeparture_words.words(), **placement_words())
