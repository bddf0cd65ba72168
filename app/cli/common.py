"""Helpers every command uses to follow the conventions."""
import json
import sys

import click

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """A message for people: to stderr, so --json output stays clean."""
    click.echo(message, err=True)


def emit_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


def refuse(message: str) -> None:
    say(message)
    sys.exit(EXIT_REFUSED)


def command_actor(by_email: str | None):
    """The actor recorded in the audit log for a command: a named coordinator, or the command line."""
    from app.services.audit import Actor, actor_for_user_email
    if by_email:
        actor = actor_for_user_email(by_email)
        if actor is None:
            raise click.UsageError(f"no coordinator or admin with e-mail {by_email}")
        return actor
    return Actor.command_line(" ".join(sys.argv[1:])[:150])
