"""Every route, with every role and anonymous, from one table (tests/web/access/rows_*.py);
the test fails when a route has no row."""
from types import SimpleNamespace

import pytest

from app.extensions import db as _db
from tests import factories
from tests.web.access import ROLES, all_rows, builders

MATRIX = all_rows()


def test_every_route_has_a_row_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(MATRIX) == set(), "add the new routes to tests/web/access/rows_*.py"
    assert set(MATRIX) - endpoints == set(), "the matrix names routes that no longer exist"


@pytest.fixture
def world(app):
    """Two seekers, two employers in two partner cities, one of each staff role, and whatever
    objects the rows modules build for them."""
    with app.app_context():
        city_x, city_y = factories.make_partner_city(), factories.make_partner_city(country_code="KR")
        users = {
            "seeker": factories.make_user("seeker"), "seeker_b": factories.make_user("seeker"),
            "employer": factories.make_user("employer", employer=factories.make_employer(city_x)),
            "employer_y": factories.make_user("employer", employer=factories.make_employer(city_y)),
            **{role: factories.make_user(role) for role in ("coordinator", "officer", "admin")},
        }
        world = SimpleNamespace(users=users, ids={}, city_x=city_x, city_y=city_y)
        for build in builders():
            build(world)
        for user in users.values():
            _db.session.refresh(user)
            _db.session.expunge(user)
        return world


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_matrix_says(role, client, login_as, world):
    if role != "anonymous":
        login_as(world.users[role])
    mismatches = {}
    # Logging out ends the session the other rows need: it goes last.
    for endpoint, (method, url, expected) in sorted(MATRIX.items(), key=lambda row: row[0] == "auth.logout"):
        status = client.open(url.format(**world.ids), method=method).status_code
        if status != expected[role]:
            mismatches[endpoint] = (status, expected[role])
    assert mismatches == {}


@pytest.mark.parametrize("url", ["/seeker/99999999999999999999", "/api/v1/x/18446744073709551616"])
def test_huge_numbers_in_urls_are_not_found_rather_than_errors(client, url):
    assert client.get(url).status_code == 404
