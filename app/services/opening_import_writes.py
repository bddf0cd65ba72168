"""Writing checked opening records: partner cities and employers the import vouches for, then the openings.

The caller holds the transaction, audits the import as a whole and commits. Openings are few (a partner
employer's spreadsheet, not a registry), so they go through the ORM and the terms code of the web form.
"""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.domain import codes
from app.domain.clock import utcnow
from app.domain.opening_import_rules import Channel, name_key
from app.domain.opening_legality import DESTINATION, CheckResult
from app.domain.opening_records import OpeningRecord
from app.extensions import db
from app.models import Employer, Opening, PartnerCity, PartnerCitySector, Sector
from app.services import audit
from app.services.audit import Actor
from app.services.opening_terms import OpeningTerms, apply_terms

CODE_ATTEMPTS = 20
KIND_MAX = 120  # PartnerCity.agreement_kind


@dataclass(frozen=True)
class Accepted:
    """A record that passed every check, where it goes, and the legality results it passed."""
    record: OpeningRecord
    channel: Channel
    results: list[CheckResult]


@dataclass
class Written:
    """The ids of what the import wrote, for the summary and the audit entry."""
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    approved: list[int] = field(default_factory=list)
    cities: list[int] = field(default_factory=list)
    employers: list[int] = field(default_factory=list)


def vouched_by(actor: Actor) -> str:
    who = actor.label if actor.user_id is not None else "the command line"
    return f"Created by import — vouched for by {who}"[:KIND_MAX]


def new_city(record: OpeningRecord, actor: Actor, today: date, sector_codes) -> PartnerCity:
    """A partner city the person importing vouches for: an agreement in force from today, all sectors, no end."""
    city = PartnerCity(name=record.partner_city, country_code=record.country_code, agreement_kind=vouched_by(actor),
                       agreement_status="active", agreement_signed_on=today, agreement_expires_on=None,
                       notes="Created by `flask openings import`: enter the agreement's real dates and scan.")
    city.sectors = [PartnerCitySector(sector_code=code) for code in sector_codes]
    return city


def new_employer(record: OpeningRecord, actor: Actor) -> Employer:
    """An employer the person importing vouches for: verified at once."""
    return Employer(legal_name=record.employer, status="verified", reviewed_by_id=actor.user_id,
                    reviewed_at=utcnow())


def terms_of(record: OpeningRecord, city_name: str, stored: Opening | None) -> OpeningTerms:
    """The record as the terms of an opening; what the import does not carry (benefits) stays as stored."""
    return OpeningTerms(
        title=record.title, sector_code=record.sector_code, city=city_name, country_code=record.country_code,
        occupation_code=record.occupation_code, positions=record.positions, scheme_codes=list(record.scheme_codes),
        skills={importance: list(terms) for importance, terms in record.skills.items()},
        language_level_id=record.language_level_id, min_education_code=record.min_education_code,
        min_age=record.min_age, max_age=record.max_age, start_date=record.start_date,
        contract_months=record.contract_months, hours_per_week=record.hours_per_week,
        monthly_wage=record.monthly_wage, currency=record.currency, accommodation=record.accommodation,
        benefits=stored.benefits if stored else None, worker_costs_idr=record.worker_costs_idr,
        deadline=record.deadline, description=record.description, annual_leave_days=record.annual_leave_days,
        insurance=record.insurance,
    )


def write_records(accepted: list[Accepted], stored: dict[str, Opening], actor: Actor, today: date) -> Written:
    """Create what is new, update what is stored; approved records are approved as the web would."""
    writer = _Writer(actor, today)
    for item in accepted:
        writer.write(item, stored.get(item.record.ref))
    db.session.flush()
    writer.written.created = [o.id for o in writer.created]
    writer.written.updated = [o.id for o in writer.updated]
    writer.written.approved = [o.id for o in writer.approved]
    return writer.written


class _Writer:
    def __init__(self, actor: Actor, today: date):
        self.actor, self.today, self.now = actor, today, utcnow()
        self.written = Written()
        self.created: list[Opening] = []
        self.updated: list[Opening] = []
        self.approved: list[Opening] = []
        self.cities: dict[tuple[str, str], PartnerCity] = {}
        self.employers: dict[tuple, Employer] = {}
        self.codes = set(db.session.scalars(select(Opening.code).where(Opening.code.is_not(None))))

    def write(self, item: Accepted, opening: Opening | None) -> None:
        record = item.record
        employer = self._employer(record, item.channel.employer_id, item.channel.city_id)
        terms = terms_of(record, employer.partner_city.name, opening)
        if opening is None:
            opening = Opening(employer_id=employer.id, ref=record.ref, status="draft")
            opening.employer = employer
            changed = apply_terms(opening, terms)
            db.session.add(opening)
            self.created.append(opening)
        else:
            changed = apply_terms(opening, terms)
            self.updated.append(opening)
        if self._settle_status(opening, record, item.results, changed):
            self.approved.append(opening)

    def _city(self, record: OpeningRecord, city_id: int | None) -> PartnerCity:
        if city_id is not None:
            return db.session.get(PartnerCity, city_id)
        key = (name_key(record.partner_city), record.country_code)
        if key not in self.cities:
            sectors = sorted(db.session.scalars(select(Sector.code)))
            city = new_city(record, self.actor, self.today, sectors)
            db.session.add(city)
            db.session.flush()
            audit.record(self.actor, "city_created_by_import", city, country=city.country_code, status="active",
                         sectors=sectors)
            self.cities[key] = city
            self.written.cities.append(city.id)
        return self.cities[key]

    def _employer(self, record: OpeningRecord, employer_id: int | None, city_id: int | None) -> Employer:
        if employer_id is not None:
            return db.session.get(Employer, employer_id)
        city = self._city(record, city_id)
        key = (name_key(record.employer), city.id)
        if key not in self.employers:
            employer = new_employer(record, self.actor)
            employer.partner_city = city
            db.session.add(employer)
            db.session.flush()
            audit.record(self.actor, "employer_created_by_import", employer, partner_city_id=city.id,
                         status="verified")
            self.employers[key] = employer
            self.written.employers.append(employer.id)
        return self.employers[key]

    def _settle_status(self, opening: Opening, record: OpeningRecord, results: list[CheckResult],
                       changed: list[str]) -> bool:
        """Give the opening the record's status; returns whether the import approved it now."""
        if record.status != "approved":
            opening.status = record.status
            return False
        justification = record.caution_justification or opening.caution_justification
        if opening.status == "approved" and not changed and justification == opening.caution_justification:
            return False  # approved already, as it stands
        destination = next(r for r in results if r.code == DESTINATION)
        # As on the web: a justification is kept only where the destination calls for one.
        opening.caution_justification = justification if destination.data["status"] == "caution" else None
        opening.code = opening.code or self._fresh_code()
        opening.status, opening.reviewed_by_id = "approved", self.actor.user_id
        opening.reviewed_at = opening.approved_at = self.now
        return True

    def _fresh_code(self) -> str:
        """A verification code no opening has, stored or written by this import (rare clashes draw again)."""
        for _attempt in range(CODE_ATTEMPTS):
            code = codes.new_opening_code()
            if code not in self.codes:
                self.codes.add(code)
                return code
        raise RuntimeError("no free verification code after several draws")
