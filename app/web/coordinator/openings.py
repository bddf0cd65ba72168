"""Coordinator pages: openings."""
from app.web.coordinator import bp  # noqa: F401
