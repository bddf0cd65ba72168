"""Seeker pages: checkins."""
from app.web.seeker import bp  # noqa: F401
