"""`flask users`: staff accounts only from the command line, following the CLI conventions."""
import json

from sqlalchemy import select

from app.models import AuditEntry, User


def test_create_prints_a_password_once_and_the_account_can_log_in(runner, client, db):
    result = runner.invoke(args=["users", "create", "--role", "coordinator", "--email", "Dewi@Disnaker.example.com",
                                 "--name", "Dewi Lestari"])
    assert result.exit_code == 0, result.output
    password = result.stdout.strip().splitlines()[-1]
    user = db.session.scalar(select(User).where(User.email == "dewi@disnaker.example.com"))
    assert user.role == "coordinator"
    assert client.post("/auth/login", data={"identifier": user.email, "password": password}).status_code == 302
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user_created"))
    assert entry.actor_label.startswith("cli:") and password not in json.dumps(entry.details)


def test_json_output_is_only_json(runner):
    result = runner.invoke(args=["users", "create", "--role", "officer", "--email", "o@imigrasi.example.com",
                                 "--name", "Petugas", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["role"] == "officer"


def test_seekers_and_employers_cannot_be_created_here(runner):
    result = runner.invoke(args=["users", "create", "--role", "seeker", "--email", "s@example.com", "--name", "S"])
    assert result.exit_code == 2


def test_a_taken_email_is_refused_with_exit_1_and_nothing_written(runner, db):
    args = ["users", "create", "--role", "admin", "--email", "a@example.com", "--name", "A"]
    assert runner.invoke(args=args).exit_code == 0
    assert runner.invoke(args=args).exit_code == 1
    assert len(db.session.scalars(select(User)).all()) == 1


def test_by_names_the_coordinator_in_the_audit_log(runner, db, make_user):
    coordinator = make_user("coordinator")
    result = runner.invoke(args=["users", "create", "--role", "officer", "--email", "x@example.com", "--name", "X",
                                 "--by", coordinator.email])
    assert result.exit_code == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user_created"))
    assert entry.actor_id == coordinator.id


def test_by_an_unknown_person_is_a_usage_error(runner):
    result = runner.invoke(args=["users", "create", "--role", "officer", "--email", "y@example.com", "--name", "Y",
                                 "--by", "nobody@example.com"])
    assert result.exit_code == 2
