"""Fixtures shared by every layer: an app on a fresh database, clients, and factories.

SQLite by default; with TEST_DATABASE_URL=postgresql://… the same suite runs on PostgreSQL
in a database created for this run and dropped after it.
"""
import contextvars
import logging
import os
import uuid

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig, normalise_database_url
from app.extensions import db as _db

# Reference tables are loaded once per run and kept; everything else is emptied after each test.
REFERENCE_TABLES = {
    "provinces", "regencies", "kecamatan", "kelurahan", "occupations", "occupation_titles", "sectors",
    "education_levels", "kkni_levels", "certification_schemes", "language_tests", "language_levels",
    "skills", "skill_aliases", "destination_rules", "alembic_version",
}


def _postgres_database(base_url: str):
    """Create a throwaway database beside the one named in TEST_DATABASE_URL; return its URL and a dropper."""
    url = make_url(normalise_database_url(base_url))
    name = f"jembatan_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context and database session, as in production, even when
    the test itself holds an app context; afterwards the test's session forgets what it had loaded."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            _db.session.expire_all()
        return response


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a log line we cannot format is still not a test failure
            self.lines.append(str(record.msg))


@pytest.fixture(scope="session", autouse=True)
def logs_without_personal_data():
    """After the whole run, no log line holds a NIK, passport number or password the tests used."""
    handler = _Collect()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)
    from tests.factories import SENSITIVE
    from tests.security.log_scan import find_sensitive
    leaked = find_sensitive("\n".join(handler.lines), SENSITIVE)
    assert leaked == [], f"personal data or secrets in the logs: {leaked}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith(("postgres://", "postgresql")):
        url, drop = _postgres_database(base)
        yield url
        drop()
    else:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    application = create_app(TestConfig, {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "UPLOAD_FOLDER": str(instance / "uploads"),
        "MAIL_OUTBOX": str(instance / "outbox"),
    })
    application.test_client_class = IsolatedClient
    with application.app_context():
        # The schema comes from the migrations, as in production: a model change without
        # its migration fails the suite (see tests/services/test_migrations.py).
        from flask_migrate import upgrade
        upgrade()
        from app.services.reference import load_reference
        load_reference()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    with application.app_context():
        _db.session.remove()
        tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
        with _db.engine.begin() as conn:
            # Coordinators may extend the vocabulary; drop what a test added beyond the reference load.
            conn.execute(text("DELETE FROM skill_aliases WHERE skill_id IN "
                              "(SELECT id FROM skills WHERE added_by_id IS NOT NULL)"))
            conn.execute(text("DELETE FROM skills WHERE added_by_id IS NOT NULL"))
            if conn.dialect.name == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables) + " RESTART IDENTITY"))
            else:
                for table in tables:
                    conn.execute(table.delete())
        from app.extensions import limiter
        limiter.reset()
        # The tables were emptied behind the changes feed's back: no matrix may outlive the test.
        application.extensions.pop("jembatan.matcher", None)
        application.extensions.pop("jembatan.matcher.openings", None)


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    from tests.factories import make_user as factory

    def make(role="seeker", **overrides):
        """A committed user, detached with its columns loaded so tests can read them anywhere."""
        with app.app_context():
            user = factory(role, **overrides)
            _db.session.refresh(user)
            _db.session.expunge(user)
            return user
    return make


@pytest.fixture
def login_as(app, client):
    """Log the test client in as a new user of a role (or a given user); returns the user's id."""
    from tests.factories import PASSWORD
    from tests.factories import make_user as factory

    def login(role_or_user="seeker", **overrides):
        with app.app_context():
            user = factory(role_or_user, **overrides) if isinstance(role_or_user, str) else role_or_user
            email, user_id = user.email, user.id
        response = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
        assert response.status_code == 302, response.data[:500]
        return user_id
    return login
