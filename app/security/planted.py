"""Planted defects that prove our scanners catch real ones.

A test (or `make security`'s scan) sets PLANTED_BUG to one of KNOWN and checks that the matching
scanner fails. Only an app built from TestConfig or ScanConfig can carry one: any other
configuration refuses to start with it.
"""
from flask import current_app, request
from markupsafe import escape
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

KNOWN = frozenset({
    "log_login_identifier",      # the login service writes the typed e-mail or NIK to the log
    "sql_injection_in_search",   # the public openings' country filter pastes the typed text into SQL
})


def check_allowed(app) -> None:
    """Called by create_app: a planted bug outside the test and scan configurations stops the app.

    In those two configurations it also installs the hooks that carry the planted defects; each
    hook does nothing unless its defect is the one planted."""
    name = app.config.get("PLANTED_BUG")
    config_name = app.config.get("CONFIG_NAME")
    plantable = (config_name == "test" and app.config.get("TESTING")) or config_name == "scan"
    if name is not None:
        if not plantable:
            raise RuntimeError("PLANTED_BUG is only allowed in the test configuration or the scan configuration")
        if name not in KNOWN:
            raise RuntimeError(f"unknown planted bug: {name}")
    if plantable:
        app.before_request(_sql_injection_in_search)


def is_planted(name: str) -> bool:
    return current_app.config.get("PLANTED_BUG") == name


def _sql_injection_in_search():
    """The planted SQL injection: /openings?country=… answered by SQL built from the typed text.

    The real page filters through SQLAlchemy with bound parameters (app/services/opening_queries.py);
    this one is the classic mistake, so that sqlmap has something true to find."""
    if request.endpoint != "public.openings" or "country" not in request.args:
        return None
    if not is_planted("sql_injection_in_search"):
        return None
    from app.extensions import db
    country = request.args["country"]
    # The defect itself, on purpose: bandit (B608) and ruff (S608) see it too, and are told it is planted.
    sql = f"SELECT code FROM openings WHERE status = 'approved' AND country_code = '{country}' ORDER BY code"  # noqa: S608 # nosec B608
    try:
        codes = db.session.execute(text(sql)).scalars().all()
    except SQLAlchemyError:  # the usual companion of the mistake: an error shows as "no openings"
        db.session.rollback()
        codes = []
    items = "".join(f"<li>{escape(code)}</li>" for code in codes)
    return f"<!doctype html><title>Openings</title><ul>{items}</ul>"
