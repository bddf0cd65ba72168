"""The form behind every placement move (seeker, employer, coordinator) and the one way to submit it."""
from flask import abort, flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from app.domain import predeparture as gate
from app.models import Placement
from app.services import applications, predeparture
from app.web.forms import BaseForm
from app.web.labels import label
from app.web.placement_words import CHANGED, ITEMS, move_problems

NOTE_MAX = 1000


class MoveForm(BaseForm):
    """Rendered by templates/_macros/placement.html; the domain judges the stage and the reason."""
    to_stage = HiddenField(validators=[Optional()])
    reason_code = StringField(_l("Reason"), validators=[Optional(), Length(max=40)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


def submit_move(placement: Placement, to_stage: str | None = None) -> None:
    """Validate the posted move, make it, and flash what happened (404 if the user may not act on it)."""
    form = MoveForm()
    to_stage = to_stage or form.to_stage.data
    if not form.validate() or not to_stage:
        flash(_("Something was missing in the form. Please try again."), "error")
        return
    try:
        applications.move(placement, to_stage, current_user._get_current_object(),
                          reason_code=form.reason_code.data, note=form.note.data,
                          expected_version=form.version.data, remote_addr=request.remote_addr)
    except applications.NotYours:
        abort(404)
    except applications.MoveRefused as refused:
        for message in move_problems(refused.codes):
            flash(message, "error")
        if gate.PREDEPARTURE_INCOMPLETE in refused.codes:
            missing = ", ".join(str(ITEMS[item]) for item in predeparture.missing_items(placement))
            flash(_("Still to verify: %(items)s.", items=missing), "error")
    except applications.PlacementChanged:
        flash(str(CHANGED), "warning")
    else:
        flash(_("Done. The stage is now: %(stage)s.", stage=label("stage", to_stage)), "success")
