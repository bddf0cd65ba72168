"""Coordinator pages: destinations."""
from app.web.coordinator import bp  # noqa: F401
