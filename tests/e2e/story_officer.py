"""The immigration officer's part of the story: look the worker up by NIK under the MoU."""
from playwright.sync_api import Page, expect

from tests.e2e.story_browser import submit
from tests.e2e.story_cast import Story


def finds_the_worker_in_a_registered_placement(page: Page, story: Story) -> None:
    page.goto("/officer/lookup")
    page.check("input[name=kind][value=nik]")
    page.fill("#number", story.seeker.nik)
    submit(page, page.locator("main form button[type=submit]"))
    answer = page.locator(".lookup-answer .callout-success")
    expect(answer.locator("#answer-title")).to_have_text("Terdaftar — penempatan aktif")
    expect(answer).to_contain_text(story.employer.legal_name)
    expect(answer).to_contain_text(story.opening.city)
    # The officer's page masks the number it was asked about; the full NIK is never echoed back.
    assert story.seeker.nik not in page.locator(".lookup-answer").inner_text()
