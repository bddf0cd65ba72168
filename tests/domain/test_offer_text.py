"""Reading offers as people write them: amounts in every shape, flattened text, phrases and their negations."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.offer_amounts import Money, amount_after, parse_amount
from app.domain.offer_check import Facts, Offer, check_offer
from app.domain.offer_text import Phrases, codes_in, normalise, phone_numbers, same_organisation

WAGE = ("gaji", "salary")
FEES = ("biaya", "bayar", "dp", "potong gaji")


@pytest.mark.parametrize("typed, money", [
    ("15jt", Money(Decimal(15_000_000), "IDR")),
    ("15 juta", Money(Decimal(15_000_000), "IDR")),
    ("1,5 juta", Money(Decimal(1_500_000), "IDR")),
    ("Rp 45.000.000", Money(Decimal(45_000_000), "IDR")),
    ("45000000", Money(Decimal(45_000_000), "IDR")),  # a bare number this large can only be rupiah
    ("180.000 yen", Money(Decimal(180_000), "JPY")),
    ("¥180.000", Money(Decimal(180_000), "JPY")),
    ("$1000", Money(Decimal(1000), "USD")),
    ("NT$ 30.000", Money(Decimal(30_000), "TWD")),
    ("25rb baht", Money(Decimal(25_000), "THB")),
    ("1.000", Money(Decimal(1000), None)),  # too small to guess the currency
    ("banyak", None),
])
def test_amounts_typed_in_a_field(typed, money):
    assert parse_amount(typed) == money


@pytest.mark.parametrize("text, cues, money", [
    ("dicari admin gaji 15-20jt/bln", WAGE, Money(Decimal(15_000_000), "IDR")),  # the lower end of a range
    ("Gaji: Rp 15.000.000 - 20.000.000 per bulan", WAGE, Money(Decimal(15_000_000), "IDR")),
    ("gajiii 1,5 juta", WAGE, Money(Decimal(1_500_000), "IDR")),
    ("gaji 400 baht per hari", WAGE, None),  # per day: not comparable with a month
    ("biaya proses 45jt bisa potong gaji", WAGE, None),  # "potong gaji" is about the fee
    ("biaya proses 45jt bisa potong gaji", FEES, Money(Decimal(45_000_000), "IDR")),
    ("tanpa biaya, gaji 15jt", FEES, None),
    ("gaji 15jt, biaya 5jt", FEES, Money(Decimal(5_000_000), "IDR")),
])
def test_amounts_found_after_their_cue_words(text, cues, money):
    stop = FEES if cues is WAGE else WAGE
    negations = ("potong",) if cues is WAGE else ("tanpa", "bebas")
    assert amount_after(text, cues, stop=stop, negations=negations) == money


def test_the_text_is_flattened_before_matching():
    flat = normalise("𝗗𝗜𝗖𝗔𝗥𝗜 ADMIN ONLINE!!! gajiii 15jt 🔥🔥 via Bangkok 🇹🇭")
    assert flat == "dicari admin online gaji 15jt via bangkok"


def test_phrases_match_whole_words_and_respect_negations():
    fees = Phrases.of(["biaya proses", "dp"], negations_before=["tanpa"], negations_after=["gratis"])
    assert fees.found_in(normalise("Biaya proses 45jt, DP 5jt")) == ["biaya proses", "dp"]
    assert fees.found_in(normalise("Tanpa biaya proses, DP gratis")) == []
    assert fees.found_in(normalise("update data")) == []  # "dp" is not inside a word


def test_phone_numbers_in_every_shape():
    text = "hub 0812-3456-7890 / wa.me/6281234567891 / +855 96 555 1234 / gaji 95 000 000"
    assert phone_numbers(text) == ["6281234567890", "6281234567891", "855965551234"]


def test_codes_written_loosely_are_found():
    assert codes_in("kode jbt 7k3q 9m2x dan JBT–AAAA–CCCC") == ["JBT-7K3Q-9M2X", "JBT-AAAA-CCCC"]


@pytest.mark.parametrize("said, registered, same", [
    ("Sakura Care", "Sakura Care Toyama Co., Ltd.", True),
    ("PT Sakura Care Toyama", "Sakura Care Toyama Co., Ltd.", True),
    ("Maju Jaya Abadi", "Sakura Care Toyama Co., Ltd.", False),
    ("Osaka Care", "Sakura Care Toyama Co., Ltd.", False),
    ("PT", "Sakura Care", False),
])
def test_employer_names_are_compared_without_legal_forms(said, registered, same):
    assert same_organisation(said, registered) is same


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), amount=st.text(max_size=40))
def test_no_text_and_no_amount_makes_the_checker_fail(text, amount):
    """Whatever is pasted or typed, the checker answers with a colour (it never raises)."""
    money = parse_amount(amount)
    offer = Offer(text, monthly_wage=money.amount if money else None, currency=money.currency if money else None,
                  money_asked_idr=money.amount if money and money.currency == "IDR" else None)
    assert check_offer(offer, Facts(date(2026, 3, 2))).colour in ("red", "amber", "green")


@pytest.mark.parametrize("typed", ["9" * 40, "99999999999999999999 jt", "1" + "0" * 16])
def test_absurd_amounts_are_not_amounts(typed):
    assert parse_amount(typed) is None
