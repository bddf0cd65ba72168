"""Agencies' API tokens: created once from the command line, stored only as a hash, scoped, revocable."""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select

from app.domain.clock import utcnow
from app.extensions import db
from app.models import ApiClient
from app.services import audit
from app.services.audit import Actor

SCOPES = ("lookup", "departures", "openings")
TOKEN_PREFIX = "jbt_"  # noqa: S105 (a prefix that makes leaked tokens easy to find, not a secret)
NAME_MAX = 120
# Writing `last_used_at` on every call would make every read a write; once a minute is enough to see use.
LAST_USED_EVERY = timedelta(minutes=1)


class ClientRefused(Exception):
    """`code`: NAME_REQUIRED (empty or too long), NAME_TAKEN, NO_SCOPE, UNKNOWN_SCOPE, UNKNOWN_CLIENT
    or ALREADY_REVOKED."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code} {detail}".strip())
        self.code = code
        self.detail = detail


def token_hash(token: str) -> str:
    """SHA-256 of the token, hex: a 256-bit random token needs no slow hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def parse_scopes(raw: str) -> list[str]:
    """`lookup, departures` → ["lookup", "departures"]; refuses an empty list or an unknown scope."""
    scopes = list(dict.fromkeys(s.strip().lower() for s in (raw or "").split(",") if s.strip()))
    if not scopes:
        raise ClientRefused("NO_SCOPE")
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise ClientRefused("UNKNOWN_SCOPE", ", ".join(unknown))
    return scopes


def create_client(name: str, scopes: list[str], by: Actor) -> tuple[ApiClient, str]:
    """A new client and its token; the token is returned once and never stored."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ClientRefused("NAME_REQUIRED")
    if db.session.scalar(select(ApiClient.id).where(ApiClient.name == name)) is not None:
        raise ClientRefused("NAME_TAKEN", name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient(name=name, token_hash=token_hash(token), token_prefix=token[:12], scopes=",".join(scopes))
    db.session.add(client)
    db.session.flush()
    audit.record(by, "api_client_created", client, scopes=scopes, token_prefix=client.token_prefix)
    db.session.commit()
    return client, token


def list_clients() -> list[ApiClient]:
    return list(db.session.scalars(select(ApiClient).order_by(ApiClient.name)))


def revoke_client(name: str, by: Actor) -> ApiClient:
    """Revoke a client's token from the next request on."""
    client = db.session.scalar(select(ApiClient).where(ApiClient.name == (name or "").strip()))
    if client is None:
        raise ClientRefused("UNKNOWN_CLIENT", name)
    if client.revoked_at is not None:
        raise ClientRefused("ALREADY_REVOKED", name)
    client.revoked_at = utcnow()
    audit.record(by, "api_client_revoked", client)
    db.session.commit()
    return client


def authenticate(token: str | None) -> ApiClient | None:
    """The unrevoked client holding this token, or None; notes its use at most once a minute."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    client = db.session.scalar(select(ApiClient).where(ApiClient.token_hash == token_hash(token),
                                                       ApiClient.revoked_at.is_(None)))
    if client is not None and (client.last_used_at is None or utcnow() - client.last_used_at > LAST_USED_EVERY):
        client.last_used_at = utcnow()
        db.session.commit()
    return client
