"""The seeker's part of the story, on a 360-pixel phone in Indonesian: sign up, build a profile, consent,
upload papers, apply, accept the offer, and ask for help from abroad."""
import re

from playwright.sync_api import Page, expect

from tests.e2e.story_browser import expect_flash, expect_no_error, fits_the_phone, pdf, submit
from tests.e2e.story_cast import DEPARTURE_PAPERS, SCHEME, Story


def signs_up_with_her_nik(phone: Page, story: Story) -> None:
    seeker = story.seeker
    phone.goto("/auth/register")
    phone.fill("#nik", seeker.nik)
    phone.fill("#full_name", seeker.full_name)
    phone.fill("#birth_date", seeker.birth_date)
    phone.check(f"input[name=gender][value={seeker.gender}]")
    phone.select_option("#place", seeker.kelurahan)
    phone.fill("#phone", seeker.phone)
    phone.fill("#password", seeker.password)
    phone.fill("#confirm", seeker.password)
    phone.check("#consent_matching")
    submit(phone, phone.locator("main form button[type=submit]"))
    expect_flash(phone, "success", "Selamat datang di Jembatan")
    expect(phone).to_have_url(re.compile(r"/seeker/$"))
    fits_the_phone(phone)


def builds_her_profile(phone: Page, story: Story) -> None:
    """Education, experience, skills (in Indonesian words), a Japanese test level and where she wants to work."""
    phone.goto("/seeker/profile/education")
    phone.select_option("#education_code", "SMK")
    _save(phone)
    phone.goto("/seeker/profile/experience")
    phone.fill("#title", "Inspektur las di bengkel fabrikasi")
    phone.fill("#place", "PT Timah, Pangkalpinang")
    phone.fill("#years", "2")
    _save(phone)
    phone.goto("/seeker/profile/skills")
    phone.fill("#skills", "pengelasan, inspeksi mutu, membaca gambar teknik, keselamatan kerja")
    _save(phone)
    expect(phone.locator(".chip-list .chip")).to_have_count(4)
    phone.goto("/seeker/profile/languages")
    level = phone.locator("#level_id optgroup[label*='JLPT'] option", has_text="N4")
    phone.select_option("#level_id", level.get_attribute("value"))
    phone.fill("#tested_on", story.days_ago(200))
    _save(phone)
    phone.goto("/seeker/profile/preferences")
    phone.check("#country-JP")
    phone.check("input[name=sectors][value=manufacturing]")
    _save(phone)
    fits_the_phone(phone)


def consents_to_immigration_sharing(phone: Page) -> None:
    phone.goto("/seeker/privacy")
    consent = phone.locator("#consent-immigration_sharing")
    submit(phone, consent.locator("button[name=action][value=grant]"))
    expect_flash(phone, "success")
    expect(phone.locator("#consent-matching button[value=withdraw]")).to_have_count(1)
    expect(consent.locator("button[value=withdraw]")).to_have_count(1)


def uploads_her_certificate(phone: Page, story: Story) -> None:
    phone.goto("/seeker/papers")
    submit(phone, phone.locator("a[href$='/seeker/papers/certifications/new']"))
    phone.select_option("#scheme_code", SCHEME)
    phone.fill("#number", story.seeker.certificate_number)
    phone.fill("#issuer", "LSP Pengelasan Bangka Belitung")
    phone.fill("#issued_on", story.days_ago(90))
    phone.fill("#expires_on", story.years_ahead(3))
    phone.set_input_files("#scan", pdf("sertifikat-inspektur-las.pdf"))
    submit(phone, phone.locator("main form button[type=submit]"))
    expect_flash(phone, "success")
    paper = phone.locator("li.paper", has_text=story.seeker.certificate_number)
    expect(paper.locator(".badge")).to_have_count(1)
    fits_the_phone(phone)


def sees_the_invitation_among_her_matches_and_applies(phone: Page, story: Story) -> None:
    """Her matches page shows the opening, explained, with the employer's invitation; she applies from there."""
    phone.goto("/seeker/matches")
    match = phone.locator(f"#match-{story.opening_id}")
    expect(match.locator(".match-invited")).to_have_count(1)
    expect(match.locator(".match-reasons li").first).to_be_visible()
    expect(match.locator(".match-score")).to_contain_text("%")
    fits_the_phone(phone)
    submit(phone, match.locator(f"a[href$='/seeker/openings/{story.opening_id}/apply']"))
    expect(phone.locator("#blockers-title")).to_have_count(0)
    expect(phone.locator("h1")).to_have_text(story.opening.title)
    submit(phone, phone.locator("main form button[type=submit]"))
    expect_flash(phone, "success")
    application = phone.locator("li.application", has_text=story.opening.title)
    expect(application).to_have_count(1)
    story.placement_id = int(application.get_attribute("id").removeprefix("placement-"))
    fits_the_phone(phone)


def accepts_the_offer(phone: Page, story: Story) -> None:
    phone.goto("/seeker/applications")
    application = phone.locator(f"#placement-{story.placement_id}")
    form = application.locator("form[action$='/accept']")
    details = application.locator("details.move:has(form[action$='/accept'])")
    if details.count():
        details.locator("summary").click()
    submit(phone, form.locator("button[type=submit]"))
    expect_flash(phone, "success")


def brings_her_departure_papers(phone: Page, story: Story) -> None:
    """Passport, health certificate, BPJS, family permission, marital status letter and OPP certificate."""
    numbers = {"passport": story.seeker.passport, "bpjs": story.seeker.bpjs}
    for kind in DEPARTURE_PAPERS:
        phone.goto(f"/seeker/papers/documents/{kind}")
        if kind in numbers:
            phone.fill("#number", numbers[kind])
        phone.fill("#issued_on", story.days_ago(30))
        if phone.locator("#expires_on").count():
            phone.fill("#expires_on", story.years_ahead(5))
        phone.set_input_files("#scan", pdf(f"{kind}.pdf"))
        submit(phone, phone.locator("main form button[type=submit]"))
        expect_no_error(phone)
        expect_flash(phone, "success")


def asks_for_help_from_abroad(phone: Page, story: Story) -> None:
    phone.goto("/seeker/checkin")
    expect(phone.locator(".checkin-place")).to_contain_text(story.opening.title)
    phone.fill("#message", "Paspor saya ditahan oleh mandor. Tolong hubungi saya.")
    submit(phone, phone.locator("button[name=answer][value=distress]"))
    expect_flash(phone, "success", "Permintaan bantuan Anda sudah terkirim")
    fits_the_phone(phone)


def _save(phone: Page) -> None:
    submit(phone, phone.locator("main form.form button[type=submit]").first)
    expect_no_error(phone)
    expect_flash(phone, "success")

