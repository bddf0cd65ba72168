"""API clients: a token shown once and stored only as a hash, scoped, revocable; `flask api-clients`."""
import hashlib
import json

import pytest
from sqlalchemy import select

from app.domain.clock import utcnow
from app.models import ApiClient, AuditEntry
from app.services import api_clients
from app.services.api_clients import ClientRefused
from app.services.audit import Actor

ACTOR = Actor.command_line("test")


def test_a_new_client_gets_a_prefixed_token_and_only_its_hash_is_stored(db):
    client, token = api_clients.create_client("Kantor Imigrasi Pangkalpinang", ["lookup"], ACTOR)
    assert token.startswith("jbt_") and len(token) >= 40
    stored = db.session.get(ApiClient, client.id)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.token_prefix == token[:12] and stored.scopes == "lookup"
    assert token not in json.dumps([e.details for e in db.session.scalars(select(AuditEntry))])


def test_two_clients_never_share_a_token(db):
    _, first = api_clients.create_client("A", ["lookup"], ACTOR)
    _, second = api_clients.create_client("B", ["lookup"], ACTOR)
    assert first != second


def test_a_token_authenticates_its_client_until_revoked(db):
    client, token = api_clients.create_client("Kanim", ["lookup", "openings"], ACTOR)
    assert api_clients.authenticate(token).id == client.id
    api_clients.revoke_client("Kanim", ACTOR)
    assert api_clients.authenticate(token) is None
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["api_client_created", "api_client_revoked"]


@pytest.mark.parametrize("token", [None, "", "jbt_not-a-token", "Bearer x", "x" * 500, "jbt_" + "a" * 300])
def test_anything_but_a_real_token_authenticates_nobody(db, token):
    api_clients.create_client("Kanim", ["lookup"], ACTOR)
    assert api_clients.authenticate(token) is None


def test_using_a_token_notes_when_it_was_last_used(db):
    client, token = api_clients.create_client("Kanim", ["lookup"], ACTOR)
    before = utcnow()
    api_clients.authenticate(token)
    assert db.session.get(ApiClient, client.id).last_used_at >= before


@pytest.mark.parametrize("raw, scopes", [
    ("lookup", ["lookup"]),
    ("lookup, departures ,openings", ["lookup", "departures", "openings"]),
    ("LOOKUP,lookup", ["lookup"]),
])
def test_scopes_are_read_from_a_comma_separated_list(raw, scopes):
    assert api_clients.parse_scopes(raw) == scopes


@pytest.mark.parametrize("raw, code", [("", "NO_SCOPE"), (" , ", "NO_SCOPE"), ("lookup,admin", "UNKNOWN_SCOPE")])
def test_no_scope_or_an_unknown_scope_is_refused(raw, code):
    with pytest.raises(ClientRefused) as refused:
        api_clients.parse_scopes(raw)
    assert refused.value.code == code


@pytest.mark.parametrize("name, code", [("Kanim", "NAME_TAKEN"), ("  ", "NAME_REQUIRED"), ("x" * 121, "NAME_REQUIRED")])
def test_a_taken_or_empty_name_is_refused(db, name, code):
    api_clients.create_client("Kanim", ["lookup"], ACTOR)
    with pytest.raises(ClientRefused) as refused:
        api_clients.create_client(name, ["lookup"], ACTOR)
    assert refused.value.code == code


def test_revoking_twice_or_an_unknown_client_is_refused(db):
    api_clients.create_client("Kanim", ["lookup"], ACTOR)
    api_clients.revoke_client("Kanim", ACTOR)
    for name, code in (("Kanim", "ALREADY_REVOKED"), ("Nobody", "UNKNOWN_CLIENT")):
        with pytest.raises(ClientRefused) as refused:
            api_clients.revoke_client(name, ACTOR)
        assert refused.value.code == code


# --- flask api-clients ---------------------------------------------------------------------------

def create(runner, *extra):
    return runner.invoke(args=["api-clients", "create", "--name", "Kantor Imigrasi Pangkalpinang",
                               "--scopes", "lookup,departures,openings", *extra])


def test_create_prints_the_token_once_alone_on_the_last_line_and_stores_only_its_hash(runner, db):
    result = create(runner)
    assert result.exit_code == 0, result.output
    token = result.stdout.splitlines()[-1]
    assert token.startswith("jbt_") and token == token.strip() and " " not in token
    client = db.session.scalar(select(ApiClient))
    assert client.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (client.token_hash, client.token_prefix)
    assert api_clients.authenticate(token).id == client.id
    listed = runner.invoke(args=["api-clients", "list"])
    assert listed.exit_code == 0 and "Kantor Imigrasi Pangkalpinang" in listed.stdout
    assert client.token_prefix in listed.stdout and token not in listed.stdout


def test_list_as_json_names_scopes_and_state_but_never_a_token(runner, db):
    token = create(runner).stdout.splitlines()[-1]
    rows = json.loads(runner.invoke(args=["api-clients", "list", "--json"]).stdout)
    assert [(r["name"], r["scopes"], r["revoked_at"]) for r in rows] == [
        ("Kantor Imigrasi Pangkalpinang", ["lookup", "departures", "openings"], None)]
    assert token not in json.dumps(rows)


def test_revoke_refuses_the_token_from_then_on(runner, db):
    token = create(runner).stdout.splitlines()[-1]
    result = runner.invoke(args=["api-clients", "revoke", "Kantor Imigrasi Pangkalpinang"])
    assert result.exit_code == 0
    assert api_clients.authenticate(token) is None
    assert "revoked" in runner.invoke(args=["api-clients", "list"]).stdout


@pytest.mark.parametrize("args", [
    ["api-clients", "create", "--name", "X", "--scopes", "lookup,everything"],
    ["api-clients", "create", "--name", "X", "--scopes", ","],
    ["api-clients", "revoke", "Nobody"],
])
def test_refused_input_exits_1_and_writes_nothing(runner, db, args):
    result = runner.invoke(args=args)
    assert result.exit_code == 1 and result.stdout == ""
    assert db.session.scalar(select(ApiClient)) is None


def test_a_second_client_with_the_same_name_is_refused(runner, db):
    assert create(runner).exit_code == 0
    result = create(runner)
    assert result.exit_code == 1 and "already exists" in result.stderr


def test_by_names_the_coordinator_in_the_audit_log(runner, db, make_user):
    coordinator = make_user("coordinator")
    assert create(runner, "--by", coordinator.email).exit_code == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_client_created"))
    assert entry.actor_id == coordinator.id and entry.details["scopes"] == ["lookup", "departures", "openings"]
