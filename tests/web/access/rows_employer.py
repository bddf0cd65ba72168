"""Rows for the employer audience's pages."""
from tests.web.access import only

ROWS = {
    "employer.dashboard": ("GET", "/employer/", only("employer")),
}
