"""Coordinator pages: vocabulary."""
from app.web.coordinator import bp  # noqa: F401
