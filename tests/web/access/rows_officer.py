"""Rows for the officer audience's pages."""
from tests.web.access import only

ROWS = {
    "officer.dashboard": ("GET", "/officer/", only("officer")),
}
