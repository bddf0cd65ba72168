"""Employer pages: the ranked, anonymised candidates for my opening, with explanations, and the shortlist."""
from app.web.employer import bp  # noqa: F401
