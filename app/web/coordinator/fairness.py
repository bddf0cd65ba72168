"""Coordinator pages: the fairness report (exposure in the top 10, selection rates by gender and kelurahan)."""
from app.web.coordinator import bp  # noqa: F401
