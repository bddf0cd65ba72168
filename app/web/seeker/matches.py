"""Seeker pages: my matches, explained; openings I am not eligible for and what would close each gap;
asking for a human review."""
from app.web.seeker import bp  # noqa: F401
