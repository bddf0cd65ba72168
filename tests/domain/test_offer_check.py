"""Cek Tawaran, case by case: offers as people receive them (WhatsApp style, typos, emojis), with the verdict
and the exact reasons each one must get. The destination rules are the ones shipped in the reference data."""
import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.destinations import RuleFacts
from app.domain.offer_check import AMBER, GREEN, RED, CodeLookup, Facts, Offer, check_offer, code_to_look_up
from app.domain.offer_rules import WageNorm

TODAY = date(2026, 3, 2)
REFERENCE = Path(__file__).resolve().parents[2] / "app" / "data" / "reference" / "destination_rules.csv"


def _shipped_rules() -> tuple[RuleFacts, ...]:
    with REFERENCE.open(encoding="utf-8") as handle:
        return tuple(RuleFacts(n, row["country"], None if row["sector"] == "*" else row["sector"], row["status"],
                               date.fromisoformat(row["valid_from"]),
                               date.fromisoformat(row["valid_to"]) if row["valid_to"] else None, row["source"])
                     for n, row in enumerate(csv.DictReader(handle), 1))


RULES = _shipped_rules()
SAKURA = CodeLookup("approved", "JBT-7K3Q-9M2X", employer="Sakura Care Toyama Co., Ltd.", country="JP",
                    city="Toyama", title="Care worker", sector="care", monthly_wage=Decimal(180000), currency="JPY",
                    worker_costs_idr=Decimal(0))

