"""Coming home: a returnee keeps a verified record of the work done abroad, and may apply again."""
from sqlalchemy import exists, select

from app.domain.experience import experience_years
from app.domain.returns import experience_place, months_abroad
from app.extensions import db
from app.models import Experience, Placement
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today


def record_return_experience(placement: Placement) -> Experience | None:
    """Add the verified experience of a returned placement (once); the profile's years follow the entries."""
    if placement.stage != "returned":
        return None
    opening, seeker = placement.opening, placement.seeker
    title = opening.title[:120]
    place = experience_place(opening.employer.legal_name, opening.city)
    if db.session.scalar(select(exists().where(Experience.seeker_id == seeker.id, Experience.verified.is_(True),
                                               Experience.title == title, Experience.place == place))):
        return None
    entry = Experience(title=title, place=place, occupation_code=opening.occupation_code, verified=True,
                       months=months_abroad(placement.departure_date, placement.returned_on or local_today()))
    seeker.experiences.append(entry)
    seeker.experience_years = experience_years(e.months for e in seeker.experiences)
    db.session.flush()
    audit.record(Actor.system("returns"), "return_experience_recorded", seeker, placement_id=placement.id,
                 experience_id=entry.id, months=entry.months)
    db.session.commit()
    return entry
