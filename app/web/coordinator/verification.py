"""Coordinator pages: verification."""
from app.web.coordinator import bp  # noqa: F401
