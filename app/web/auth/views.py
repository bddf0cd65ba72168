"""Sign-up, login, logout, password change and reset."""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.extensions import limiter
from app.services import accounts, registration
from app.services import notifications as notification_service
from app.web.auth import bp
from app.web.auth.choices import partner_city_choices, place_choices, sector_choices, split_place
from app.web.auth.forms import (
    ChangePasswordForm,
    EmployerRegistrationForm,
    LoginForm,
    ResetPasswordForm,
    ResetRequestForm,
    SeekerRegistrationForm,
)
from app.web.guards import home_for
from app.web.messages import ACCOUNT_ERRORS, attach_problems
from app.web.safety import safe_next


def _only_failures(response) -> bool:
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], deduct_when=_only_failures)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.identifier.data, form.password.data, request.remote_addr)
        except accounts.AccountError as refused:
            form.form_errors.append(str(ACCOUNT_ERRORS[refused.code]))
        else:
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    accounts.end_session(current_user._get_current_object(), request.remote_addr)
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("public.home"))


@bp.route("/register", methods=["GET", "POST"])
def register_seeker():
    form = SeekerRegistrationForm()
    form.place.choices = place_choices()
    if form.validate_on_submit():
        kelurahan, regency = split_place(form.place.data)
        signup = registration.SeekerSignup(
            nik=form.nik.data, full_name=form.full_name.data, birth_date=form.birth_date.data,
            gender=form.gender.data, password=form.password.data, consent_matching=form.consent_matching.data,
            kelurahan_code=kelurahan, regency_code=regency, phone=form.phone.data, email=form.email.data,
            guardian_consent=form.guardian_consent.data, locale=str(request.accept_languages.best or "id")[:2])
        try:
            user = registration.register_seeker(signup, request.remote_addr)
        except registration.RegistrationRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _welcome(user)
    return render_template("auth/register_seeker.html", form=form)


@bp.route("/register/employer", methods=["GET", "POST"])
def register_employer():
    form = EmployerRegistrationForm()
    form.partner_city_id.choices = partner_city_choices()
    form.sector_code.choices = sector_choices()
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in (
            "email", "password", "contact_person", "legal_name", "partner_city_id", "registration_number",
            "address", "sector_code", "website", "contact_phone")}
        try:
            user = registration.register_employer(registration.EmployerSignup(**fields), request.remote_addr)
        except registration.RegistrationRefused as refused:
            attach_problems(form, refused.problems)
        else:
            return _welcome(user)
    return render_template("auth/register_employer.html", form=form)


def _welcome(user):
    login_user(accounts.open_session(user, request.remote_addr))
    flash(_("Welcome to Jembatan! Your account is ready."), "success")
    return redirect(home_for(user))


@bp.get("/notifications")
@login_required
def notifications():
    user = current_user._get_current_object()
    shown = [(n, notification_service.message_text(n.kind, n.params)) for n in notification_service.recent_for(user)]
    return render_template("auth/notifications.html", notifications=shown)


@bp.post("/notifications/read")
@login_required
def notifications_read():
    notification_service.mark_all_read(current_user._get_current_object())
    return redirect(url_for("auth.notifications"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user._get_current_object(), form.current.data, form.password.data,
                                     request.remote_addr)
        except accounts.AccountError as refused:
            form.current.errors = [str(ACCOUNT_ERRORS[refused.code])]
        else:
            flash(_("Your password is changed."), "success")
            return redirect(home_for(current_user))
    return render_template("auth/change_password.html", form=form)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.request_password_reset(
            form.email.data, lambda token: url_for("auth.reset_password", token=token, _external=True))
        flash(_("If an account has this e-mail, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/request_reset.html", form=form)


@bp.route("/reset/confirm", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def reset_password():
    # The token arrives in the query string (which our access log never records) and then
    # lives in the signed session, so it appears in no further URL.
    if request.method == "GET" and request.args.get("token"):
        session["reset_token"] = request.args["token"]
        return redirect(url_for("auth.reset_password"))
    token = session.get("reset_token", "")
    if accounts.user_for_reset_token(token) is None:
        flash(str(ACCOUNT_ERRORS["bad_token"]), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(token, form.password.data, request.remote_addr)
        session.pop("reset_token", None)
        flash(_("Your password is changed. Log in with the new one."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
