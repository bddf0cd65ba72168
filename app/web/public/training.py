"""Public pages: training."""
from app.web.public import bp  # noqa: F401
