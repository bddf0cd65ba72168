"""Seeker pages: report my condition from abroad in a minute, and set the safe word.

The answer page and flash are chosen from the button the worker pressed, never from what was
recorded: with the safe word, "all well" looks exactly like "all well".
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from app.domain import checkins as rules
from app.services import checkins
from app.services.audit import Actor
from app.web.forms import BaseForm
from app.web.seeker import bp

# What the worker reads after sending, by the button they pressed.
THANKS = {
    "ok": _l("Thank you. Your report has been sent."),
    "concern": _l("Thank you. Your report has been sent. A coordinator will read your message."),
    "distress": _l("Your request for help has been sent. A coordinator will contact you as soon as possible."),
}
SAFE_WORD_PROBLEMS = {
    rules.SAFE_WORD_TOO_SHORT: _l("Use at least %(min)s letters."),
    rules.SAFE_WORD_TOO_LONG: _l("Use at most %(max)s letters."),
    rules.SAFE_WORD_ONE_WORD: _l("Use one word, without spaces or dashes."),
    rules.SAFE_WORDS_DIFFER: _l("The two safe words are not the same."),
    rules.SAFE_WORD_TOO_PLAIN: _l("This word is too common: you might type it by chance. Choose another."),
    checkins.WRONG_PASSWORD: _l("Your password is not right."),
}


class CheckinForm(BaseForm):
    """The answer comes from the button pressed (name="answer")."""
    answer = StringField(validators=[InputRequired(), AnyOf(rules.ANSWERS)])
    message = TextAreaField(_l("Message (optional)"), validators=[Optional(), Length(max=checkins.MESSAGE_MAX)],
                            description=_l("Write in your own words, in any language."))


class SafeWordForm(BaseForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired()])
    word = PasswordField(_l("New safe word"), validators=[InputRequired(), Length(max=100)],
                         description=_l("One word that only you and Disnaker know."))
    repeated = PasswordField(_l("The safe word again"), validators=[InputRequired(), Length(max=100)])


def _safe_word_problem(code: str) -> str:
    words = SAFE_WORD_PROBLEMS.get(code)
    return str(words) % {"min": rules.SAFE_WORD_MIN, "max": rules.SAFE_WORD_MAX} if words else code


def _profile():
    if current_user.seeker is None:
        abort(404)
    return current_user.seeker


@bp.route("/checkin", methods=["GET", "POST"])
def checkin():
    profile, form = _profile(), CheckinForm()
    if form.validate_on_submit():
        try:
            checkins.answer(profile, form.answer.data, form.message.data,
                            Actor.for_user(current_user, request.remote_addr))
        except checkins.NoPlacementAbroad:
            abort(404)
        flash(str(THANKS[form.answer.data]), "success")
        return redirect(url_for(".checkin"))
    if request.method == "POST" and checkins.current_placement(profile.id) is None:
        abort(404)
    return render_template("seeker/checkin.html", form=form, status=checkins.status(profile))


@bp.route("/checkin/safe-word", methods=["GET", "POST"])
def safe_word():
    profile, form = _profile(), SafeWordForm()
    if form.validate_on_submit():
        try:
            checkins.set_safe_word(profile, current_user, form.password.data, form.word.data, form.repeated.data,
                                   Actor.for_user(current_user, request.remote_addr))
        except checkins.SafeWordRefused as refused:
            form.form_errors.extend(_safe_word_problem(code) for code in refused.codes)
        else:
            flash(_("Your safe word is saved."), "success")
            return redirect(url_for(".checkin"))
    return render_template("seeker/checkin_safe_word.html", form=form,
                           has_safe_word=profile.safe_word_hash is not None)
