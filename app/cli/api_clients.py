"""`flask api-clients` commands: agencies' API tokens, created and revoked only from the command line."""
import click
from flask.cli import AppGroup

from app.cli.common import command_actor, emit_json, refuse, say
from app.services import api_clients
from app.services.api_clients import ClientRefused

group = AppGroup("api-clients", help="Manage the API tokens of agencies (Immigration offices).")

REFUSALS = {
    "NAME_REQUIRED": "give a name of 1 to 120 characters",
    "NAME_TAKEN": "a client with this name already exists",
    "NO_SCOPE": "give at least one scope: " + ",".join(api_clients.SCOPES),
    "UNKNOWN_SCOPE": "unknown scope (the scopes are " + ",".join(api_clients.SCOPES) + ")",
    "UNKNOWN_CLIENT": "no client with this name",
    "ALREADY_REVOKED": "this client's token is already revoked",
}


def _refuse(refused: ClientRefused) -> None:
    refuse(f"{REFUSALS[refused.code]}: {refused.detail}" if refused.detail else REFUSALS[refused.code])


@group.command("create")
@click.option("--name", required=True, help="The agency, e.g. \"Kantor Imigrasi Pangkalpinang\".")
@click.option("--scopes", required=True, help="Comma-separated: " + ",".join(api_clients.SCOPES) + ".")
@click.option("--by", "by_email", help="The coordinator or admin creating the client, for the audit log.")
def create(name, scopes, by_email):
    """Create a client; its token is printed once, alone on the last line of standard output."""
    actor = command_actor(by_email)
    try:
        client, token = api_clients.create_client(name, api_clients.parse_scopes(scopes), actor)
    except ClientRefused as refused:
        _refuse(refused)
    say(f"created API client {client.name} (id {client.id}) with scopes {client.scopes}")
    say("the token below is shown only this once: give it to the agency over a safe channel")
    click.echo(token)


@group.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_clients(as_json):
    """List clients with their scopes, token prefix and state (never a token)."""
    rows = [{"id": c.id, "name": c.name, "scopes": c.scopes.split(","), "token_prefix": c.token_prefix,
             "created_at": c.created_at, "last_used_at": c.last_used_at, "revoked_at": c.revoked_at}
            for c in api_clients.list_clients()]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = f"revoked {row['revoked_at']:%Y-%m-%d}" if row["revoked_at"] else "active"
        scopes = ",".join(row["scopes"])
        click.echo(f"{row['id']:>4}  {row['token_prefix']:<12}  {state:<18} {scopes:<28} {row['name']}")


@group.command("revoke")
@click.argument("name")
@click.option("--by", "by_email", help="The coordinator or admin revoking the client, for the audit log.")
def revoke(name, by_email):
    """Revoke a client's token: from the next request on it is refused."""
    try:
        client = api_clients.revoke_client(name, command_actor(by_email))
    except ClientRefused as refused:
        _refuse(refused)
    say(f"revoked API client {client.name}")
