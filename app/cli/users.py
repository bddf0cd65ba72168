"""`flask users` commands: staff accounts are created here, never through the web."""
import secrets
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.cli.common import command_actor, emit_json, refuse, say
from app.domain.vocab import STAFF_ROLES
from app.extensions import db
from app.models import User
from app.services import audit
from app.services.accounts import AccountError, create_user

group = AppGroup("users", help="Manage staff accounts (coordinator, officer, admin).")


@group.command("create")
@click.option("--role", required=True, type=click.Choice([r.value for r in STAFF_ROLES]))
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--by", "by_email", help="The coordinator or admin creating the account, for the audit log.")
@click.option("--json", "as_json", is_flag=True)
def create(role, email, display_name, password_stdin, by_email, as_json):
    """Create a staff account; without --password-stdin a random password is printed once."""
    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(12)
    if len(password) < current_app.config["PASSWORD_MIN_LENGTH"]:
        refuse(f"password too short: at least {current_app.config['PASSWORD_MIN_LENGTH']} characters")
    actor = command_actor(by_email)
    try:
        user = create_user(email, password, role, display_name)
    except AccountError:
        refuse(f"an account with e-mail {email} already exists")
    db.session.flush()
    audit.record(actor, "user_created", user, role=role)
    db.session.commit()
    if as_json:
        emit_json({"id": user.id, "email": user.email, "role": user.role,
                   "password": None if password_stdin else password})
    else:
        say(f"created {role} {user.email} (id {user.id})")
        if not password_stdin:
            click.echo(password)


@group.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_users(as_json):
    """List staff accounts (no seekers or employers)."""
    users = db.session.scalars(select(User).where(User.role.in_([r.value for r in STAFF_ROLES])).order_by(User.id))
    rows = [{"id": u.id, "email": u.email, "role": u.role, "name": u.display_name, "enabled": u.is_enabled}
            for u in users]
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            click.echo(f"{row['id']:>5}  {row['role']:<12} {row['email']}  {row['name']}")


@group.command("disable")
@click.argument("email")
@click.option("--by", "by_email")
def disable(email, by_email):
    """Disable an account: it can no longer log in."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        refuse(f"no account with e-mail {email}")
    user.is_enabled = False
    audit.record(command_actor(by_email), "user_disabled", user)
    db.session.commit()
    say(f"disabled {user.email}")
