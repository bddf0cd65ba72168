"""Planted defects that prove our scanners catch real ones.

A test sets PLANTED_BUG to one of KNOWN and checks that the matching scanner fails. Only an
app built from TestConfig can carry one: any other configuration refuses to start with it.
"""
from flask import current_app

KNOWN = frozenset({
    "log_login_identifier",   # the login service writes the typed e-mail or NIK to the log
})


def check_allowed(app) -> None:
    """Called by create_app: a planted bug outside the test configuration stops the app."""
    name = app.config.get("PLANTED_BUG")
    if name is None:
        return
    if not (app.config.get("TESTING") and app.config.get("CONFIG_NAME") == "test"):
        raise RuntimeError("PLANTED_BUG is only allowed in the test configuration")
    if name not in KNOWN:
        raise RuntimeError(f"unknown planted bug: {name}")


def is_planted(name: str) -> bool:
    return current_app.config.get("PLANTED_BUG") == name
