"""Who is calling the API, and may they do this: bearer tokens with scopes, and a rate limit per client."""
from functools import wraps

from flask import current_app, g, request

from app.extensions import limiter
from app.services import api_clients
from app.services.audit import Actor
from app.web.api import serialise

DEFAULT_RATE_LIMIT = "120 per minute"


def _bearer() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def require_token(scope: str):
    """No, an invalid or a revoked token: 401 with WWW-Authenticate; a token without the scope: 403."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            token = _bearer()
            client = api_clients.authenticate(token)
            if client is None:
                response = serialise.error(401, "unauthorized", "Send a valid token: Authorization: Bearer TOKEN.")
                response.headers["WWW-Authenticate"] = 'Bearer realm="jembatan"' + (
                    ', error="invalid_token"' if token else "")
                return response
            if not client.has_scope(scope):
                response = serialise.error(403, "forbidden", f"This token does not carry the scope '{scope}'.")
                response.headers["WWW-Authenticate"] = f'Bearer realm="jembatan", error="insufficient_scope", ' \
                                                       f'scope="{scope}"'
                return response
            g.api_client_id = client.id
            return view(*args, **kwargs)
        return guarded
    return decorate


def caller() -> Actor:
    """The authenticated client, as the audit log names it."""
    return Actor.api_client(g.api_client_id, request.remote_addr)


def _client_key() -> str:
    return f"api-client:{g.api_client_id}"


def rate_limit() -> str:
    """Each client's budget across the API, e.g. \"120 per minute\" (config API_RATE_LIMIT)."""
    return current_app.config.get("API_RATE_LIMIT", DEFAULT_RATE_LIMIT)


# One budget per client across every endpoint; checked after require_token has identified the client.
rate_limited = limiter.shared_limit(rate_limit, scope="api-client", key_func=_client_key)
