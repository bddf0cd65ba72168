"""Coordinator pages: the queue of seekers' requests for a human review of a ranking."""
from app.web.coordinator import bp  # noqa: F401
