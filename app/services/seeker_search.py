"""Coordinators find seekers and read one seeker's whole record; both reads are audited.

NIKs are stored encrypted, so a NIK is found only whole, through its keyed hash; part of a NIK
cannot be searched.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import selectinload

from app.domain.clock import utcnow, whole_years_between
from app.domain.nik import normalise_nik
from app.extensions import db
from app.models import Certification, ErasureRequest, Placement, SeekerProfile
from app.security.crypto import decrypt, keyed_hash, mask
from app.services import audit
from app.services.audit import Actor
from app.services.consents import ConsentState, consent_history, consent_states
from app.services.erasure import latest_request

PAGE_SIZE = 25


@dataclass(frozen=True)
class SeekerQuery:
    name: str = ""
    nik: str = ""  # all 16 digits, or nothing
    kelurahan_code: str = ""
    education_code: str = ""
    scheme_code: str = ""
    certification_status: str = ""
    page: int = 1

    def filters(self) -> dict:
        """What was searched, for the audit log: which filters were used, never a name or a NIK."""
        used = {"name": bool(self.name.strip()), "nik": bool(self.nik.strip())}
        used.update({k: v for k, v in (("kelurahan", self.kelurahan_code), ("education", self.education_code),
                                       ("scheme", self.scheme_code), ("status", self.certification_status)) if v})
        return used


@dataclass(frozen=True)
class SeekerRow:
    id: int
    full_name: str
    masked_nik: str
    age: int
    kelurahan: str | None
    education_code: str | None
    verified_certifications: int


@dataclass(frozen=True)
class SearchPage:
    rows: list[SeekerRow]
    total: int
    page: int
    pages: int


@dataclass
class SeekerRecord:
    profile: SeekerProfile
    nik: str | None
    passport_number: str | None
    age: int
    placements: list[Placement]
    consents: dict[str, ConsentState]
    consent_history: list = field(default_factory=list)
    erasure_request: ErasureRequest | None = None


def _verified_count():
    return (select(func.count(Certification.id))
            .where(Certification.seeker_id == SeekerProfile.id, Certification.status == "verified")
            .correlate(SeekerProfile).scalar_subquery())


def _filtered(q: SeekerQuery) -> Select:
    statement = select(SeekerProfile).where(SeekerProfile.erased_at.is_(None))
    if q.name.strip():
        statement = statement.where(SeekerProfile.full_name.icontains(q.name.strip(), autoescape=True))
    if q.nik.strip():
        statement = statement.where(SeekerProfile.nik_hash == keyed_hash(normalise_nik(q.nik), "nik"))
    if q.kelurahan_code:
        statement = statement.where(SeekerProfile.kelurahan_code == q.kelurahan_code)
    if q.education_code:
        statement = statement.where(SeekerProfile.education_code == q.education_code)
    if q.scheme_code or q.certification_status:
        certified = [Certification.seeker_id == SeekerProfile.id]
        if q.scheme_code:
            certified.append(Certification.scheme_code == q.scheme_code)
        if q.certification_status:
            certified.append(Certification.status == q.certification_status)
        statement = statement.where(exists().where(*certified))
    return statement


def search_seekers(q: SeekerQuery, by: Actor, today: date | None = None) -> SearchPage:
    """One page of the seekers matching every filter given, by name; records who saw which seekers."""
    today = today or utcnow().date()
    statement = _filtered(q)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, q.page), pages)
    found = db.session.execute(
        statement.add_columns(_verified_count()).options(selectinload(SeekerProfile.kelurahan))
        .order_by(func.lower(SeekerProfile.full_name), SeekerProfile.id)
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    rows = [SeekerRow(s.id, s.full_name, mask(decrypt(s.nik_encrypted)) if s.nik_encrypted else "—",
                      whole_years_between(s.birth_date, today), s.kelurahan.name if s.kelurahan else None,
                      s.education_code, verified) for s, verified in found]
    audit.record_now(by, "seekers_searched", object_type="seekers", page=page, total=total,
                     shown=[r.id for r in rows], **q.filters())
    return SearchPage(rows, total, page, pages)


def seeker_record(seeker_id: int, by: Actor, today: date | None = None) -> SeekerRecord | None:
    """A seeker's full record for a coordinator (NIK in full); the look-up is audited. None if not there."""
    profile = db.session.get(SeekerProfile, seeker_id)
    if profile is None or profile.erased_at is not None:
        return None
    placements = list(db.session.scalars(select(Placement).where(Placement.seeker_id == seeker_id)
                                         .order_by(Placement.created_at.desc(), Placement.id.desc())))
    record = SeekerRecord(
        profile=profile, nik=decrypt(profile.nik_encrypted) if profile.nik_encrypted else None,
        passport_number=decrypt(profile.passport_encrypted) if profile.passport_encrypted else None,
        age=whole_years_between(profile.birth_date, today or utcnow().date()), placements=placements,
        consents=consent_states(seeker_id), consent_history=consent_history(seeker_id),
        erasure_request=latest_request(seeker_id))
    audit.record_now(by, "seeker_viewed", profile)
    return record
