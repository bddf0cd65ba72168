"""What an employer may know about an applicant: an anonymised card, and the identity only after shortlisting.

Pure: plain facts in, a card out. Nothing here can carry a NIK, an address or a document: the facts
do not have them.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.clock import whole_years_between
from app.domain.vocab import ACTIVE_STAGES

OUTSIDE_CITY_REGION = "Bangka Belitung"
AGE_BANDS = ((40, "40+"), (35, "35–39"), (30, "30–34"), (25, "25–29"), (18, "18–24"))
UNDER_18 = "<18"

# From shortlisting on, and while the application is open, the employer may know who the applicant is.
IDENTITY_STAGES = ACTIVE_STAGES[ACTIVE_STAGES.index("shortlisted"):]


@dataclass(frozen=True)
class HeldCertificate:
    scheme_name: str
    status: str
    expires_on: date | None = None


@dataclass(frozen=True)
class CandidateFacts:
    birth_date: date
    kecamatan_name: str | None = None   # None when the seeker lives outside the city
    lives_in_province: bool = False     # registered with another regency of Bangka Belitung
    education_code: str | None = None
    certificates: tuple[HeldCertificate, ...] = ()
    languages: tuple[str, ...] = ()     # "JLPT N4"
    skills: tuple[str, ...] = ()
    experience_years: Decimal = Decimal(0)


@dataclass(frozen=True)
class CandidateCard:
    age_band: str
    region: str | None
    education_code: str | None
    certifications: tuple[str, ...]
    languages: tuple[str, ...]
    skills: tuple[str, ...]
    experience_years: Decimal


def age_band(birth_date: date, on: date) -> str:
    age = whole_years_between(birth_date, on)
    return next((band for lowest, band in AGE_BANDS if age >= lowest), UNDER_18)


def region(kecamatan_name: str | None, lives_in_province: bool) -> str | None:
    """Never finer than the kecamatan; outside the city, only the province."""
    if kecamatan_name:
        return kecamatan_name
    return OUTSIDE_CITY_REGION if lives_in_province else None


def short_scheme_name(name: str) -> str:
    """A scheme's name without its parenthesised notes or provider suffix."""
    for cut in (" (", " - "):
        name = name.split(cut, 1)[0]
    return name.strip()


def candidate_card(facts: CandidateFacts, on: date) -> CandidateCard:
    """The anonymised card: only certificates verified and still valid on `on` are shown."""
    schemes = sorted({short_scheme_name(c.scheme_name) for c in facts.certificates
                      if c.status == "verified" and (c.expires_on is None or c.expires_on >= on)})
    return CandidateCard(
        age_band=age_band(facts.birth_date, on), region=region(facts.kecamatan_name, facts.lives_in_province),
        education_code=facts.education_code, certifications=tuple(schemes),
        languages=tuple(sorted(set(facts.languages))), skills=tuple(sorted(set(facts.skills))),
        experience_years=facts.experience_years)


def identity_visible(stage: str) -> bool:
    """Name and contact are shown from shortlisting on; a closed application goes back to the card."""
    return stage in IDENTITY_STAGES
