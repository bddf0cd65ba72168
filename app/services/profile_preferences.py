"""A seeker's preferred destination countries and sectors, checked against the dated destination rules."""
import gettext
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pycountry
from sqlalchemy import or_, select

from app.extensions import db
from app.models import DestinationRule, PartnerCity, PreferredCountry, PreferredSector, Sector, SeekerProfile
from app.services import audit
from app.services.audit import Actor
from app.services.profile import Problem, ProfileRefused


@dataclass(frozen=True)
class CountryChoice:
    code: str
    name: str
    status: str | None  # allowed or caution; None when no rule names the country
    partner: bool  # a partner city of Pangkalpinang lies there


@lru_cache(maxsize=8)
def _catalogue(locale: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)


def country_name(code: str, locale: str) -> str:
    """A country's short name in the interface language (ISO 3166 names; English where no translation)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    return english if locale == "en" else _catalogue(locale).gettext(english)


def _rules_on(today: date):
    return (select(DestinationRule).where(DestinationRule.valid_from <= today,
                                          or_(DestinationRule.valid_to.is_(None), DestinationRule.valid_to >= today))
            .order_by(DestinationRule.valid_from, DestinationRule.id))


def country_statuses(today: date) -> dict[str, str]:
    """Each country's status for every sector today (allowed, caution, blocked); the newest rule wins."""
    rules = db.session.scalars(_rules_on(today).where(DestinationRule.sector_code.is_(None)))
    return {rule.country_code: rule.status for rule in rules}


def sector_blocks(today: date) -> set[tuple[str, str]]:
    """(country, sector) pairs closed today although the country itself may be open (household work)."""
    rules = db.session.scalars(_rules_on(today).where(DestinationRule.sector_code.is_not(None)))
    latest = {(rule.country_code, rule.sector_code): rule.status for rule in rules}
    return {pair for pair, status in latest.items() if status == "blocked"}


def country_choices(locale: str, today: date) -> list[CountryChoice]:
    """Countries a seeker may choose: open or caution today, or home to a partner city; never a blocked one.

    Blocked destinations (Myanmar, Cambodia) are left out rather than offered with a warning: a seeker
    could never be matched there, and the page says why they are missing.
    """
    statuses = country_statuses(today)
    partners = set(db.session.scalars(select(PartnerCity.country_code).where(PartnerCity.agreement_status == "active")))
    codes = {code for code, status in statuses.items() if status != "blocked"} | partners
    choices = [CountryChoice(code, country_name(code, locale), statuses.get(code), code in partners)
               for code in codes if statuses.get(code) != "blocked" and pycountry.countries.get(alpha_2=code)]
    return sorted(choices, key=lambda c: (not c.partner, c.name.casefold()))


def blocked_countries(locale: str, today: date) -> list[str]:
    """Names of the countries closed to placement today, for the note that explains their absence."""
    return sorted(country_name(code, locale) for code, status in country_statuses(today).items() if status == "blocked")


def sectors() -> list[Sector]:
    return list(db.session.scalars(select(Sector).order_by(Sector.code)))


def _problems(countries: list[str], sector_codes: list[str], today: date) -> list[Problem]:
    statuses = country_statuses(today)
    problems = [Problem("countries", "UNKNOWN_COUNTRY", {"code": code}) for code in countries
                if pycountry.countries.get(alpha_2=code) is None]
    problems += [Problem("countries", "COUNTRY_BLOCKED", {"code": code}) for code in countries
                 if statuses.get(code) == "blocked"]
    known = set(db.session.scalars(select(Sector.code).where(Sector.code.in_(sector_codes))))
    problems += [Problem("sectors", "UNKNOWN_SECTOR", {"code": code}) for code in sector_codes if code not in known]
    return problems


def set_preferences(profile: SeekerProfile, countries: list[str], sector_codes: list[str], actor: Actor,
                    today: date) -> None:
    """Replace the preferred countries (ISO 3166 alpha-2) and sectors; blocked destinations are refused."""
    countries = list(dict.fromkeys(c.strip().upper() for c in countries if c and c.strip()))
    sector_codes = list(dict.fromkeys(s.strip() for s in sector_codes if s and s.strip()))
    problems = _problems(countries, sector_codes, today)
    if problems:
        raise ProfileRefused(problems)
    # Change only what changed: deleting and re-adding a row with the same key in one flush collides.
    profile.preferred_countries[:] = [p for p in profile.preferred_countries if p.country_code in countries]
    held = {p.country_code for p in profile.preferred_countries}
    profile.preferred_countries.extend(PreferredCountry(country_code=c) for c in countries if c not in held)
    profile.preferred_sectors[:] = [p for p in profile.preferred_sectors if p.sector_code in sector_codes]
    held = {p.sector_code for p in profile.preferred_sectors}
    profile.preferred_sectors.extend(PreferredSector(sector_code=s) for s in sector_codes if s not in held)
    audit.record(actor, "profile_updated", profile, part="preferences", countries=len(countries),
                 sectors=len(sector_codes))
    db.session.commit()


def preference_warnings(profile: SeekerProfile, today: date) -> list[dict]:
    """Chosen destinations that are closed or need care today: a whole country, or one sector there."""
    statuses = country_statuses(today)
    blocks = sector_blocks(today)
    chosen_sectors = [p.sector_code for p in profile.preferred_sectors]
    warnings = []
    for country in sorted(p.country_code for p in profile.preferred_countries):
        if statuses.get(country) in ("blocked", "caution"):
            warnings.append({"country": country, "sector": None, "status": statuses[country]})
        warnings += [{"country": country, "sector": sector, "status": "blocked"}
                     for sector in chosen_sectors if (country, sector) in blocks]
    return warnings
