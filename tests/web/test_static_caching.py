"""Stylesheets and scripts stay cacheable for logged-in users: a cheap phone must not download them on every page."""


def test_a_stylesheet_fetched_by_a_logged_in_user_may_be_kept_by_the_browser(client, login_as):
    login_as("seeker")

    response = client.get("/static/css/app.css")

    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers.get("ETag")  # so the browser can ask "changed?" and get a 304


def test_a_page_shown_to_a_logged_in_user_is_still_never_stored(client, login_as):
    login_as("seeker")

    assert client.get("/").headers["Cache-Control"] == "no-store"