CASES = {
    "admin online via Bangkok with a free ticket": (
        Offer("🔥🔥 DICARI ADMIN ONLINE 🔥🔥\ngaji 15jt, tiket ditanggung, berangkat via bangkok 🇹🇭\nminat japri"),
        None, RED, {"NO_CODE", "SCAM_JOB", "TRANSIT_HINT", "FREE_TRAVEL", "INDIVIDUAL_RECRUITER",
                    "WAGE_FAR_ABOVE_NORM", "SCAM_PATTERN"}),
    "a lawful offer with its valid code": (
        Offer("Lowongan resmi lewat Disnaker: Care worker di Toyama, Jepang. Kode verifikasi JBT-7K3Q-9M2X.\n"
              "Gaji 180.000 yen/bulan, tanpa biaya penempatan, kontrak kerja ditandatangani sebelum berangkat.",
              employer="Sakura Care Toyama", visa="work", contract="yes"),
        SAKURA, GREEN, {"CODE_VALID"}),
    "a Japan caregiver offer asking Rp 45 juta": (
        Offer("Info loker CAREGIVER JEPANG 🇯🇵🇯🇵 gaji 25-30jt/bln!! Biaya proses 45jt bisa potong gaji. "
              "Minat hub 0812-3456-7890"),
        None, RED, {"NO_CODE", "MONEY_ASKED_HIGH", "INDIVIDUAL_RECRUITER"}),
    "factory work in Malaysia on a tourist visa": (
        Offer("Kerja kilang di Malaysia, berangkat pakai visa turis dulu nanti permit diurus. Gaji RM 1800."),
        None, RED, {"NO_CODE", "NOT_WORK_VISA"}),
    "a visit visa said in the field only": (
        Offer("Lowongan kerja restoran di Korea", visa="visit"),
        None, RED, {"NO_CODE", "NOT_WORK_VISA"}),
    "customer service in Cambodia, visa-free": (
        Offer("Kerja di Kamboja bebas visa 30 hari, CS online gaji $800"),
        None, RED, {"NO_CODE", "DESTINATION_BLOCKED", "NOT_WORK_VISA", "SCAM_JOB", "SCAM_PATTERN"}),
    "the fields say Thailand, the text says Myawaddy": (
        Offer("Lowongan kerja Thailand perusahaan IT. Dijemput di Mae Sot lalu ke kantor di Myawaddy", country="TH"),
        None, RED, {"NO_CODE", "TRANSIT_ROUTE", "DESTINATION_BLOCKED"}),
    "KK Park": (
        Offer("kerja di kk park gaji 20jt, mess gratis"),
        None, RED, {"NO_CODE", "TRANSIT_ROUTE", "DESTINATION_BLOCKED", "FREE_TRAVEL"}),
    "a code no approved opening has": (
        Offer("Lowongan resmi pemerintah kode JBT-AAAA-CCCC"),
        CodeLookup("unknown", "JBT-AAAA-CCCC"), RED, {"CODE_UNKNOWN"}),
    "a code that is not a code": (
        Offer("Pabrik di Jepang", code="JBT-12"),
        CodeLookup("malformed", ""), RED, {"CODE_MALFORMED"}),
    "a real code borrowed by another company": (
        Offer("Perawat lansia di Toyama Jepang, kode JBT-7K3Q-9M2X", employer="PT Maju Jaya Abadi"),
        SAKURA, RED, {"CODE_OTHER_EMPLOYER"}),
    "a real code for another country": (
        Offer("Caregiver, kode JBT-7K3Q-9M2X", country="KR"),
        SAKURA, RED, {"CODE_OTHER_COUNTRY"}),
    "the code of a closed opening": (
        Offer("Operator pabrik di Taiwan, kode JBT-7K3Q-9M2X"),
        CodeLookup("not_current", "JBT-7K3Q-9M2X"), AMBER, {"CODE_NOT_CURRENT"}),
    "no contract until arrival": (
        Offer("Kerja pabrik di Taiwan, kontrak nanti di sana aja, gaji NT$ 30.000"),
        None, RED, {"NO_CODE", "NO_CONTRACT"}),
    "the agent keeps the passport": (
        Offer("Kerja kebun sawit di Malaysia, paspor dipegang agen selama kontrak ya"),
        None, RED, {"NO_CODE", "PASSPORT_HELD"}),
    "an ordinary offer with nothing to verify": (
        Offer("Lowongan operator pabrik di Jepang, gaji 200.000 yen, syarat lulusan SMK"),
        None, AMBER, {"NO_CODE"}),
    "domestic work in Saudi Arabia": (
        Offer("Dicari PRT untuk majikan di Arab Saudi, gaji 1500 riyal"),
        None, RED, {"NO_CODE", "DESTINATION_BLOCKED"}),
    "a hotel job in Laos": (
        Offer("Kerja hotel di Laos gaji 12jt"),
        None, AMBER, {"NO_CODE", "DESTINATION_CAUTION"}),
    "a down payment for the medical check": (
        Offer("Loker pabrik Korea, bayar DP 2 juta untuk medical"),
        None, AMBER, {"NO_CODE", "MONEY_ASKED"}),
    "a sponsor with easy terms": (
        Offer("Ada sponsor bisa bantu berangkat ke Taiwan tanpa pengalaman, proses cepat"),
        None, AMBER, {"NO_CODE", "INDIVIDUAL_RECRUITER", "EASY_TERMS"}),
    "the valid code, with twice the wage": (
        Offer("Care worker Toyama Jepang JBT-7K3Q-9M2X gaji 400.000 yen"),
        SAKURA, AMBER, {"CODE_VALID", "CODE_WAGE_DIFFERS"}),
    "the valid code, asking only the registered personal costs": (
        Offer("Care worker Toyama Jepang JBT-7K3Q-9M2X", money_asked_idr=Decimal(1_500_000)),
        replace(SAKURA, worker_costs_idr=Decimal(1_500_000)), GREEN, {"CODE_VALID", "MONEY_AS_REGISTERED"}),
    "fancy letters and stretched words": (
        Offer("𝗟𝗢𝗞𝗘𝗥 𝗖𝗦 𝗢𝗡𝗟𝗘𝗡 💰💰 kambodja gajiii $1000 free tiket pesawat"),
        None, RED, {"NO_CODE", "DESTINATION_BLOCKED", "SCAM_JOB", "FREE_TRAVEL", "SCAM_PATTERN"}),
    "a Cambodian phone number": (
        Offer("Info kerja enak gaji besar, hubungi +855 96 555 1234"),
        None, RED, {"NO_CODE", "DESTINATION_BLOCKED", "INDIVIDUAL_RECRUITER"}),
    "an English offer for Bangkok": (
        Offer("URGENT hiring customer service in Bangkok, no experience needed, free accommodation, "
              "salary 1200 USD, tourist visa"),
        None, RED, {"NO_CODE", "SCAM_JOB", "EASY_TERMS", "FREE_TRAVEL", "NOT_WORK_VISA", "SCAM_PATTERN"}),
    "a work visa and not a tourist visa": (
        Offer("Pabrik di Jepang, berangkat dengan visa kerja resmi, bukan visa turis. Tanpa biaya."),
        None, AMBER, {"NO_CODE"}),
}


