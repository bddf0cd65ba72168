"""Coordinator pages: audit_log."""
from app.web.coordinator import bp  # noqa: F401
