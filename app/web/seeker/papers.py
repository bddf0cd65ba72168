"""Seeker pages: papers."""
from app.web.seeker import bp  # noqa: F401
