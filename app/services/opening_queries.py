"""Read-only look-ups of openings: each audience's lists, the public catalogue, codes, occupation search."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.domain.codes import normalise_code
from app.domain.vocab import OPENING_STATUSES
from app.extensions import db
from app.models import (
    AuditEntry,
    CertificationScheme,
    EducationLevel,
    Employer,
    LanguageLevel,
    LanguageTest,
    Occupation,
    OccupationTitle,
    Opening,
    Sector,
)
from app.services.catalogue import local_today

PAGE_SIZE = 20
SEARCH_LIMIT = 15


# --- employers and coordinators -------------------------------------------------------------------------


def _with_details(query):
    return query.options(joinedload(Opening.employer).joinedload(Employer.partner_city),
                         joinedload(Opening.occupation),
                         joinedload(Opening.language_level).joinedload(LanguageLevel.test),
                         selectinload(Opening.certifications), selectinload(Opening.skills))


def employer_openings(employer_id: int) -> list[Opening]:
    """The organisation's openings, most recently changed first."""
    return list(db.session.scalars(select(Opening).where(Opening.employer_id == employer_id)
                                   .order_by(Opening.updated_at.desc(), Opening.id.desc())))


def employer_opening(employer_id: int, opening_id: int) -> Opening | None:
    """One of the organisation's openings; None when it does not exist or belongs to another organisation."""
    return db.session.scalar(_with_details(select(Opening))
                             .where(Opening.id == opening_id, Opening.employer_id == employer_id))


def any_opening(opening_id: int) -> Opening | None:
    return db.session.scalar(_with_details(select(Opening)).where(Opening.id == opening_id))


def review_queue(status: str | None = None) -> list[Opening]:
    """Submitted openings first, the longest waiting first; then the rest, newest change first."""
    waiting = case((Opening.status == "submitted", 0), else_=1)
    query = (select(Opening).options(joinedload(Opening.employer).joinedload(Employer.partner_city))
             .order_by(waiting, case((Opening.status == "submitted", Opening.updated_at)).asc(),
                       Opening.updated_at.desc(), Opening.id))
    if status:
        query = query.where(Opening.status == status)
    return list(db.session.scalars(query))


def counts_by_status() -> dict[str, int]:
    counts = dict(db.session.execute(select(Opening.status, func.count()).group_by(Opening.status)).all())
    return {status: counts.get(status, 0) for status in OPENING_STATUSES}


def history(opening: Opening) -> list[AuditEntry]:
    """The audit entries about this opening, newest first."""
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == Opening.__tablename__,
                                                            AuditEntry.object_id == str(opening.id))
                                   .order_by(AuditEntry.id.desc())))


def sector_names() -> dict[str, Sector]:
    return {s.code: s for s in db.session.scalars(select(Sector))}


def scheme_names() -> dict[str, str]:
    return dict(db.session.execute(select(CertificationScheme.code, CertificationScheme.name)).all())


def education_names() -> dict[str, EducationLevel]:
    return {e.code: e for e in db.session.scalars(select(EducationLevel))}


