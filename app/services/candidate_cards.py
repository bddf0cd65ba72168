"""The anonymised cards of many candidates at once, read as plain columns (a ranked page shows 50).

The facts are the same as `placement_reads.candidate_facts` builds from one loaded profile (a test
holds the two equal); reading columns instead of ORM objects keeps a page of 50 cards to a few
milliseconds. Nothing read here identifies anyone: no name, NIK, contact, kelurahan or gender.
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from app.domain.candidate_card import CandidateCard, CandidateFacts, HeldCertificate, candidate_card
from app.extensions import db
from app.models import (
    Certification,
    CertificationScheme,
    Kecamatan,
    Kelurahan,
    LanguageLevel,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)


def _grouped(statement) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    for seeker_id, *values in db.session.execute(statement):
        found[seeker_id].append(values[0] if len(values) == 1 else tuple(values))
    return found


def card_facts(seeker_ids: list[int]) -> dict[int, CandidateFacts]:
    """Card facts of these seekers (the erased have none), in five queries."""
    if not seeker_ids:
        return {}
    profiles = db.session.execute(
        select(SeekerProfile.id, SeekerProfile.birth_date, Kecamatan.name, SeekerProfile.regency_code,
               SeekerProfile.education_code, SeekerProfile.experience_years)
        .outerjoin(Kelurahan, SeekerProfile.kelurahan_code == Kelurahan.code)
        .outerjoin(Kecamatan, Kelurahan.kecamatan_code == Kecamatan.code)
        .where(SeekerProfile.id.in_(seeker_ids), SeekerProfile.erased_at.is_(None))).all()
    certificates = _grouped(select(Certification.seeker_id, CertificationScheme.name, Certification.status,
                                   Certification.expires_on).join(CertificationScheme)
                            .where(Certification.seeker_id.in_(seeker_ids)).order_by(Certification.id))
    languages = _grouped(select(SeekerLanguage.seeker_id, LanguageLevel.test_code, LanguageLevel.label)
                         .join(LanguageLevel).where(SeekerLanguage.seeker_id.in_(seeker_ids))
                         .order_by(SeekerLanguage.id))
    skills = _grouped(select(SeekerSkill.seeker_id, SeekerSkill.term).where(SeekerSkill.seeker_id.in_(seeker_ids))
                      .order_by(SeekerSkill.id))
    return {seeker_id: CandidateFacts(
        birth_date=born, kecamatan_name=kecamatan, lives_in_province=regency is not None, education_code=education,
        certificates=tuple(HeldCertificate(*row) for row in certificates[seeker_id]),
        languages=tuple(f"{test} {label}" for test, label in languages[seeker_id]),
        skills=tuple(skills[seeker_id]), experience_years=experience)
        for seeker_id, born, kecamatan, regency, education, experience in profiles}


def cards(seeker_ids: list[int], on: date) -> dict[int, CandidateCard]:
    """The anonymised card of each of these seekers, as on `on`."""
    return {seeker_id: candidate_card(facts, on) for seeker_id, facts in card_facts(seeker_ids).items()}
