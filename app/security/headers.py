"""Security headers through Flask-Talisman: a CSP with no inline script, nosniff, framing off."""
from flask import request
from flask_login import current_user

from app.extensions import talisman

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_security_headers(app) -> None:
    talisman.init_app(
        app,
        content_security_policy=CSP,
        force_https=app.config.get("FORCE_HTTPS", False),
        strict_transport_security=app.config.get("SESSION_COOKIE_SECURE", False),
        session_cookie_secure=app.config.get("SESSION_COOKIE_SECURE", False),
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        x_content_type_options=True,
    )

    @app.after_request
    def no_store_for_personal_pages(response):
        # Anything behind a login, any page shown to a logged-in user (it names them), and every
        # API answer may hold personal data: never cache it.
        # The app's own static files (endpoint "static", no blueprint) hold nothing personal: marked no-store
        # for a logged-in user, every page would download its CSS and JS again on a cheap phone.
        if request.endpoint == "static":
            return response
        personal = request.blueprint not in (None, "public") or request.path.startswith("/api/")
        if personal or current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
