"""Cek Tawaran: check an offer against the register (its code, the destination rules, approved wages).

Checking stores nothing and audits nothing: anyone may check as often as they like.
"""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.domain.codes import normalise_code
from app.domain.offer_check import CodeLookup, Facts, Offer, OfferVerdict, check_offer, code_to_look_up
from app.domain.offer_rules import WageNorm
from app.extensions import db
from app.models import Opening
from app.services.catalogue import local_today
from app.services.destination_rules import rules_facts


def lookup_code(raw: str | None, today: date) -> CodeLookup | None:
    """What the register says about a typed code; None when the offer gave none."""
    if not raw:
        return None
    code = normalise_code(raw)
    if not code:
        return CodeLookup("malformed", raw.strip()[:40])
    opening = db.session.scalar(select(Opening).options(joinedload(Opening.employer)).where(Opening.code == code))
    if opening is None:
        return CodeLookup("unknown", code)
    taking = opening.status == "approved" and (opening.deadline is None or opening.deadline >= today)
    return CodeLookup("approved" if taking else "not_current", code, employer=opening.employer.legal_name,
                      country=opening.country_code, city=opening.city, title=opening.title,
                      sector=opening.sector_code, monthly_wage=opening.monthly_wage, currency=opening.currency,
                      worker_costs_idr=opening.worker_costs_idr)


def register_norms() -> tuple[WageNorm, ...]:
    """The highest wage of the approved openings, per country, sector and currency."""
    rows = db.session.execute(
        select(Opening.country_code, Opening.sector_code, Opening.currency, func.max(Opening.monthly_wage))
        .where(Opening.status == "approved", Opening.monthly_wage.is_not(None), Opening.currency.is_not(None))
        .group_by(Opening.country_code, Opening.sector_code, Opening.currency))
    return tuple(WageNorm(country, sector, currency, highest, source="openings")
                 for country, sector, currency, highest in rows if highest)


def check(offer: Offer, today: date | None = None) -> OfferVerdict:
    """The verdict on an offer, with what the register knows about it."""
    today = today or local_today()
    facts = Facts(today, lookup_code(code_to_look_up(offer), today), tuple(rules_facts()), register_norms())
    return check_offer(offer, facts)