@pytest.mark.parametrize("name", CASES)
def test_each_offer_gets_its_verdict_and_reasons(name):
    offer, lookup, colour, codes = CASES[name]
    verdict = check_offer(offer, Facts(TODAY, lookup, RULES))
    assert (verdict.colour, set(verdict.codes())) == (colour, codes)


def test_red_reasons_come_first():
    offer, lookup, _colour, _codes = CASES["admin online via Bangkok with a free ticket"]
    severities = [r.severity for r in check_offer(offer, Facts(TODAY, lookup, RULES)).reasons]
    assert severities == sorted(severities, key=("red", "amber", "ok").index)


def test_myanmar_is_blocked_even_when_the_field_says_japan():
    verdict = check_offer(Offer("Kerja di Myawaddy, gaji 25jt", country="JP"), Facts(TODAY, None, RULES))
    blocked = {r.data["country"]: r.data["from"] for r in verdict.reasons if r.code == "DESTINATION_BLOCKED"}
    assert verdict.colour == RED and blocked == {"MM": "place"}


def test_a_wage_far_above_the_approved_openings_is_flagged_in_their_currency():
    register = (WageNorm("JP", None, "JPY", Decimal(200000), source="openings"),)
    verdict = check_offer(Offer("Kerja pabrik di Jepang, gaji 600.000 yen"), Facts(TODAY, None, RULES, register))
    wage = next(r for r in verdict.reasons if r.code == "WAGE_FAR_ABOVE_NORM")
    # Factory work: the caregivers' published figure does not apply; the register's 200,000 beats Tokyo's minimum.
    assert wage.data == {"wage": "600000", "currency": "JPY", "country": "JP", "reference": "200000", "ratio": "3.0",
                         "basis": "openings", "source": "openings"}


def test_a_wage_in_a_currency_without_reference_is_not_judged():
    verdict = check_offer(Offer("Kerja pabrik di Jepang, gaji 5000 USD"), Facts(TODAY, None, RULES))
    assert "WAGE_FAR_ABOVE_NORM" not in verdict.codes()


def test_money_asked_above_the_limit_keeps_the_amount_and_the_limit():
    verdict = check_offer(Offer("Kerja di Jepang", money_asked_idr=Decimal(45_000_000)), Facts(TODAY, None, RULES))
    money = next(r for r in verdict.reasons if r.code == "MONEY_ASKED_HIGH")
    assert money.data == {"amount": "45000000", "from": "field", "limit": "5000000"}


def test_the_code_is_taken_from_the_text_when_the_field_is_empty():
    assert code_to_look_up(Offer("kode: jbt 7k3q 9m2x")) == "JBT-7K3Q-9M2X"
    assert code_to_look_up(Offer("kode JBT-7K3Q-9M2X", code=" JBT-4444-6666 ")) == "JBT-4444-6666"
    assert code_to_look_up(Offer("tanpa kode")) is None


def test_stored_reasons_are_plain_json():
    offer, lookup, _colour, _codes = CASES["a Japan caregiver offer asking Rp 45 juta"]
    records = check_offer(offer, Facts(TODAY, lookup, RULES)).records()
    money = next(r for r in records if r["code"] == "MONEY_ASKED_HIGH")
    assert money == {"code": "MONEY_ASKED_HIGH", "severity": "red",
                     "data": {"amount": "45000000", "from": "text", "limit": "5000000"}}
