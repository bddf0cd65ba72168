"""Public pages: openings."""
from app.web.public import bp  # noqa: F401
