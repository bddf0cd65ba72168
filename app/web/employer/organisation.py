"""Employer pages: organisation."""
from app.web.employer import bp  # noqa: F401
