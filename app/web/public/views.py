"""Public pages: no login needed."""
from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.services import accounts_prefs, catalogue
from app.web.public import bp
from app.web.safety import safe_next


@bp.get("/")
def home():
    return render_template(
        "public/home.html",
        openings_count=catalogue.approved_openings_count(),
        cohorts=catalogue.upcoming_cohorts(limit=5),
        cohorts_count=catalogue.upcoming_cohorts_count(),
    )


@bp.post("/language")
def set_language():
    """Switch the interface language for this browser and, when logged in, for the account."""
    locale = request.form.get("locale", "")
    if locale not in current_app.config["LANGUAGES"]:
        abort(400)
    session["locale"] = locale
    if current_user.is_authenticated:
        accounts_prefs.set_locale(current_user._get_current_object(), locale)
    return redirect(safe_next(request.form.get("next")) or url_for("public.home"), code=303)
