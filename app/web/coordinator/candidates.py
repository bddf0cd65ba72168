"""Coordinator pages: the ranked candidates for any opening, the ineligible with their gates, the shortlist."""
from app.web.coordinator import bp  # noqa: F401
