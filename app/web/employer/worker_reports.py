"""Employer pages: periodic reports on placed workers."""
from app.web.employer import bp  # noqa: F401
