"""Coordinator pages: the skills vocabulary, which coordinators extend."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.extensions import db
from app.models import Skill
from app.services import vocabulary
from app.web.auth.choices import sector_choices
from app.web.coordinator import bp
from app.web.forms import BaseForm

WORDS = {
    "REQUIRED": _l("This field is required."),
    "UNKNOWN_SECTOR": _l("Choose a sector from the list."),
    "SPELLING_TAKEN": _l("One of these spellings already belongs to a skill."),
}


class SkillForm(BaseForm):
    term = StringField(_l("Skill (English, as employers write it)"), validators=[DataRequired(), Length(max=120)])
    label_id = StringField(_l("Indonesian label"), validators=[DataRequired(), Length(max=120)])
    sector_code = SelectField(_l("Sector"), validators=[Optional()])
    aliases = StringField(_l("Other spellings, separated by commas"), validators=[Optional(), Length(max=600)],
                          description=_l("Indonesian and English synonyms, common typing variants."))


class AliasForm(BaseForm):
    aliases = StringField(_l("New spellings, separated by commas"), validators=[DataRequired(), Length(max=600)])


def _attach(form, refused) -> None:
    for field, code in refused.problems:
        getattr(form, field).errors = list(getattr(form, field).errors) + [str(WORDS[code])]


@bp.route("/vocabulary", methods=["GET", "POST"], endpoint="vocabulary")
def vocabulary_page():
    form = SkillForm()
    form.sector_code.choices = sector_choices()
    if form.validate_on_submit():
        try:
            skill = vocabulary.add_skill(form.term.data, form.label_id.data, form.sector_code.data,
                                         form.aliases.data, current_user._get_current_object())
        except vocabulary.VocabularyRefused as refused:
            _attach(form, refused)
        else:
            flash(_("The skill \"%(term)s\" is added.", term=skill.term), "success")
            return redirect(url_for(".vocabulary"))
    query = request.args.get("q", "")[:120]
    return render_template("coordinator/vocabulary.html", form=form, skills=vocabulary.list_skills(query),
                           query=query, alias_form=AliasForm(formdata=None))


@bp.post("/vocabulary/<int:skill_id>/aliases")
def vocabulary_aliases(skill_id):
    skill = db.get_or_404(Skill, skill_id)
    form = AliasForm()
    if form.validate_on_submit():
        try:
            added = vocabulary.add_aliases(skill, form.aliases.data, current_user._get_current_object())
        except vocabulary.VocabularyRefused as refused:
            flash(str(WORDS[refused.problems[0][1]]), "error")
        else:
            flash(_("%(count)d spellings added to \"%(term)s\".", count=len(added), term=skill.term), "success")
    else:
        flash(_("Type at least one spelling."), "error")
    return redirect(url_for(".vocabulary", q=skill.term))
