"""The coordinator's part of the story: verify the employer, the opening and the certificate; take the placement
through the pre-departure gate (refused once, while the work visa is missing) to departure; see the alert."""
import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.e2e.story_browser import ask_to_move, expect_flash, expect_no_error, move_to, pdf, submit
from tests.e2e.story_cast import DEPARTURE_PAPERS, SCHEME, Story


def verifies_the_employer(page: Page, story: Story) -> None:
    page.goto("/coordinator/employers?status=pending")
    submit(page, page.get_by_role("link", name=story.employer.legal_name, exact=True))
    submit(page, page.locator("form[action$='/verify'] button[type=submit]"))
    expect_flash(page, "success", story.employer.legal_name)


def approves_the_opening(page: Page, story: Story) -> None:
    page.goto("/coordinator/openings?status=submitted")
    submit(page, page.get_by_role("link", name=story.opening.title, exact=True))
    expect(page).to_have_url(re.compile(rf"/coordinator/openings/{story.opening_id}$"))
    submit(page, page.locator("form[action$='/approve'] button[type=submit]"))
    expect_no_error(page)
    expect_flash(page, "success")


def verifies_the_certificate(page: Page, story: Story) -> None:
    """Found through the seeker's record (searched by NIK): the queue shows only the 50 waiting longest."""
    page.goto("/coordinator/seekers")
    page.fill("#nik", story.seeker.nik)
    submit(page, page.locator("form.search-form button[type=submit]"))
    submit(page, page.get_by_role("link", name=story.seeker.full_name, exact=True))
    submit(page, page.locator("a[href*='/verification/certifications/']", has_text=SCHEME))
    expect(page.locator(".review-number")).to_have_text(story.seeker.certificate_number)
    submit(page, page.locator("form[action$='/verify'] button[type=submit]"))
    expect_flash(page, "success", "Sertifikat terverifikasi")


def records_the_signed_contract(page: Page, story: Story) -> None:
    """Accepted → contract signed: the pre-departure checklist opens."""
    _open_placement(page, story)
    move_to(page, "contract_signed")
    expect(page.locator("#checklist .checklist-count")).to_have_text(re.compile(r"^\s*0\D+9\D"))


def verifies_every_paper_but_the_visa(page: Page, story: Story) -> None:
    """The seeker's own papers are reviewed, then attached; the contract and agreement are uploaded here."""
    for item in DEPARTURE_PAPERS:
        _verify_and_attach(page, story, item)
    _upload(page, story, "employment_contract", {
        "#job_title": story.opening.title, "#monthly_wage": story.opening.wage, "#currency": story.opening.currency,
        "#hours_per_week": story.opening.hours, "#contract_months": story.opening.months})
    _upload(page, story, "placement_agreement", {})


def is_refused_departure_without_the_visa(page: Page, story: Story) -> None:
    """The papers cannot even be called verified while one is missing; the flash names it."""
    _open_placement(page, story)
    ask_to_move(page, "documents_verified")
    expect_flash(page, "error", "Visa Kerja")
    expect(page.locator("#departure")).to_have_count(0)  # the departure form waits for the verified papers


def records_the_departure_once_the_visa_is_verified(page: Page, story: Story) -> None:
    valid_until = (story.opening.start + timedelta(days=730)).isoformat()
    _upload(page, story, "work_visa", {"#visa_type": "work", "#valid_until": valid_until})
    expect(page.locator("#checklist .checklist-count")).to_have_text(re.compile(r"^\s*9\D+9\D"))
    _open_placement(page, story)
    move_to(page, "documents_verified")
    expect(page.locator("#departure .checklist-missing")).to_have_count(0)
    page.fill("#departure-note", "Garuda GA 874, Jakarta – Fukuoka")
    submit(page, page.locator("#departure form button[type=submit]"))
    expect_flash(page, "success", "Keberangkatan sudah dicatat")


def sees_the_call_for_help(page: Page, story: Story) -> None:
    """On the dashboard first (no names there), then on the monitoring page with the worker's name."""
    page.goto("/coordinator/")
    alert = page.locator("#dashboard-alerts-title + ul li", has_text=story.opening.title)
    expect(alert.locator(".badge-danger")).to_have_count(1)
    expect(page.locator("#dashboard-alerts-title").locator("..")).not_to_contain_text(story.seeker.full_name)
    submit(page, alert.locator("a[href*='/coordinator/monitoring#alert-']"))
    row = page.locator("tr.alert-row", has=page.locator(f"a[href$='/coordinator/placements/{story.placement_id}']"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(story.seeker.full_name)
    expect(row.locator(".badge-danger", has_text="Meminta bantuan")).to_have_count(1)
    expect(row.locator("a[href*='/coordinator/cases/new']")).to_have_count(1)


def _open_placement(page: Page, story: Story) -> None:
    page.goto(f"/coordinator/placements/{story.placement_id}")
    expect(page.locator("h1")).to_have_text(story.seeker.full_name)


def _verify_and_attach(page: Page, story: Story, item: str) -> None:
    page.goto(f"/coordinator/placements/{story.placement_id}/checklist/{item}")
    submit(page, page.locator("a[href*='/coordinator/verification/documents/']"))
    submit(page, page.locator("form[action$='/verify'] button[type=submit]"))
    expect_flash(page, "success")
    page.goto(f"/coordinator/placements/{story.placement_id}/checklist/{item}")
    submit(page, page.locator("form[action$='/attach'] button[type=submit]"))
    expect_no_error(page)
    expect_flash(page, "success")


def _upload(page: Page, story: Story, item: str, fields: dict) -> None:
    page.goto(f"/coordinator/placements/{story.placement_id}/checklist/{item}")
    for selector, value in fields.items():
        if page.locator(selector).evaluate("node => node.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.set_input_files("#scan", pdf(f"{item}-signed.pdf"))
    submit(page, page.locator("form[action$='/upload'] button[type=submit]"))
    expect_no_error(page)
    expect_flash(page, "success")

