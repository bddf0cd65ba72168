"""What the seeker's profile page shows: the profile with its labels, in the reader's language."""
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import EducationLevel, Sector, SeekerProfile
from app.services.profile import labelled_skills
from app.services.profile_preferences import country_name, preference_warnings


def _named(row, locale: str) -> str:
    return row.name_id if locale == "id" else row.name_en


def profile_overview(profile: SeekerProfile, locale: str, today: date) -> dict:
    """Labels for every part of the profile, and warnings about chosen destinations."""
    education = db.session.get(EducationLevel, profile.education_code) if profile.education_code else None
    sector_names = {s.code: _named(s, locale) for s in db.session.scalars(select(Sector))}
    return {
        "education": _named(education, locale) if education else None,
        "skills": labelled_skills(profile, locale),
        "languages": sorted(profile.languages, key=lambda lang: (lang.level.test_code, lang.id)),
        "countries": sorted((country_name(p.country_code, locale) for p in profile.preferred_countries),
                            key=str.casefold),
        "sectors": sorted((sector_names.get(p.sector_code, p.sector_code) for p in profile.preferred_sectors),
                          key=str.casefold),
        "warnings": [{**w, "country_name": country_name(w["country"], locale),
                      "sector_name": sector_names.get(w["sector"]) if w["sector"] else None}
                     for w in preference_warnings(profile, today)],
    }
