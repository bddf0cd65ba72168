"""Engine settings the database needs on every connection, and a session teardown that survives a lost server."""
from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.extensions import db


def _sqlite_pragmas(dbapi_connection, connection_record):
    # SQLite forgets these per connection: foreign keys are off unless asked for, and WAL
    # plus a busy timeout let a web process and a command write without "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def configure_engine_events(app: Flask) -> None:
    """SQLite's per-connection pragmas, and the session teardown below (create_app calls this once)."""
    engine: Engine = db.engine
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first (Flask runs them in reverse).
    if close_session_even_without_server not in app.teardown_appcontext_funcs:
        app.teardown_appcontext(close_session_even_without_server)


def close_session_even_without_server(exc: BaseException | None) -> None:
    """End the request's session; if the database went away meanwhile, drop the session quietly.

    A request may commit (a note is saved) and then read again before its answer is sent (the user,
    expired by the commit, is reloaded for the flash's language): that read opens a transaction which
    the teardown rolls back. Should PostgreSQL restart or crash in between, that rollback fails on a
    dead connection and, raised from a teardown, the error would replace the finished answer with a
    bare 500 although the write was committed. A dead connection has nothing left to roll back (the
    server discarded the transaction with it), so the answer goes out and the connection is thrown away.
    """
    try:
        db.session.remove()
    except DBAPIError as problem:
        current_app.logger.warning("database connection lost while ending a request (%s); the session is discarded",
                    type(problem.orig).__name__ if problem.orig is not None else type(problem).__name__)
        db.session.registry.clear()
