"""Coordinator pages: employers."""
from app.web.coordinator import bp  # noqa: F401
