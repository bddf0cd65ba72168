"""Coordinator pages: reports."""
from app.web.coordinator import bp  # noqa: F401
