"""Coordinator pages: the queue of seekers' requests for a human review of a ranking, and answering one."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.extensions import db
from app.models import SeekerProfile
from app.services import reviews, seeker_matches
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.forms import BaseForm
from app.web.match_words import page_words
from app.web.review_words import refusal

RANKING_DEPTH = 500  # rank this deep, so the opening asked about shows its place even below the top 20
SHOWN = 20


class AnswerForm(BaseForm):
    response = TextAreaField(_l("Answer to the seeker"), validators=[
        DataRequired(_l("Write the answer the seeker will read.")), Length(max=reviews.MESSAGE_MAX)],
        description=_l("The seeker reads this on their matches page. Say what you checked, what you found, and what "
                       "they can do."), render_kw={"rows": 6, "maxlength": reviews.MESSAGE_MAX})


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/reviews", endpoint="reviews")
def review_queue():
    return render_template("coordinator/reviews.html", queue=reviews.open_queue(),
                           answered=reviews.recently_answered(), **page_words())


def _review_page(item: reviews.QueueItem, form: AnswerForm):
    seeker = db.session.get(SeekerProfile, item.request.seeker_id)
    if seeker is None:
        abort(404)
    view = seeker_matches.matches_for(seeker, _actor(), top_k=RANKING_DEPTH)
    return render_template("coordinator/review.html", item=item, form=form, view=view, shown=SHOWN,
                           depth=RANKING_DEPTH, about=view.about(item.request.opening_id), **page_words())


@bp.get("/reviews/<int:review_id>")
def review(review_id: int):
    item = reviews.queue_item(review_id)
    if item is None:
        abort(404)
    return _review_page(item, AnswerForm(formdata=None))


@bp.post("/reviews/<int:review_id>/answer")
def review_answer(review_id: int):
    item = reviews.queue_item(review_id)
    if item is None:
        abort(404)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _review_page(item, form)
    try:
        reviews.answer(item.request, form.response.data, _actor())
    except reviews.ReviewRefused as refused:
        flash(refusal(refused.code), "error")
        return redirect(url_for(".review", review_id=review_id))
    flash(_("Answer sent. The seeker is told."), "success")
    return redirect(url_for(".reviews"))
