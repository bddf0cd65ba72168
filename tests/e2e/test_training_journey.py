"""The demo seeker, on a phone, finds a training cohort and enrols (or joins the waiting list)."""
DEMO_SEEKER, DEMO_PASSWORD = "seeker@demo.jembatan.id", "demo-password-2026"


def test_the_demo_seeker_enrols_in_a_cohort_on_a_360_pixel_phone(make_page):
    phone = make_page(locale="en-GB", phone=True)
    phone.goto("/auth/login")
    phone.fill("input[name=identifier]", DEMO_SEEKER)
    phone.fill("input[name=password]", DEMO_PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/seeker/**")

    phone.goto("/seeker/training")
    card = phone.locator("li.training-card", has=phone.locator("form.training-action")).first
    title = card.locator(".training-title").inner_text()
    card.locator("form.training-action button").click()
    phone.wait_for_load_state()

    mine = phone.locator("#mine-title + ul li.training-card", has_text=title)
    assert mine.count() == 1
    assert mine.locator(".badge").inner_text().strip() != ""
    assert phone.locator(".flash").first.is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the training page is {overflow}px wider than a 360px phone"
