"""A member of the public opens the home page on a phone, in Indonesian."""
from urllib.parse import urlsplit


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_home_page_on_a_phone_is_indonesian_and_served_only_by_the_app(phone_page, live_server):
    requested = []
    phone_page.on("request", lambda request: requested.append(request.url))

    response = phone_page.goto("/", wait_until="networkidle")

    assert response is not None and response.status == 200
    assert phone_page.locator("html").get_attribute("lang") == "id"
    assert phone_page.locator("h1").first.inner_text().strip()

    assets = phone_page.eval_on_selector_all(
        "link[rel~='stylesheet'][href], script[src]", "nodes => nodes.map(n => n.href || n.src)")
    assert assets, "the home page references no stylesheet or script"
    for url in assets:
        assert _origin(url) == live_server.url, f"{url} is not served by the app itself"
        assert phone_page.request.get(url).status == 200, f"{url} did not answer 200"

    elsewhere = [url for url in requested if not url.startswith(("data:", "blob:")) and _origin(url) != live_server.url]
    assert not elsewhere, f"the page fetched from other origins: {elsewhere}"


def test_home_page_heading_is_translated_between_indonesian_and_english(make_page):
    indonesian, english = make_page(locale="id-ID", phone=True), make_page(locale="en-GB", phone=True)

    indonesian.goto("/")
    english.goto("/")

    assert english.locator("html").get_attribute("lang") == "en"
    assert indonesian.locator("h1").first.inner_text() != english.locator("h1").first.inner_text()


def test_home_page_fits_a_360_pixel_screen_without_sideways_scrolling(phone_page):
    phone_page.goto("/")

    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"the page is {overflow}px wider than a 360px phone"
