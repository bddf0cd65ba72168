"""Partner cities and their agreements: the channel through which employers may post openings."""
from dataclasses import dataclass, field
from datetime import date

import pycountry
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.domain.vocab import AGREEMENT_STATUSES
from app.extensions import db
from app.models import Employer, PartnerCity, PartnerCitySector, Sector, Upload, User
from app.services import audit
from app.services.audit import Actor
from app.services.registration import Problem
from app.services.uploads import UploadRefused, delete_upload, store_upload

# The columns a coordinator edits, as named in PartnerInput and in the audit's list of changes.
EDITED = {"name": "name", "country_code": "country_code", "agreement_kind": "agreement_kind",
          "signed_on": "agreement_signed_on", "expires_on": "agreement_expires_on", "status": "agreement_status",
          "contact_name": "contact_name", "contact_email": "contact_email", "notes": "notes"}


@dataclass
class PartnerInput:
    name: str
    country_code: str
    status: str
    agreement_kind: str | None = None
    signed_on: date | None = None
    expires_on: date | None = None
    sector_codes: list[str] = field(default_factory=list)
    contact_name: str | None = None
    contact_email: str | None = None
    notes: str | None = None


@dataclass
class Scan:
    """An agreement scan as uploaded: its bytes and the name the browser gave it."""
    data: bytes
    name: str


class PartnerRefused(Exception):
    """The input breaks a rule; `problems` name the field and a code the web layer words."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


def country_name(code: str | None) -> str | None:
    """The English short name of an ISO 3166 alpha-2 code; None if it is not one."""
    country = pycountry.countries.get(alpha_2=(code or "").strip().upper()) if code else None
    return getattr(country, "common_name", None) or (country.name if country else None)


def can_post(employer: Employer, on: date) -> bool:
    """Whether the employer's partner city has an agreement in force on that date."""
    city = employer.partner_city
    if city is None or not city.agreement_is_active(on):
        return False
    return city.agreement_signed_on is None or city.agreement_signed_on <= on


def covers_sector(city: PartnerCity, sector_code: str | None) -> bool:
    """Whether the agreement names this sector (an agreement naming none covers none)."""
    return any(s.sector_code == sector_code for s in city.sectors)


def list_partners(status: str | None = None) -> list[tuple[PartnerCity, int]]:
    """Partner cities by name, each with how many employers are registered under it."""
    employers = (select(func.count(Employer.id)).where(Employer.partner_city_id == PartnerCity.id)
                 .correlate(PartnerCity).scalar_subquery())
    query = select(PartnerCity, employers).options(selectinload(PartnerCity.sectors)).order_by(PartnerCity.name)
    if status:
        query = query.where(PartnerCity.agreement_status == status)
    return [(city, count) for city, count in db.session.execute(query)]


def employers_of(city: PartnerCity) -> list[Employer]:
    return list(db.session.scalars(select(Employer).where(Employer.partner_city_id == city.id)
                                   .order_by(Employer.legal_name)))


def create_partner(data: PartnerInput, by: Actor, scan: Scan | None = None) -> PartnerCity:
    """Add a partner city with its agreement; audited."""
    _check(data)
    upload = _store_scan(scan, by)
    city = PartnerCity()
    _apply(city, data)
    db.session.add(city)
    db.session.flush()
    city.agreement_upload_id = upload.id if upload else None
    audit.record(by, "partner_city_created", city, country=city.country_code, status=city.agreement_status,
                 sectors=sorted(data.sector_codes), agreement_upload_id=city.agreement_upload_id)
    db.session.commit()
    return city


def update_partner(city: PartnerCity, data: PartnerInput, by: Actor, scan: Scan | None = None) -> PartnerCity:
    """Change a partner city or its agreement; the audit names each changed field."""
    _check(data)
    upload = _store_scan(scan, by)
    before = {name: getattr(city, column) for name, column in EDITED.items()}
    sectors_before = sorted(s.sector_code for s in city.sectors)
    _apply(city, data)
    changed = [name for name, column in EDITED.items() if getattr(city, column) != before[name]]
    if sorted(data.sector_codes) != sectors_before:
        changed.append("sectors")
    if upload is not None:
        _replace_scan(city, upload)
        changed.append("agreement_scan")
    if changed:
        db.session.flush()
        audit.record(by, "partner_city_changed", city, changed=changed, status=city.agreement_status,
                     agreement_upload_id=city.agreement_upload_id)
    db.session.commit()
    return city


def _check(data: PartnerInput) -> None:
    problems = []
    if not (data.name or "").strip():
        problems.append(Problem("name", "REQUIRED"))
    if country_name(data.country_code) is None:
        problems.append(Problem("country_code", "UNKNOWN_COUNTRY"))
    if data.status not in AGREEMENT_STATUSES:
        problems.append(Problem("agreement_status", "UNKNOWN_STATUS"))
    if data.signed_on and data.expires_on and data.expires_on < data.signed_on:
        problems.append(Problem("agreement_expires_on", "EXPIRES_BEFORE_SIGNED"))
    if data.status == "active" and data.signed_on is None:
        problems.append(Problem("agreement_signed_on", "ACTIVE_NEEDS_SIGNED_DATE"))
    known = set(db.session.scalars(select(Sector.code)))
    if set(data.sector_codes) - known:
        problems.append(Problem("sector_codes", "UNKNOWN_SECTOR"))
    if problems:
        raise PartnerRefused(problems)


def _apply(city: PartnerCity, data: PartnerInput) -> None:
    city.name = data.name.strip()
    city.country_code = data.country_code.strip().upper()
    city.agreement_kind = _blank_to_none(data.agreement_kind)
    city.agreement_signed_on, city.agreement_expires_on = data.signed_on, data.expires_on
    city.agreement_status = data.status
    city.contact_name = _blank_to_none(data.contact_name)
    city.contact_email = _blank_to_none(data.contact_email.strip().lower() if data.contact_email else None)
    city.notes = _blank_to_none(data.notes)
    wanted = set(data.sector_codes)
    # Remove and add only the differences: a row deleted and added again in one flush would clash on its key.
    for covered in [s for s in city.sectors if s.sector_code not in wanted]:
        city.sectors.remove(covered)
    have = {s.sector_code for s in city.sectors}
    city.sectors.extend(PartnerCitySector(sector_code=code) for code in sorted(wanted - have))


def _store_scan(scan: Scan | None, by: Actor) -> Upload | None:
    """Check and store an agreement scan before anything else changes: a refused file refuses the change."""
    if scan is None:
        return None
    try:
        return store_upload(scan.data, scan.name, db.session.get(User, by.user_id) if by.user_id else None)
    except UploadRefused as refused:
        raise PartnerRefused([Problem("scan", refused.code)]) from refused


def _replace_scan(city: PartnerCity, upload: Upload) -> None:
    old = scan_of(city)
    db.session.flush()
    city.agreement_upload_id = upload.id
    if old is not None:
        delete_upload(old)


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def scan_of(city: PartnerCity) -> Upload | None:
    """The agreement scan's upload row, or None."""
    return db.session.get(Upload, city.agreement_upload_id) if city.agreement_upload_id else None
