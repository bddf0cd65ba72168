"""Seeker pages: privacy."""
from app.web.seeker import bp  # noqa: F401