def occupation_search(text: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """ISCO-08 unit groups whose code starts with, or whose title (English, Indonesian, job titles) contains, text."""
    text = " ".join((text or "").split())[:80]
    if len(text) < 2:
        return []
    if text.isdigit():
        units = select(Occupation.code, Occupation.title_en).where(Occupation.level == "unit",
                                                                     Occupation.code.startswith(text))
        return [{"code": c, "title": t} for c, t in db.session.execute(units.order_by(Occupation.code).limit(limit))]
    pattern = f"%{text.lower()}%"
    groups = select(Occupation.code, Occupation.title_en.label("title")).where(
        Occupation.level == "unit",
        or_(func.lower(Occupation.title_en).like(pattern), func.lower(Occupation.title_id).like(pattern)))
    titles = (select(OccupationTitle.occupation_code, OccupationTitle.title)
              .where(func.lower(OccupationTitle.title).like(pattern)).order_by(func.length(OccupationTitle.title)))
    found: dict[str, str] = {}
    for code, title in [*db.session.execute(groups.limit(limit)), *db.session.execute(titles.limit(limit * 3))]:
        found.setdefault(code, title)
    return [{"code": code, "title": title} for code, title in list(found.items())[:limit]]


# --- the public ------------------------------------------------------------------------------------------


@dataclass
class PublicFilters:
    country: str | None = None
    sector: str | None = None
    occupation: str | None = None
    language: str | None = None
    start_from: date | None = None
    start_to: date | None = None

    def conditions(self) -> list:
        wanted = []
        if self.country:
            wanted.append(Opening.country_code == self.country.upper())
        if self.sector:
            wanted.append(Opening.sector_code == self.sector)
        if self.occupation:
            wanted.append(Opening.occupation_code.startswith(self.occupation))
        if self.language:
            wanted.append(LanguageTest.language == self.language)
        if self.start_from:
            wanted.append(Opening.start_date >= self.start_from)
        if self.start_to:
            wanted.append(Opening.start_date <= self.start_to)
        return wanted


@dataclass
class PublicRow:
    opening: Opening
    sector_en: str
    sector_id: str


@dataclass
class PublicPage:
    rows: list[PublicRow]
    total: int
    page: int
    pages: int
    filters: PublicFilters = field(default_factory=PublicFilters)


def _public(today: date):
    """Approved openings still taking applications (none whose deadline has passed)."""
    return (Opening.status == "approved", or_(Opening.deadline.is_(None), Opening.deadline >= today))


def public_page(filters: PublicFilters, page: int = 1, today: date | None = None) -> PublicPage:
    """One page of the public catalogue, newest approval first, in a single query (the total rides along)."""
    page = max(page, 1)
    query = (
        select(Opening, Sector.name_en, Sector.name_id, func.count().over().label("total"))
        .join(Opening.employer).join(Employer.partner_city)
        .join(Sector, Sector.code == Opening.sector_code)
        .outerjoin(Opening.occupation)
        .outerjoin(Opening.language_level).outerjoin(LanguageLevel.test)
        .options(contains_eager(Opening.employer).contains_eager(Employer.partner_city),
                 contains_eager(Opening.occupation),
                 contains_eager(Opening.language_level).contains_eager(LanguageLevel.test))
        .where(*_public(today or local_today()), *filters.conditions())
        .order_by(Opening.approved_at.desc(), Opening.id.desc())
        .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    )
    result = db.session.execute(query).all()
    total = result[0].total if result else 0
    rows = [PublicRow(r.Opening, r.name_en, r.name_id) for r in result]
    return PublicPage(rows, total, page, max(1, -(-total // PAGE_SIZE)), filters)


@dataclass
class Facets:
    countries: list[str]
    sectors: list[tuple[str, str, str]]
    occupations: list[tuple[str, str, str | None]]
    languages: list[str]


def public_facets(today: date | None = None) -> Facets:
    """The filter choices: only values that public openings actually have, in one query."""
    query = (select(Opening.country_code, Sector.code, Sector.name_en, Sector.name_id, Occupation.code,
                    Occupation.title_en, Occupation.title_id, LanguageTest.language).distinct()
             .join(Sector, Sector.code == Opening.sector_code).outerjoin(Opening.occupation)
             .outerjoin(Opening.language_level).outerjoin(LanguageLevel.test)
             .where(*_public(today or local_today())))
    rows = db.session.execute(query).all()
    return Facets(
        countries=sorted({r[0] for r in rows}),
        sectors=sorted({(r[1], r[2], r[3]) for r in rows}),
        occupations=sorted({(r[4], r[5], r[6]) for r in rows if r[4]}),
        languages=sorted({r[7] for r in rows if r[7]}),
    )


def public_opening(code: str) -> Opening | None:
    """The approved opening with this verification code; None for any other opening or code."""
    code = normalise_code(code)
    if not code:
        return None
    return db.session.scalar(_with_details(select(Opening)).where(Opening.code == code, Opening.status == "approved"))


def code_status(raw: str) -> tuple[str, str]:
    """(state, normalised code): state is `approved`, `not_current` (a real code, but the opening is under
    review again or closed), `unknown` or `malformed`."""
    code = normalise_code(raw)
    if not code:
        return "malformed", ""
    status = db.session.scalar(select(Opening.status).where(Opening.code == code))
    if status is None:
        return "unknown", code
    return ("approved" if status == "approved" else "not_current"), code
