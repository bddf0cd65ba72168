"""When the database goes away between a request's commit and its answer, the answer still goes out (or is 503).

Found by `make faults`: a case note was committed, PostgreSQL crashed before the request ended, and the
rollback of the request's last (read-only) transaction failed in the session teardown; raised from a
teardown, that error replaced the finished 302 with a bare 500 from gunicorn.
"""
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.extensions import db as _db
from app.models import CaseNote
from tests.factories import make_user
from tests.services.helpers_monitoring import make_case, worker_abroad


def _connection_dies_at_the_next_close(monkeypatch) -> list[str]:
    """The next Session.close ends the session, then fails as a rollback on a dead connection does."""
    original_close, failed = Session.close, []

    def close_on_a_dead_connection(session):
        original_close(session)
        if not failed:
            failed.append("ROLLBACK")
            raise OperationalError("ROLLBACK", {}, ConnectionError("server closed the connection unexpectedly"))
    monkeypatch.setattr(Session, "close", close_on_a_dead_connection)
    return failed


def test_a_connection_lost_after_the_commit_leaves_the_saved_notes_answer_intact(db, client, login_as, monkeypatch,
                                                                                 caplog):
    coordinator = make_user("coordinator")
    case_id = make_case(worker_abroad(), coordinator).id
    login_as(coordinator)
    failed = _connection_dies_at_the_next_close(monkeypatch)
    response = client.post(f"/coordinator/cases/{case_id}/notes", data={"text": "Called the worker's family."})
    assert failed == ["ROLLBACK"]
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/coordinator/cases/{case_id}#timeline")
    assert "database connection lost while ending a request (ConnectionError)" in caplog.text
    assert _db.session.scalars(select(CaseNote.text)).all() == ["Called the worker's family."]


def test_the_next_request_gets_a_fresh_session(db, client, login_as, monkeypatch):
    login_as("coordinator")
    _connection_dies_at_the_next_close(monkeypatch)
    assert client.get("/coordinator/placements").status_code == 200
    assert client.get("/coordinator/placements").status_code == 200


def test_a_database_lost_while_the_answer_is_being_finished_still_answers_503(db, app, client, monkeypatch):
    """An after_request hook that needs the database (the user, expired by a commit) fails: 503, not 500."""
    import app.security.headers as headers

    class UserOfALostDatabase:
        @property
        def is_authenticated(self):
            raise OperationalError("SELECT users", {}, ConnectionError("server closed the connection unexpectedly"))

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    monkeypatch.setattr(headers, "current_user", UserOfALostDatabase())
    response = client.get("/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
