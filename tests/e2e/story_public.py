"""The public's part of the story: a friend of the worker received an offer on WhatsApp and checks it on a phone."""
from playwright.sync_api import Page, expect

from tests.e2e.story_browser import fits_the_phone, submit

# The kind of message the 2025 returnees from Myanmar had received (an online-scam compound "admin" job).
MYANMAR_OFFER = (
    "LOWONGAN KERJA LUAR NEGERI! Dibutuhkan admin online / customer service di Myawaddy, Myanmar. "
    "Gaji 15 juta per bulan, mess dan makan gratis. Tiket ditanggung, berangkat minggu depan lewat Bangkok "
    "pakai visa turis. Tidak perlu ijazah. Biaya proses 5 juta. Hubungi Bang Rudi WA 0812 7777 1234."
)


def checks_a_myanmar_offer_and_is_told_it_is_dangerous(phone: Page) -> None:
    phone.goto("/cek-tawaran")
    phone.fill("#text", MYANMAR_OFFER)
    submit(phone, phone.locator("form.offer-form button[type=submit]"))
    result = phone.locator("#result")
    expect(result).to_have_class("offer-result offer-result-red")
    expect(result.locator(".offer-reason-red").first).to_be_visible()
    expect(result.locator(".offer-reasons")).to_contain_text("Myanmar")
    fits_the_phone(phone)
