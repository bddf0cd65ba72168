"""The readiness checklist of one seeker, from what the database holds about them."""
from datetime import date

from app.domain.readiness import Item, Paper, ReadinessFacts, readiness
from app.domain.vocab import PRE_DEPARTURE_ITEMS
from app.models import SeekerProfile


def readiness_facts(profile: SeekerProfile) -> ReadinessFacts:
    """The plain facts the checklist needs; the profile's relationships are read, nothing is written."""
    documents = tuple(
        Paper(d.status, d.expires_on or (profile.passport_expires_on if d.kind == "passport" else None), d.kind)
        for d in profile.documents if d.kind in PRE_DEPARTURE_ITEMS)
    return ReadinessFacts(
        birth_date=profile.birth_date,
        has_education=bool(profile.education_code),
        skill_count=len(profile.skills),
        has_phone=bool(profile.phone),
        language_count=len(profile.languages),
        languages_with_certificate=sum(1 for lang in profile.languages if lang.upload_id),
        certifications=tuple(Paper(c.status, c.expires_on) for c in profile.certifications),
        documents=documents,
        consents=frozenset(c.purpose for c in profile.consents if c.withdrawn_at is None),
    )


def readiness_of(profile: SeekerProfile, today: date) -> list[Item]:
    """What is done, waiting, missing or expiring soon on the way to working abroad."""
    return readiness(readiness_facts(profile), today)
