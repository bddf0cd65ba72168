"""Factories for the matcher's tests: approved openings and candidates, inserted directly.

`make_candidate` goes through the ORM (so the change feed sees it, as it sees any profile edit);
`bulk_candidates` inserts many rows with one statement per table (as the seekers import does) and
appends their feed rows itself.
"""
import itertools
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select

from app.domain.clock import utcnow
from app.domain.codes import new_opening_code
from app.extensions import db
from app.models import (
    Certification,
    Consent,
    Experience,
    LanguageLevel,
    Opening,
    OpeningCertification,
    OpeningSkill,
    PreferredCountry,
    PreferredSector,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)
from app.services.matcher.changes import record_seeker_changes
from tests.factories import make_employer

_numbers = itertools.count(1)
START = date(2027, 4, 1)
TODAY = date(2026, 6, 1)


def level_id(test: str, code: str) -> int:
    return db.session.scalar(select(LanguageLevel.id).where(LanguageLevel.test_code == test,
                                                            LanguageLevel.code == code))


def make_opening(skills=(("welding", "must"), ("smaw", "important"), ("grinding", "nice")), schemes=("SKKNI-SMAW",),
                 language: tuple[str, str] | None = ("JLPT", "N4"), employer=None, **overrides) -> Opening:
    """An approved opening in Japan (allowed) under a verified employer and an active agreement."""
    n = next(_numbers)
    fields = {"ref": f"OPEN-{n:04d}", "code": new_opening_code(), "title": f"Welder {n}", "occupation_code": "7212",
              "sector_code": "manufacturing", "city": "Test City", "country_code": "JP", "min_age": 18, "max_age": 35,
              "start_date": START, "status": "approved", "monthly_wage": Decimal(200000), "currency": "JPY",
              "min_education_code": "SMP", "worker_costs_idr": Decimal(0)}
    fields.update(overrides)
    opening = Opening(employer_id=(employer or make_employer()).id, **fields)
    opening.language_level_id = level_id(*language) if language else None
    opening.skills = [OpeningSkill(term=term, importance=importance) for term, importance in skills]
    opening.certifications = [OpeningCertification(scheme_code=s) for s in schemes]
    db.session.add(opening)
    db.session.commit()
    return opening


def make_candidate(skills=("welding", "smaw"), schemes=("SKKNI-SMAW",), language=("JLPT", "N4"),
                   birth_date=date(2000, 5, 17), consent=True, expires_on=date(2029, 1, 1),
                   **overrides) -> SeekerProfile:
    """A seeker eligible for make_opening() by default: consenting, certified, N4, an adult."""
    n = next(_numbers)
    fields = {"ref": f"CAND-{n:05d}", "full_name": f"Candidate {n}", "birth_date": birth_date, "gender": "M",
              "education_code": "SMK", "experience_years": Decimal(2)}
    fields.update(overrides)
    seeker = SeekerProfile(**fields)
    seeker.skills = [SeekerSkill(term=term) for term in skills]
    seeker.certifications = [Certification(scheme_code=s, number=f"N-{n}-{s}", issued_on=date(2024, 1, 1),
                                           expires_on=expires_on, status="verified") for s in schemes]
    seeker.languages = [SeekerLanguage(level_id=level_id(*language))] if language else []
    seeker.consents = [Consent(purpose="matching")] if consent else []
    db.session.add(seeker)
    db.session.commit()
    return seeker


def add_experience(seeker: SeekerProfile, occupation: str, months: int) -> None:
    db.session.add(Experience(seeker_id=seeker.id, title="Job", occupation_code=occupation, months=months))
    db.session.commit()


def bulk_candidates(count: int, first: int = 1, skills=("welding", "smaw", "grinding", "forklift operation",
                                                        "elderly care", "cooking")) -> list[int]:
    """`count` candidates in a few statements; every third lacks the certificate, every seventh consent."""
    now = utcnow()
    n4 = level_id("JLPT", "N4")
    rows = [{"ref": f"BULK-{first + i:07d}", "full_name": f"Bulk {first + i}",
             "birth_date": date(1990 + i % 15, 1 + i % 12, 1 + i % 28), "gender": "MF"[i % 2],
             "education_code": ("SMP", "SMA", "SMK", "D3")[i % 4], "experience_years": Decimal(i % 9),
             "created_at": now, "updated_at": now} for i in range(count)]
    ids = list(db.session.scalars(insert(SeekerProfile).returning(SeekerProfile.id, sort_by_parameter_order=True),
                                  rows))
    db.session.execute(insert(SeekerSkill), [{"seeker_id": s, "term": skills[(i + k) % len(skills)]}
                                             for i, s in enumerate(ids) for k in range(1 + i % 3)])
    db.session.execute(insert(Certification), [
        {"seeker_id": s, "scheme_code": "SKKNI-SMAW", "number": f"B-{s}", "issued_on": date(2024, 1, 1),
         "expires_on": date(2029, 1, 1), "status": "verified", "source": "import", "created_at": now,
         "updated_at": now} for i, s in enumerate(ids) if i % 3])
    db.session.execute(insert(SeekerLanguage), [{"seeker_id": s, "level_id": n4} for s in ids])
    db.session.execute(insert(Consent), [{"seeker_id": s, "purpose": "matching", "granted_at": now,
                                          "given_by": "import"} for i, s in enumerate(ids) if i % 7])
    db.session.execute(insert(PreferredCountry), [{"seeker_id": s, "country_code": "JP"} for s in ids[::2]])
    db.session.execute(insert(PreferredSector), [{"seeker_id": s, "sector_code": "manufacturing"} for s in ids[::3]])
    record_seeker_changes(db.session, ids)
    db.session.commit()
    return ids
