"""Seeker pages: the profile (education, experience, skills, languages, preferences) and skill suggestions."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import talisman
from app.models import SeekerProfile
from app.services import profile as profiles
from app.services import profile_languages as languages
from app.services import profile_preferences as preferences
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.profile import NotTheirs, ProfileRefused
from app.services.profile_overview import profile_overview
from app.web.files import FILE_CSP, send_upload
from app.web.seeker import bp
from app.web.seeker.profile_forms import (
    BasicsForm,
    ExperienceForm,
    LanguageForm,
    PreferencesForm,
    SkillsForm,
    attach_problems,
)


def _seeker() -> SeekerProfile:
    if current_user.seeker is None:
        abort(404)
    return current_user.seeker


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _locale() -> str:
    return str(get_locale())


def _saved(endpoint: str, message: str):
    flash(message, "success")
    return redirect(url_for(endpoint))


@bp.get("/profile")
def profile():
    seeker = _seeker()
    return render_template("seeker/profile.html", profile=seeker, level_name=languages.level_name,
                           overview=profile_overview(seeker, _locale(), local_today()))


@bp.route("/profile/education", methods=["GET", "POST"])
def profile_education():
    seeker = _seeker()
    form = BasicsForm(obj=seeker)
    form.education_code.choices = [("", _("Choose…"))] + [
        (e.code, e.name_id if _locale() == "id" else e.name_en) for e in profiles.education_levels()]
    if form.validate_on_submit():
        try:
            profiles.update_basics(seeker, form.education_code.data, form.phone.data, _actor())
        except ProfileRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _saved(".profile", _("Your profile is saved."))
    return render_template("seeker/profile_education.html", form=form)


@bp.route("/profile/experience", methods=["GET", "POST"])
def profile_experience():
    seeker = _seeker()
    form = ExperienceForm()
    if form.validate_on_submit():
        try:
            profiles.add_experience(seeker, form.title.data, form.place.data, form.total_months(), _actor())
        except ProfileRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _saved(".profile_experience", _("Experience added."))
    return render_template("seeker/profile_experience.html", form=form, profile=seeker)


@bp.post("/profile/experience/<int:experience_id>/delete")
def profile_experience_delete(experience_id: int):
    try:
        profiles.delete_experience(_seeker(), experience_id, _actor())
    except NotTheirs:
        abort(404)
    return _saved(".profile_experience", _("Experience removed."))


@bp.route("/profile/skills", methods=["GET", "POST"])
def profile_skills():
    seeker = _seeker()
    form = SkillsForm()
    if form.validate_on_submit():
        try:
            added = profiles.add_skills(seeker, form.skills.data, _actor())
        except ProfileRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _saved(".profile_skills", _("Skills added.") if added else _("You already had these skills."))
    return render_template("seeker/profile_skills.html", form=form, skills=profiles.labelled_skills(seeker, _locale()),
                           vocabulary=profiles.skill_vocabulary(_locale()))


@bp.post("/profile/skills/<int:skill_id>/delete")
def profile_skill_delete(skill_id: int):
    try:
        profiles.remove_skill(_seeker(), skill_id, _actor())
    except NotTheirs:
        abort(404)
    return _saved(".profile_skills", _("Skill removed."))


@bp.get("/skills/suggest")
def skill_suggestions():
    """JSON for the skills box: vocabulary skills matching what was typed so far."""
    query = request.args.get("q", "")[:120]
    return jsonify(suggestions=profiles.skill_suggestions(query, _locale()))


def _level_choices() -> dict:
    groups = {f"{t.language} — {t.code}": [(level.id, languages.level_name(level)) for level in t.levels]
              for t in languages.language_tests()}
    return {"": [(0, _("Choose…"))], **groups}


@bp.route("/profile/languages", methods=["GET", "POST"])
def profile_languages():
    seeker = _seeker()
    form = LanguageForm()
    form.level_id.choices = _level_choices()
    if form.validate_on_submit():
        scan = form.certificate.data
        certificate = (scan.read(), scan.filename) if scan and scan.filename else None
        try:
            languages.add_language(seeker, form.level_id.data, form.tested_on.data, certificate, _actor(),
                                   local_today())
        except ProfileRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _saved(".profile_languages", _("Language added."))
    return render_template("seeker/profile_languages.html", form=form, profile=seeker,
                           level_name=languages.level_name)


@bp.post("/profile/languages/<int:language_id>/delete")
def profile_language_delete(language_id: int):
    try:
        languages.delete_language(_seeker(), language_id, _actor())
    except NotTheirs:
        abort(404)
    return _saved(".profile_languages", _("Language removed."))


@bp.get("/profile/languages/<int:language_id>/certificate")
@talisman(content_security_policy=FILE_CSP)
def profile_language_certificate(language_id: int):
    try:
        return send_upload(languages.language_certificate(_seeker(), language_id))
    except NotTheirs:
        abort(404)


@bp.route("/profile/preferences", methods=["GET", "POST"])
def profile_preferences():
    seeker = _seeker()
    today = local_today()
    countries = preferences.country_choices(_locale(), today)
    form = PreferencesForm(data=None if request.method == "POST" else {
        "countries": [p.country_code for p in seeker.preferred_countries],
        "sectors": [p.sector_code for p in seeker.preferred_sectors]})
    form.countries.choices = [(c.code, c.name) for c in countries]
    form.sectors.choices = sorted(((s.code, s.name_id if _locale() == "id" else s.name_en)
                                   for s in preferences.sectors()), key=lambda choice: choice[1].casefold())
    if form.validate_on_submit():
        try:
            preferences.set_preferences(seeker, form.countries.data or [], form.sectors.data or [], _actor(), today)
        except ProfileRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _saved(".profile", _("Your preferences are saved."))
    return render_template("seeker/profile_preferences.html", form=form, countries=countries,
                           blocked=preferences.blocked_countries(_locale(), today))
