"""Coordinator pages: seekers' requests to erase their account, confirmed or refused with a note."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.extensions import db
from app.models import ErasureRequest
from app.services import erasure
from app.services.audit import Actor
from app.web.coordinator import bp

REFUSALS = {
    "NOTE_REQUIRED": _l("Write why you refuse: the seeker receives this note."),
    "PLACEMENTS_IN_PROGRESS": _l("This seeker still has applications in progress: %(titles)s. They must be "
                                 "closed first."),
}


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[("confirm", _l("Confirm: erase the account now")),
                                                   ("refuse", _l("Refuse"))], validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)],
                         description=_l("Required when you refuse: the seeker receives it."))


def _form(request_id: int, formdata=None) -> DecisionForm:
    # One form per request on the page; the prefix keeps their field ids apart.
    return DecisionForm(formdata=formdata, prefix=f"r{request_id}")


def _page(bound: DecisionForm | None = None, bound_id: int | None = None):
    queue = erasure.erasure_queue(Actor.for_user(current_user, request.remote_addr))
    forms = {item.request.id: bound if item.request.id == bound_id else _form(item.request.id) for item in queue}
    return render_template("coordinator/erasures.html", queue=queue, forms=forms,
                           decided=erasure.recent_decisions())


@bp.get("/erasures")
def erasures():
    return _page()


@bp.post("/erasures/<int:request_id>/decide")
def erasure_decide(request_id: int):
    filed = db.get_or_404(ErasureRequest, request_id)
    form = _form(request_id, request.form)
    if not form.validate():
        return _page(form, request_id)
    try:
        erasure.decide(filed, erasure.Decision(form.decision.data == "confirm", form.note.data),
                       Actor.for_user(current_user, request.remote_addr))
    except erasure.ErasureRefused as refused:
        if refused.code == "ALREADY_DECIDED":
            flash(_("This request was already decided."), "info")
            return redirect(url_for(".erasures"))
        titles = ", ".join(p.opening.title for p in refused.placements)
        form.form_errors.append(str(REFUSALS[refused.code]) % {"titles": titles})
        return _page(form, request_id)
    flash(_("Account erased.") if filed.status == "confirmed" else _("Request refused; the seeker is told why."),
          "success")
    return redirect(url_for(".erasures"))
