"""Amounts of money as people write them in offers: "15jt", "Rp 45.000.000", "1,5 juta", "¥180.000", "$1000".

`parse_amount` reads one amount (a form field); `amount_after` finds the amount that follows a cue word
in free text ("gaji 15-20jt" gives 15,000,000 rupiah: the lower end of a range, so nothing is overstated).
"""
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# How people write each currency, before or after the number.
CURRENCY_WORDS = {
    "IDR": ("rp", "rp.", "idr", "rupiah"),
    "USD": ("usd", "us$", "$", "dollar", "dolar", "dollars"),
    "JPY": ("jpy", "yen", "¥", "円"),
    "KRW": ("krw", "won", "₩"),
    "TWD": ("twd", "ntd", "nt$", "nt"),
    "HKD": ("hkd", "hk$"),
    "MYR": ("myr", "rm", "ringgit"),
    "SGD": ("sgd", "s$"),
    "THB": ("thb", "baht", "฿"),
    "SAR": ("sar", "riyal"),
    "AED": ("aed", "dirham"),
    "EUR": ("eur", "euro", "€"),
    "CNY": ("cny", "rmb", "yuan"),
}
CURRENCIES = tuple(CURRENCY_WORDS)
_WORD_TO_CURRENCY = {word: code for code, words in CURRENCY_WORDS.items() for word in words}
# Multipliers; "jt", "juta" and "rb" are rupiah words unless another currency is named.
UNITS = {"juta": 1_000_000, "jt": 1_000_000, "jeti": 1_000_000, "million": 1_000_000, "m": 1_000_000,
         "ribu": 1_000, "rb": 1_000, "k": 1_000, "thousand": 1_000}
RUPIAH_UNITS = {"juta", "jt", "jeti", "ribu", "rb"}
# A bare number this large with no currency can only be rupiah.
BARE_RUPIAH_FROM = Decimal(100_000)
# Nobody is offered or asked a quadrillion: larger "amounts" are typing accidents (or attacks), not money.
MAX_AMOUNT = Decimal(10) ** 15
PER_TIME = re.compile(r"^\s*(?:/|per\s*|se)\s*(jam|hari|hr|minggu|mgg|tahun|thn|hour|day|week|year)\b")

_CURRENCY = "|".join(sorted((re.escape(w) for w in _WORD_TO_CURRENCY), key=len, reverse=True))
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?"
AMOUNT = re.compile(
    rf"(?:(?<![a-z])(?P<pre>{_CURRENCY}))?\s*(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?\b\s*"
    rf"(?:(?:-|–|~|s/d|sd|sampai|hingga|to)\s*(?:{_CURRENCY})?\s*(?:{_NUMBER})\s*(?P<unit2>{_UNIT})?\b\s*)?"
    rf"(?P<post>{_CURRENCY})?(?![a-z])", re.IGNORECASE)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str | None  # None when the text does not say (and the size does not tell)


def _number(raw: str) -> Decimal | None:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        raw = re.sub(r"[.,]", "", raw)  # thousands separators, Indonesian or English
    else:
        raw = raw.replace(",", ".")  # "1,5" is one and a half
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _money(match: re.Match) -> Money | None:
    value = _number(match.group("num"))
    if value is None:
        return None
    unit = (match.group("unit") or match.group("unit2") or "").lower()
    word = (match.group("pre") or match.group("post") or "").lower()
    currency = _WORD_TO_CURRENCY.get(word)
    amount = value * UNITS.get(unit, 1)
    if amount > MAX_AMOUNT:
        return None
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))  # 1,5 juta is 1500000, not 1500000.0
    if currency is None and (unit in RUPIAH_UNITS or (not unit and amount >= BARE_RUPIAH_FROM)):
        currency = "IDR"
    return Money(amount, currency)


def parse_amount(text: str) -> Money | None:
    """One amount typed in a form field; None when it is not an amount."""
    match = AMOUNT.fullmatch((text or "").strip())
    return _money(match) if match else None


def _word_pattern(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")


def amount_after(text: str, cues, stop=(), negations=(), window: int = 40) -> Money | None:
    """The first amount with a known currency written within `window` characters after a cue word.

    The look stops at a line break or at one of the `stop` words (the wage is not the fee); a cue right
    after one of the `negations` ("tanpa biaya") is skipped; amounts per hour, day, week or year are
    skipped, since they cannot be compared with a monthly figure."""
    lowered = re.sub(r"([a-z])\1{2,}", r"\1", (text or "").lower())  # "gajiii" is "gaji"
    stopper = _word_pattern(stop) if stop else None
    negated = {n.lower() for n in negations}
    for found in sorted(_word_pattern(cues).finditer(lowered), key=lambda m: m.start()):
        if negated & set(re.findall(r"[a-z]+", lowered[max(0, found.start() - 20):found.start()])[-2:]):
            continue
        tail = lowered[found.end():found.end() + window].split("\n")[0]
        if stopper and (cut := stopper.search(tail)):
            tail = tail[:cut.start()]
        for match in AMOUNT.finditer(tail):
            if not match.group("num") or PER_TIME.match(tail[match.end():]):
                continue
            money = _money(match)
            if money is not None and money.currency and money.amount > 0:
                return money
    return None
