"""Employer pages: applicants."""
from app.web.employer import bp  # noqa: F401
