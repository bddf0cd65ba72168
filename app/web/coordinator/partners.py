"""Coordinator pages: partners."""
from app.web.coordinator import bp  # noqa: F401
