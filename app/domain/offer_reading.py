"""What an offer says, from its fields and its free text: countries, places, sector, wage, money asked, signals.

The text counts even when the fields say something else: an offer "for Japan" whose message mentions
Myawaddy is read as going to Myanmar too.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.offer_amounts import Money, amount_after
from app.domain.offer_rules import OfferRules, Place
from app.domain.offer_text import normalise, phone_numbers

HOME_COUNTRY = "ID"
VISAS = ("work", "tourist", "visit", "on_arrival", "visa_free", "student", "other")
NON_WORK_VISAS = frozenset({"tourist", "visit", "on_arrival", "visa_free", "student"})
CONTRACT_ANSWERS = ("yes", "no", "unknown")
# "potong gaji" is about a fee, not a wage; "tanpa biaya" is no fee at all.
WAGE_NEGATIONS = ("potong", "potongan", "dipotong")
FEE_NEGATIONS = ("tanpa", "bebas", "gratis", "free", "no", "tidak", "tdk", "gak", "ga", "nggak", "nol", "zero")


@dataclass(frozen=True)
class Offer:
    """An offer as the person gave it: the pasted text and whatever fields they filled in."""
    text: str = ""
    country: str | None = None
    employer: str | None = None
    code: str | None = None
    monthly_wage: Decimal | None = None
    currency: str | None = None
    money_asked_idr: Decimal | None = None
    visa: str | None = None
    contract: str = "unknown"

    def filled_fields(self) -> dict:
        """The fields the person filled in, JSON-ready (for a stored report)."""
        values = {"country": self.country, "employer": self.employer, "code": self.code,
                  "monthly_wage": self.monthly_wage, "currency": self.currency,
                  "money_asked_idr": self.money_asked_idr, "visa": self.visa,
                  "contract": None if self.contract == "unknown" else self.contract}
        return {name: str(value) if isinstance(value, Decimal) else value
                for name, value in values.items() if value not in (None, "")}


@dataclass(frozen=True)
class Reading:
    hits: dict[str, list[str]]
    countries: dict[str, str]  # country code -> how we know: field, text, place or phone
    places: tuple[Place, ...]
    sector: str | None
    wage: Money | None
    wage_from_text: bool
    asked: Decimal | None
    asked_from_text: bool
    phones: tuple[str, ...] = field(default=())

    def signal(self, code: str) -> list[str]:
        return self.hits.get(code, [])


def read(offer: Offer, rules: OfferRules) -> Reading:
    """Everything the checks need, read once."""
    text = normalise(offer.text)
    places = tuple(place for place in rules.places if place.phrases.found_in(text))
    phones = tuple(phone_numbers(offer.text))
    wage, wage_from_text = _wage(offer, rules)
    asked, asked_from_text = _asked(offer, rules)
    return Reading(
        hits={s.code: found for s in rules.signals if (found := s.phrases.found_in(text))},
        countries=_countries(offer, text, places, phones, rules), places=places,
        sector=next((code for code, phrases in rules.sectors.items() if phrases.found_in(text)), None),
        wage=wage, wage_from_text=wage_from_text, asked=asked, asked_from_text=asked_from_text, phones=phones)


def _countries(offer: Offer, text: str, places, phones, rules: OfferRules) -> dict[str, str]:
    found = {}
    if offer.country:
        found[offer.country.upper()] = "field"
    for code, phrases in rules.countries.items():
        if phrases.found_in(text):
            found.setdefault(code, "text")
    for place in places:
        found.setdefault(place.country, "place")
    for number in phones:
        for prefix, code in rules.phone_countries.items():
            if number.startswith(prefix):
                found.setdefault(code, "phone")
    found.pop(HOME_COUNTRY, None)
    return found


def _wage(offer: Offer, rules: OfferRules) -> tuple[Money | None, bool]:
    if offer.monthly_wage is not None and offer.currency:
        return Money(offer.monthly_wage, offer.currency), False
    found = amount_after(offer.text, rules.wage_cues, stop=rules.asked_cues, negations=WAGE_NEGATIONS)
    return found, found is not None


def _asked(offer: Offer, rules: OfferRules) -> tuple[Decimal | None, bool]:
    if offer.money_asked_idr is not None:
        return offer.money_asked_idr, False
    found = amount_after(offer.text, rules.asked_cues, stop=rules.wage_cues, negations=FEE_NEGATIONS)
    if found is None or found.currency != "IDR":
        return None, False
    return found.amount, True
