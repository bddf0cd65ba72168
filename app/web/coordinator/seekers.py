"""Coordinator pages: seekers."""
from app.web.coordinator import bp  # noqa: F401
