"""Employer pages: openings."""
from app.web.employer import bp  # noqa: F401
