"""Rows for the officer audience's pages: look-ups and departures are for immigration officers only."""
from tests.web.access import only

ROWS = {
    "officer.dashboard": ("GET", "/officer/", only("officer")),
    "officer.lookup": ("GET", "/officer/lookup", only("officer")),
    "officer.departures": ("GET", "/officer/departures", only("officer")),
}
