"""Seeker pages: applications."""
from app.web.seeker import bp  # noqa: F401
