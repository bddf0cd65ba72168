"""Coordinator pages: training."""
from app.web.coordinator import bp  # noqa: F401
