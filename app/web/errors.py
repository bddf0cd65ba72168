"""Friendly error pages in the user's language; JSON for the API."""
from flask import jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have access to this page."),
    404: _l("We could not find that page."),
    405: _l("That action is not allowed here."),
    413: _l("The file is too large."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Please try again later."),
    503: _l("The service is briefly unavailable. Please try again in a moment."),
}
API_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
             405: "method_not_allowed", 413: "too_large", 429: "rate_limited", 500: "server_error",
             503: "unavailable"}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(status: int, message: str | None = None):
    if _wants_json():
        body = {"error": {"code": API_CODES.get(status, "error"), "message": message or str(MESSAGES.get(status, ""))}}
        return make_response(jsonify(body), status)
    page = render_template("errors/error.html", status=status,
                           message=message or str(MESSAGES.get(status, MESSAGES[500])))
    return make_response(page, status)


def register(app) -> None:
    for status in (400, 403, 404, 405, 413, 429, 503):
        app.register_error_handler(status, lambda e, s=status: render_error(s))

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_error(400, _("Your form expired or was sent from elsewhere. Please try again."))

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        # The database is down or restarting: say so honestly and ask the client to retry.
        from flask import g

        from app.extensions import db, login_manager
        db.session.rollback()
        # Rendering must not touch the database again: show the page as to an anonymous visitor.
        g._login_user = login_manager.anonymous_user()
        response = render_error(503)
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(500)
    def server_error(error):
        if isinstance(getattr(error, "original_exception", None), OperationalError):
            # The database went away after the view, while the answer was being finished (an
            # after_request hook reloading the user): still an outage, not our bug.
            return database_unavailable(error.original_exception)
        from app.extensions import db
        db.session.rollback()
        return render_error(500)
