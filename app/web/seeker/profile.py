"""Seeker pages: profile."""
from app.web.seeker import bp  # noqa: F401
