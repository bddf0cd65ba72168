"""Rows for the coordinator audience's pages."""
from tests.web.access import only

ROWS = {
    "coordinator.dashboard": ("GET", "/coordinator/", only("coordinator")),
}
