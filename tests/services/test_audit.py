"""The audit log: entries are appended, never changed, and hold no personal values."""
import pytest
from sqlalchemy import select

from app.models import AuditEntry
from app.models.audit import AuditIsAppendOnly
from app.services.audit import Actor, record, record_now


def test_an_entry_records_actor_action_object_and_place(db, make_user):
    user = make_user("coordinator")
    entry = record_now(Actor(user.id, f"coordinator:{user.id}", "10.0.0.7"), "employer_verified",
                       object_type="employers", object_id=42, reason="documents checked")
    stored = db.session.get(AuditEntry, entry.id)
    assert (stored.actor_id, stored.action, stored.object_type, stored.object_id, stored.remote_addr) == (
        user.id, "employer_verified", "employers", "42", "10.0.0.7")
    assert stored.details == {"reason": "documents checked"}


@pytest.mark.parametrize("change", ["update", "delete"])
def test_entries_can_be_neither_changed_nor_deleted(db, change):
    entry = record_now(Actor.system("test"), "something_happened")
    with pytest.raises(AuditIsAppendOnly):
        if change == "update":
            entry.action = "something_else"
        else:
            db.session.delete(entry)
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.id == entry.id)) == "something_happened"


def test_on_postgresql_the_database_itself_refuses_to_change_an_entry(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only; SQLite relies on the ORM guard")
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError
    entry = record_now(Actor.system("test"), "something_happened")
    with pytest.raises(DBAPIError, match="append-only"):
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE audit_entries SET action = 'x' WHERE id = :id"), {"id": entry.id})


def test_a_command_line_actor_is_named_after_the_command():
    assert Actor.command_line("users create --role officer").label == "cli:users create --role officer"


def test_record_adds_to_the_callers_transaction_without_committing(db):
    record(Actor.system("test"), "pending_action")
    db.session.rollback()
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "pending_action")) is None
