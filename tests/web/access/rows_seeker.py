"""Rows for the seeker audience's pages."""
from tests.web.access import only

ROWS = {
    "seeker.dashboard": ("GET", "/seeker/", only("seeker")),
}
