"""Rows for the API (/api/v1). The matrix logs in as web roles, never with a token: a session is no way into
the token routes, so everyone gets 401 there; the health check and the documentation are public."""
from tests.web.access import everyone

ROWS = {
    "api.health": ("GET", "/api/v1/health", everyone(200)),
    "api.openapi": ("GET", "/api/v1/openapi.json", everyone(200)),
    "api.docs": ("GET", "/api/v1/docs", everyone(200)),
    "api.lookup": ("POST", "/api/v1/lookup", everyone(401)),
    "api.departures": ("GET", "/api/v1/departures", everyone(401)),
    "api.opening": ("GET", "/api/v1/openings/JBT-AAAA-AAAA", everyone(401)),
}
