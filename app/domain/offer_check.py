"""Cek Tawaran: is a job offer what a lawful placement looks like? A verdict (green / amber / red) with reasons.

Green only when the offer carries a valid verification code that matches it and nothing else is wrong;
red when any reason is red; amber otherwise (including "nothing here can be verified"). Reasons are codes
with JSON-ready data; the web layer words them. The service looks up the code, the destination rules
and the register's wages and passes what it found: this module reads no database.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.destinations import RuleFacts, destination_verdict
from app.domain.offer_code_check import CodeLookup, code_reasons, code_to_look_up
from app.domain.offer_reading import NON_WORK_VISAS, Offer, Reading, read
from app.domain.offer_reasons import AMBER, GREEN, OK, RED, SEVERITY_ORDER, OfferVerdict, Reason, plain
from app.domain.offer_rules import OfferRules, WageNorm, load_rules

__all__ = ["AMBER", "GREEN", "RED", "CodeLookup", "Facts", "Offer", "OfferVerdict", "Reason", "check_offer",
           "code_to_look_up"]

SIGNALS_SHOWN = ("PASSPORT_HELD", "SCAM_JOB", "TRANSIT_HINT", "FREE_TRAVEL", "EASY_TERMS", "INDIVIDUAL_RECRUITER")


@dataclass(frozen=True)
class Facts:
    today: date
    code: CodeLookup | None = None
    destination_rules: tuple[RuleFacts, ...] = ()
    register_norms: tuple[WageNorm, ...] = ()  # approved openings' wages, by country, sector and currency


def check_offer(offer: Offer, facts: Facts, rules: OfferRules | None = None) -> OfferVerdict:
    """The verdict on an offer, most serious reasons first."""
    rules = rules or load_rules()
    reading = read(offer, rules)
    by_code = code_reasons(offer, reading, facts.code, rules)
    valid = any(r.code == "CODE_VALID" for r in by_code)
    reasons = [*by_code, *_destinations(reading, facts, valid), *_route(reading),
               *_money(reading, facts.code, rules), *_visa(offer, reading), *_contract(offer, reading),
               *_wage(reading, facts, rules), *_signals(reading, valid, rules)]
    reasons += _escalations(reasons, reading, rules)
    reasons.sort(key=lambda r: SEVERITY_ORDER.index(r.severity))
    return OfferVerdict(_colour(reasons, valid), tuple(reasons))


def _colour(reasons: list[Reason], valid: bool) -> str:
    if any(r.severity == RED for r in reasons):
        return RED
    if valid and all(r.severity == OK for r in reasons):
        return GREEN
    return AMBER


def _destinations(reading: Reading, facts: Facts, valid: bool) -> list[Reason]:
    reasons = []
    for country, how in reading.countries.items():
        verdict = destination_verdict(facts.destination_rules, country, reading.sector, facts.today)
        data = {"country": country, "from": how}
        if verdict.status == "blocked":
            sector = verdict.rule.sector_code if verdict.rule else None
            reasons.append(Reason("DESTINATION_BLOCKED", RED, {**data, "sector": sector}))
        elif verdict.status == "caution" and not (valid and facts.code and facts.code.country == country):
            reasons.append(Reason("DESTINATION_CAUTION", AMBER, data))  # an approved opening was justified already
    return reasons


def _route(reading: Reading) -> list[Reason]:
    crossings = [p for p in reading.places if p.kind in ("hub", "crossing")]
    if not crossings:
        return []
    return [Reason("TRANSIT_ROUTE", RED, {"places": [p.name for p in crossings],
                                          "countries": sorted({p.country for p in crossings})})]


def _money(reading: Reading, lookup: CodeLookup | None, rules: OfferRules) -> list[Reason]:
    asked = reading.asked
    if asked is None or asked <= rules.money_amber_above:
        fees = reading.signal("FEE_WORDS")
        return [Reason("FEE_MENTIONED", AMBER, {"words": fees})] if fees else []
    data = {"amount": plain(asked), "from": "text" if reading.asked_from_text else "field"}
    registered = lookup.worker_costs_idr if lookup and lookup.state == "approved" else None
    if registered is not None and asked <= registered:
        return [Reason("MONEY_AS_REGISTERED", OK, {**data, "registered": plain(registered)})]
    if asked > rules.money_red_above:
        return [Reason("MONEY_ASKED_HIGH", RED, {**data, "limit": plain(rules.money_red_above)})]
    return [Reason("MONEY_ASKED", AMBER, data)]


def _visa(offer: Offer, reading: Reading) -> list[Reason]:
    words = reading.signal("NOT_WORK_VISA")
    if offer.visa not in NON_WORK_VISAS and not words:
        return []
    return [Reason("NOT_WORK_VISA", RED, {"visa": offer.visa if offer.visa in NON_WORK_VISAS else None,
                                          "words": words})]


def _contract(offer: Offer, reading: Reading) -> list[Reason]:
    words = reading.signal("NO_CONTRACT")
    if offer.contract != "no" and not words:
        return []
    return [Reason("NO_CONTRACT", RED, {"said_no": offer.contract == "no", "words": words})]


def _references(norms, country: str, sector: str | None, currency: str) -> list[tuple[Decimal, WageNorm]]:
    found = []
    for norm in norms:
        if norm.country != country or norm.sector not in (None, sector):
            continue
        if norm.currency == currency:
            found.append((norm.monthly, norm))
        elif currency == "IDR" and norm.monthly_idr:
            found.append((norm.monthly_idr, norm))
    return found


def _wage(reading: Reading, facts: Facts, rules: OfferRules) -> list[Reason]:
    wage = reading.wage
    if wage is None:
        return []
    sector = reading.sector or (facts.code.sector if facts.code else None)
    countries = list(reading.countries) or ([facts.code.country] if facts.code and facts.code.country else [])
    for country in countries:
        references = _references((*rules.norms, *facts.register_norms), country, sector, wage.currency)
        if not references:
            continue
        reference, norm = max(references, key=lambda pair: pair[0])
        ratio = wage.amount / reference
        if ratio >= rules.wage_amber_ratio:
            return [Reason("WAGE_FAR_ABOVE_NORM", AMBER, {
                "wage": plain(wage.amount), "currency": wage.currency, "country": country,
                "reference": plain(reference), "ratio": str(ratio.quantize(Decimal("0.1"))),
                "basis": "openings" if norm.source == "openings" else "published", "source": norm.source})]
        return []
    return []


def _signals(reading: Reading, valid: bool, rules: OfferRules) -> list[Reason]:
    severity = {signal.code: signal.severity for signal in rules.signals}
    reasons = []
    for code in SIGNALS_SHOWN:
        words = reading.signal(code)
        if code == "FREE_TRAVEL" and valid:
            continue  # the approved opening's terms were checked; what it pays for is not a lure
        if code == "INDIVIDUAL_RECRUITER" and (words or reading.phones):
            reasons.append(Reason(code, severity[code], {"words": words, "phone": bool(reading.phones)}))
        elif words:
            reasons.append(Reason(code, severity[code], {"words": words}))
    return reasons


def _escalations(reasons: list[Reason], reading: Reading, rules: OfferRules) -> list[Reason]:
    present = {r.code for r in reasons}
    if set(reading.countries) & rules.scam_region:
        present.add("SCAM_REGION")
    return [Reason(e.code, e.severity, {"because": sorted(present & (e.all_of | e.any_of))})
            for e in rules.escalations if e.all_of <= present and present & e.any_of]
