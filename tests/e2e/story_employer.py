"""The employer's part of the story: register under a partner city, post an opening, and take the seeker from
applicant to offer, never seeing her NIK (nor her name before shortlisting)."""
import re

from playwright.sync_api import Page, expect

from tests.e2e.story_browser import expect_flash, expect_no_error, id_in_url, move_to, submit
from tests.e2e.story_cast import PARTNER_CITY, SCHEME, Story

GENERAL_SCHEME = "SKK-CPMI"  # ticked by default on a new opening


def registers_under_a_partner_city(page: Page, story: Story) -> None:
    employer = story.employer
    page.goto("/auth/register/employer")
    page.fill("#legal_name", employer.legal_name)
    page.select_option("#partner_city_id", label=PARTNER_CITY)
    page.fill("#registration_number", "4290-01-038812")
    page.fill("#address", "2-1 Asano, Kokurakita-ku, Kitakyushu")
    page.select_option("#sector_code", "manufacturing")
    page.fill("#contact_person", employer.contact_person)
    page.fill("#contact_phone", "+81 93 555 0142")
    page.fill("#email", employer.email)
    page.fill("#password", employer.password)
    page.fill("#confirm", employer.password)
    submit(page, page.locator("main form button[type=submit]"))
    expect_flash(page, "success", "Selamat datang di Jembatan")
    expect(page).to_have_url(re.compile(r"/employer/"))


def posts_and_submits_the_opening(page: Page, story: Story) -> None:
    """The opening asks for the seeker's scheme (not the general one), her skills, and JLPT N5."""
    opening = story.opening
    page.goto("/employer/openings/new")
    page.fill("#title", opening.title)
    page.fill("#occupation", opening.occupation)
    page.select_option("#sector_code", "manufacturing")
    page.fill("#positions", "2")
    page.fill("#city", opening.city)
    expect(page.locator("#country_code")).to_have_value("JP")
    page.uncheck(f"input[name=scheme_codes][value={GENERAL_SCHEME}]")
    page.check(f"input[name=scheme_codes][value={SCHEME}]")
    page.fill("#skills_must", opening.must)
    page.fill("#skills_important", opening.important)
    page.select_option("#language_level_id", label="JLPT N5")
    page.select_option("#min_education_code", "SMA")
    page.fill("#max_age", "35")
    page.fill("#monthly_wage", opening.wage)
    page.fill("#currency", opening.currency)
    page.fill("#hours_per_week", opening.hours)
    page.fill("#annual_leave_days", "10")
    page.fill("#contract_months", opening.months)
    page.fill("#start_date", opening.start.isoformat())
    page.fill("#insurance", "Shakai hoken (health, pension, employment) and workers' accident insurance")
    page.fill("#accommodation", "Company dormitory, single room, 15,000 JPY a month")
    page.fill("#deadline", opening.deadline.isoformat())
    page.fill("#description", "Visual and ultrasonic inspection of welded steel frames on our Kitakyushu line.")
    submit(page, page.locator("main form.opening-form button[type=submit]"))
    expect_no_error(page)
    expect_flash(page, "success")
    story.opening_id = id_in_url(page, r"/employer/openings/(\d+)$")
    submit(page, page.locator("form[action$='/submit'] button[type=submit]"))
    expect_no_error(page)
    expect_flash(page, "success")


def shortlists_her_from_the_ranked_anonymous_candidates(page: Page, story: Story) -> None:
    """She alone holds the scheme, so she is the one eligible candidate; her card names her kecamatan, never more."""
    page.goto(f"/employer/openings/{story.opening_id}/candidates")
    expect(page.locator("li.ranked-card")).to_have_count(1)  # nobody else holds the required scheme
    first = page.locator("li.ranked-card").first
    expect(first).to_contain_text("Welding Inspector")
    expect(first).to_contain_text("JLPT N4")
    expect(first).to_contain_text("Bukit Intan")
    expect(first.locator(".explanation li").first).to_be_visible()
    expect(first.locator(".ranked-score")).to_contain_text("%")
    _sees_nothing_that_names_her(page, story)
    submit(page, first.locator("form[action$='/shortlist'] button[type=submit]"))
    expect_flash(page, "success")
    expect(page.locator("li.ranked-card").first.locator("form[action$='/unshortlist']")).to_have_count(1)
    _sees_nothing_that_names_her(page, story)


def moves_the_application_to_an_offer(page: Page, story: Story) -> None:
    """Shortlisted, interview, offered: the seeker's name appears only once she is shortlisted."""
    page.goto(f"/employer/openings/{story.opening_id}/applicants")
    applicant = page.locator(f"a[href$='/employer/applicants/{story.placement_id}']")
    submit(page, applicant)
    _sees_no_nik(page, story)
    expect(page.locator("main")).not_to_contain_text(story.seeker.full_name)
    move_to(page, "shortlisted")
    expect(page.locator("main")).to_contain_text(story.seeker.full_name)
    move_to(page, "interview")
    move_to(page, "offered")
    _sees_no_nik(page, story)


def _sees_nothing_that_names_her(page: Page, story: Story) -> None:
    html, seeker = page.content(), story.seeker
    for personal in (seeker.full_name, seeker.nik, seeker.phone, "Semabung Lama"):
        assert personal not in html, f"{page.url} shows {personal!r} of an anonymous candidate"


def _sees_no_nik(page: Page, story: Story) -> None:
    assert story.seeker.nik not in page.content(), f"{page.url} shows the seeker's NIK"
