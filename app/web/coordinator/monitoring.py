"""Coordinator pages: monitoring."""
from app.web.coordinator import bp  # noqa: F401
