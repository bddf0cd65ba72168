"""Seeker pages: my matches, explained; openings I am not eligible for and what would close each gap;
asking for a human review."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.extensions import db
from app.models import Opening, SeekerProfile
from app.services import reviews, seeker_matches
from app.services.audit import Actor
from app.web.forms import BaseForm
from app.web.match_words import page_words
from app.web.review_words import refusal
from app.web.seeker import bp

BLOCKED_SHOWN = 30  # the closest ones; the page says how many more there are
BLOCKED_OPEN = 3  # of those, the steps of the closest few are shown without a tap


class ReviewForm(BaseForm):
    opening = SelectField(_l("What it is about"), validators=[])
    message = TextAreaField(_l("What should a person check?"), validators=[
        DataRequired(_l("Tell us in a few words what looks wrong to you.")), Length(max=reviews.MESSAGE_MAX)],
        description=_l("For example: \"I have this certificate\" or \"Why is this job not in my list?\""),
        render_kw={"rows": 4, "maxlength": reviews.MESSAGE_MAX})


def _profile() -> SeekerProfile:
    profile = current_user.seeker
    if profile is None or profile.erased_at is not None:
        abort(404)
    return profile


def _view(profile: SeekerProfile) -> seeker_matches.SeekerMatchesView:
    return seeker_matches.matches_for(profile, Actor.for_user(current_user, request.remote_addr),
                                      blocked_limit=BLOCKED_SHOWN)


def _review_form(view: seeker_matches.SeekerMatchesView, formdata=None) -> ReviewForm:
    """The request form, about the list as a whole or one opening on this page (or the one named by ?about=ID)."""
    form = ReviewForm(formdata=formdata)
    form.opening.choices = [("", _("My list of matches as a whole"))] + [
        (str(card.opening.id), f"{card.opening.title} — {card.opening.city}") for card in view.matches + view.blocked]
    if formdata is None and request.args.get("about", "").isdigit():
        form.opening.data = request.args["about"]
    return form


def _page(profile: SeekerProfile, view: seeker_matches.SeekerMatchesView, form: ReviewForm):
    return render_template("seeker/matches.html", view=view, form=form, requests=reviews.seeker_requests(profile.id),
                           blocked_shown=BLOCKED_SHOWN, blocked_open=BLOCKED_OPEN, **page_words())


@bp.get("/matches", endpoint="matches")
def my_matches():
    profile = _profile()
    view = _view(profile)
    return _page(profile, view, _review_form(view))


@bp.post("/matches/review")
def review_request():
    profile = _profile()
    view = _view(profile)
    form = _review_form(view, request.form)
    if not form.validate_on_submit():
        return _page(profile, view, form)  # what they typed stays, with the error beside it
    opening = db.session.get(Opening, int(form.opening.data)) if form.opening.data else None
    try:
        reviews.request_review(profile, opening, form.message.data,
                               Actor.for_user(current_user, request.remote_addr))
    except reviews.ReviewRefused as refused:
        flash(refusal(refused.code), "warning")
        return _page(profile, view, form)
    flash(_("Your request is sent. A person at Disnaker will check your ranking and answer here."), "success")
    return redirect(url_for(".matches", _anchor="reviews"))
