"""Coordinator pages: placements."""
from app.web.coordinator import bp  # noqa: F401
