"""Coordinator pages: erasures."""
from app.web.coordinator import bp  # noqa: F401
