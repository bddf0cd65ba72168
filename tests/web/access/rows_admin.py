"""Rows for the admin audience's pages."""
from tests.web.access import only

ROWS = {
    "admin.dashboard": ("GET", "/admin/", only("admin")),
}
