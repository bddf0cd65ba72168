"""The verification code an offer carries: is it an approved opening's, and does the offer match it?"""
from dataclasses import dataclass
from decimal import Decimal

from app.domain.offer_reading import Offer, Reading
from app.domain.offer_reasons import AMBER, OK, RED, Reason, plain
from app.domain.offer_rules import OfferRules
from app.domain.offer_text import codes_in, same_organisation


@dataclass(frozen=True)
class CodeLookup:
    """What the register says about the code an offer gave; `state` is approved, not_current, unknown or malformed."""
    state: str
    code: str
    employer: str | None = None
    country: str | None = None
    city: str | None = None
    title: str | None = None
    sector: str | None = None
    monthly_wage: Decimal | None = None
    currency: str | None = None
    worker_costs_idr: Decimal | None = None


def code_to_look_up(offer: Offer) -> str | None:
    """The code typed in the field, else the first one written in the text."""
    typed = (offer.code or "").strip()
    return typed or next(iter(codes_in(offer.text)), None)


def code_reasons(offer: Offer, reading: Reading, lookup: CodeLookup | None, rules: OfferRules) -> list[Reason]:
    """CODE_VALID when the code is an approved opening's and the offer names its employer and country."""
    if lookup is None:
        return [Reason("NO_CODE", AMBER)]
    if lookup.state in ("malformed", "unknown"):
        return [Reason("CODE_MALFORMED" if lookup.state == "malformed" else "CODE_UNKNOWN", RED,
                       {"code": lookup.code or (offer.code or "").strip()})]
    if lookup.state != "approved":
        return [Reason("CODE_NOT_CURRENT", AMBER, {"code": lookup.code})]
    reasons = []
    if offer.employer and not same_organisation(offer.employer, lookup.employer or ""):
        reasons.append(Reason("CODE_OTHER_EMPLOYER", RED, {"code": lookup.code, "said": offer.employer.strip(),
                                                           "registered": lookup.employer}))
    said = [c for c, how in reading.countries.items() if how in ("field", "text")]
    field_differs = bool(offer.country) and offer.country.upper() != lookup.country
    if field_differs or (said and lookup.country not in said):
        reasons.append(Reason("CODE_OTHER_COUNTRY", RED, {"code": lookup.code, "said": said[0],
                                                          "registered": lookup.country}))
    if reasons:
        return reasons
    reasons.append(Reason("CODE_VALID", OK, {"code": lookup.code, "employer": lookup.employer,
                                             "country": lookup.country, "city": lookup.city, "title": lookup.title}))
    wage = reading.wage
    if wage and lookup.monthly_wage and wage.currency == lookup.currency:
        ratio = wage.amount / lookup.monthly_wage
        if ratio >= rules.code_wage_ratio or ratio * rules.code_wage_ratio <= 1:
            reasons.append(Reason("CODE_WAGE_DIFFERS", AMBER, {"wage": plain(wage.amount), "currency": wage.currency,
                                                               "registered": plain(lookup.monthly_wage)}))
    return reasons
