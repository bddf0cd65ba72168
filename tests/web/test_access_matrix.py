"""Every route, with every role and anonymous: one table, and a test that fails when a route has no row."""
import pytest

ROLES = ("anonymous", "seeker", "employer", "coordinator", "officer", "admin")
LOGIN = 302  # anonymous users are sent to the login page


def everyone(status):
    return dict.fromkeys(ROLES, status)


def only(role):
    return {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, role: 200}


def logged_in(status):
    return {**dict.fromkeys(ROLES, status), "anonymous": LOGIN}


# endpoint: (method, url, {role: expected status})
MATRIX = {
    "static": ("GET", "/static/css/app.css", everyone(200)),
    "public.home": ("GET", "/", everyone(200)),
    "public.set_language": ("POST", "/language", everyone(400)),  # no locale given
    "auth.login": ("GET", "/auth/login", everyone(200)),
    "auth.logout": ("POST", "/auth/logout", everyone(302)),
    "auth.register_seeker": ("GET", "/auth/register", everyone(200)),
    "auth.register_employer": ("GET", "/auth/register/employer", everyone(200)),
    "auth.change_password": ("GET", "/auth/password", logged_in(200)),
    "auth.request_reset": ("GET", "/auth/reset", everyone(200)),
    "auth.reset_password": ("GET", "/auth/reset/confirm?token=not-a-token", everyone(302)),
    "seeker.dashboard": ("GET", "/seeker/", only("seeker")),
    "employer.dashboard": ("GET", "/employer/", only("employer")),
    "coordinator.dashboard": ("GET", "/coordinator/", only("coordinator")),
    "officer.dashboard": ("GET", "/officer/", only("officer")),
    "admin.dashboard": ("GET", "/admin/", only("admin")),
    "api.health": ("GET", "/api/v1/health", everyone(200)),
}


def test_every_route_has_a_row_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(MATRIX) == set(), "add the new routes to MATRIX"
    assert set(MATRIX) - endpoints == set(), "MATRIX names routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_matrix_says(role, client, login_as):
    if role != "anonymous":
        login_as(role)
    mismatches = {}
    # Logging out ends the session the other rows need: it goes last.
    for endpoint, (method, url, expected) in sorted(MATRIX.items(), key=lambda row: row[0] == "auth.logout"):
        status = client.open(url, method=method).status_code
        if status != expected[role]:
            mismatches[endpoint] = (status, expected[role])
    assert mismatches == {}


@pytest.mark.parametrize("url", ["/seeker/99999999999999999999", "/api/v1/x/18446744073709551616"])
def test_huge_numbers_in_urls_are_not_found_rather_than_errors(client, url):
    assert client.get(url).status_code == 404
