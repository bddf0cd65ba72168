"""Small browser moves the story journey repeats: logging in, sending a form, reading a flash, moving a placement.

Every helper waits for what it caused (a navigation, an element), never for a fixed time.
"""
import re

from playwright.sync_api import Locator, Page, expect

DEMO_PASSWORD = "demo-password-2026"
COORDINATOR = "coordinator@demo.jembatan.id"
OFFICER = "officer@demo.jembatan.id"

# The smallest files the upload check (app/domain/uploads.py) accepts: it judges the bytes, not the name.
_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str) -> dict:
    """A one-page-free PDF to attach with `set_input_files`."""
    return {"name": name, "mimeType": "application/pdf", "buffer": _PDF}


def log_in(page: Page, identifier: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/auth/login")
    page.fill("input[name=identifier]", identifier)
    page.fill("input[name=password]", password)
    submit(page, page.locator("main form button[type=submit]"))
    expect(page).not_to_have_url(re.compile(r"/auth/login"))


def submit(page: Page, button: Locator) -> None:
    """Press a submit button and wait until the answer page has loaded."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        button.click()


def expect_flash(page: Page, kind: str = "success", text: str | re.Pattern | None = None) -> Locator:
    """The flash message of that kind (success, info, warning, error), optionally with that text."""
    flash = page.locator(f".flash.flash-{kind}")
    if text is not None:
        flash = flash.filter(has_text=text)
    expect(flash.first).to_be_visible()
    return flash.first


def expect_no_error(page: Page) -> None:
    """Neither an error flash nor a form's error summary on the page."""
    expect(page.locator(".flash-error, .error-summary, .field-errors")).to_have_count(0)


def id_in_url(page: Page, pattern: str) -> int:
    """The number the page's address holds at `pattern`'s group, e.g. r"/openings/(\\d+)"."""
    match = re.search(pattern, page.url)
    assert match, f"{page.url} does not match {pattern}"
    return int(match.group(1))


def move_to(page: Page, stage: str) -> None:
    """Make the placement move to `stage` with the move form of templates/_macros/placement.html."""
    ask_to_move(page, stage)
    expect_flash(page, "success")


def ask_to_move(page: Page, stage: str) -> None:
    """Submit the move form to `stage`, whatever the answer."""
    form = page.locator(f"form.move-form:has(input[name=to_stage][value={stage}])")
    expect(form).to_have_count(1)
    details = page.locator(f"details.move:has(input[name=to_stage][value={stage}])")
    if details.count():
        details.locator("summary").click()
    submit(page, form.locator("button[type=submit]"))


def fits_the_phone(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the phone"
