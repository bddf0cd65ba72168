"""Planted defects: the scanners catch them, and no real configuration can carry one."""
import logging

import pytest

from app import create_app
from app.config import DevelopmentConfig, TestConfig
from tests.factories import SENSITIVE
from tests.security.log_scan import find_sensitive


def test_a_planted_bug_cannot_be_enabled_outside_the_test_configuration(tmp_path, monkeypatch):
    monkeypatch.setenv("JEMBATAN_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="only allowed in the test configuration"):
        create_app(DevelopmentConfig, {"PLANTED_BUG": "log_login_identifier"})


def test_an_unknown_planted_bug_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="unknown planted bug"):
        create_app(TestConfig, {"PLANTED_BUG": "no_such_bug",
                                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_the_log_check_catches_a_login_that_logs_the_nik(app, client, make_user, monkeypatch, caplog):
    user = make_user("seeker")
    from app.extensions import db
    from app.models import SeekerProfile
    from app.security.crypto import decrypt
    with app.app_context():
        nik = decrypt(db.session.query(SeekerProfile).filter_by(user_id=user.id).one().nik_encrypted)
    monkeypatch.setitem(app.config, "PLANTED_BUG", "log_login_identifier")
    with caplog.at_level(logging.INFO):
        client.post("/auth/login", data={"identifier": nik, "password": "whatever it is"})
    assert find_sensitive(caplog.text, SENSITIVE) != []
    # Take the planted line out of the session-wide log check: it was put there on purpose.
    for handler in logging.getLogger().handlers:
        if hasattr(handler, "lines"):
            handler.lines[:] = [line for line in handler.lines if nik not in line]


def test_without_the_planted_bug_a_login_logs_no_identifier(app, client, make_user, caplog):
    user = make_user("seeker")
    with caplog.at_level(logging.DEBUG):
        client.post("/auth/login", data={"identifier": user.email, "password": "whatever it is"})
    assert user.email not in caplog.text
