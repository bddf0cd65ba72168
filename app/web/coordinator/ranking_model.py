"""Coordinator pages: the ranking models (metrics, features, training date), promotion and rollback."""
from app.web.coordinator import bp  # noqa: F401
