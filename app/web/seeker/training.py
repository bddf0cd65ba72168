"""Seeker pages: training."""
from app.web.seeker import bp  # noqa: F401
