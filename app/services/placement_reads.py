"""What each audience may see of applications and placements; every read of a name or contact is audited."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.domain.candidate_card import CandidateCard, CandidateFacts, HeldCertificate, candidate_card, identity_visible
from app.extensions import db
from app.models import (
    Certification,
    EducationLevel,
    Employer,
    Kelurahan,
    Opening,
    Placement,
    SeekerLanguage,
    SeekerProfile,
    User,
)
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today

PAGE_SIZE = 50

_PROFILE = (
    selectinload(Placement.seeker).options(
        joinedload(SeekerProfile.kelurahan).joinedload(Kelurahan.kecamatan),
        joinedload(SeekerProfile.user),
        selectinload(SeekerProfile.certifications).joinedload(Certification.scheme),
        selectinload(SeekerProfile.languages).joinedload(SeekerLanguage.level),
        selectinload(SeekerProfile.skills), selectinload(SeekerProfile.consents)),
)
_OPENING = joinedload(Placement.opening).joinedload(Opening.employer).joinedload(Employer.partner_city)


@dataclass(frozen=True)
class Identity:
    full_name: str
    phone: str | None = None
    email: str | None = None
    may_contact: bool = False  # the seeker agreed to be contacted by partner employers


@dataclass(frozen=True)
class Applicant:
    placement: Placement
    card: CandidateCard
    identity: Identity | None


@dataclass(frozen=True)
class PlacementPage:
    items: list[Placement]
    page: int
    pages: int
    total: int


# --- seekers ----------------------------------------------------------------------------------------


def seeker_applications(seeker_id: int) -> list[Placement]:
    """A seeker's applications, newest first, with their history."""
    return list(db.session.scalars(select(Placement).where(Placement.seeker_id == seeker_id)
                                   .options(_OPENING, selectinload(Placement.events))
                                   .order_by(Placement.created_at.desc(), Placement.id.desc())))


def seeker_placement(seeker_id: int, placement_id: int) -> Placement | None:
    """One of the seeker's own placements; None for anybody else's."""
    return db.session.scalar(select(Placement).where(Placement.id == placement_id,
                                                     Placement.seeker_id == seeker_id))


# --- employers --------------------------------------------------------------------------------------


def employer_opening(employer_id: int, opening_id: int) -> Opening | None:
    return db.session.scalar(select(Opening).where(Opening.id == opening_id, Opening.employer_id == employer_id))


def employer_placement(employer_id: int, placement_id: int) -> Placement | None:
    """A placement on one of the organisation's openings; None for any other."""
    return db.session.scalar(select(Placement).join(Opening).where(
        Placement.id == placement_id, Opening.employer_id == employer_id).options(*_PROFILE, _OPENING))


def candidate_facts(seeker: SeekerProfile) -> CandidateFacts:
    kelurahan = seeker.kelurahan
    return CandidateFacts(
        birth_date=seeker.birth_date, kecamatan_name=kelurahan.kecamatan.name if kelurahan else None,
        lives_in_province=seeker.regency_code is not None, education_code=seeker.education_code,
        certificates=tuple(HeldCertificate(c.scheme.name, c.status, c.expires_on) for c in seeker.certifications),
        languages=tuple(f"{lang.level.test_code} {lang.level.label}" for lang in seeker.languages),
        skills=tuple(skill.term for skill in seeker.skills), experience_years=seeker.experience_years)


def _identity(placement: Placement, with_contact: bool) -> Identity | None:
    if not identity_visible(placement.stage):
        return None
    seeker = placement.seeker
    if not with_contact:
        return Identity(seeker.full_name)
    may_contact = seeker.has_consent("employer_contact")
    email = seeker.user.email if seeker.user else None
    return Identity(seeker.full_name, seeker.phone if may_contact else None, email if may_contact else None,
                    may_contact)


def applicants(opening: Opening, viewer: Actor, stage: str | None = None,
               today: date | None = None) -> list[Applicant]:
    """An opening's applicants as cards; names only for those shortlisted and beyond (audited)."""
    query = select(Placement).where(Placement.opening_id == opening.id).options(*_PROFILE)
    if stage:
        query = query.where(Placement.stage == stage)
    today = today or local_today()
    rows = [Applicant(p, candidate_card(candidate_facts(p.seeker), today), _identity(p, with_contact=False))
            for p in db.session.scalars(query.order_by(Placement.created_at, Placement.id))]
    named = [a.placement.id for a in rows if a.identity]
    if named:
        audit.record_now(viewer, "applicant_names_viewed", opening, placement_ids=named)
    return rows


def applicant(placement: Placement, viewer: Actor, today: date | None = None) -> Applicant:
    """One applicant's card, with name and (if the seeker agreed) contact once shortlisted; audited."""
    card = candidate_card(candidate_facts(placement.seeker), today or local_today())
    identity = _identity(placement, with_contact=True)
    if identity is not None:
        action = "applicant_contact_viewed" if identity.may_contact else "applicant_name_viewed"
        audit.record_now(viewer, action, placement, seeker_id=placement.seeker_id)
    return Applicant(placement, card, identity)


# --- coordinators -----------------------------------------------------------------------------------


def placements(viewer: Actor, stage: str | None = None, opening_id: int | None = None,
               page: int = 1) -> PlacementPage:
    """Every placement, most recently changed first, filtered by stage and opening; the list read is audited."""
    query = select(Placement)
    if stage:
        query = query.where(Placement.stage == stage)
    if opening_id:
        query = query.where(Placement.opening_id == opening_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    items = db.session.scalars(query.options(joinedload(Placement.seeker), _OPENING)
                               .order_by(Placement.updated_at.desc(), Placement.id.desc())
                               .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()
    audit.record_now(viewer, "placements_listed", object_type="placements", stage=stage, opening_id=opening_id,
                     page=page, shown=[p.id for p in items])
    return PlacementPage(list(items), page, pages, total)


def placement_by_id(placement_id: int) -> Placement | None:
    return db.session.get(Placement, placement_id)


def placement_for_coordinator(placement_id: int, viewer: Actor) -> Placement | None:
    """One placement with its seeker and history; the read is audited."""
    placement = db.session.scalar(select(Placement).where(Placement.id == placement_id)
                                  .options(*_PROFILE, _OPENING, selectinload(Placement.events),
                                           selectinload(Placement.items)))
    if placement is not None:
        audit.record_now(viewer, "placement_viewed", placement, seeker_id=placement.seeker_id)
    return placement


def openings_with_placements() -> list[Opening]:
    """The openings that have at least one placement, for the coordinators' filter."""
    return list(db.session.scalars(select(Opening).where(Opening.id.in_(select(Placement.opening_id)))
                                   .order_by(Opening.title, Opening.id)))


def actor_names(placement: Placement) -> dict[int, str]:
    """Display names of the staff and employer users who moved a placement."""
    ids = {e.actor_id for e in placement.events if e.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def education_names() -> dict[str, EducationLevel]:
    return {level.code: level for level in db.session.scalars(select(EducationLevel))}
