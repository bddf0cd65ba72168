"""Bulk import of openings from partner employers' spreadsheets: check every record, then write all or nothing.

Each record is read (app/domain/opening_records.py), matched to its partner city, employer and stored
opening (app/domain/opening_import_rules.py), checked against the terms rules of the web form, and, if
its status is `submitted` or `approved`, against the same legality checks the web's submission and
approval run, on the opening as the record would leave it. Without `skip_invalid` one invalid record
refuses the whole file; with it, the valid records are imported and the others reported.
"""
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.opening_import_rules import (
    Channel,
    Directory,
    StoredCity,
    StoredEmployer,
    StoredOpening,
    legality_problems,
    name_key,
    plan_channel,
)
from app.domain.opening_legality import CheckResult
from app.domain.opening_records import FIELDS, REQUIRED, OpeningLookups, OpeningRecord, check_records, field_order
from app.domain.seeker_fields import Problem
from app.domain.seeker_record_lists import level_spelling
from app.extensions import db
from app.models import (
    CertificationScheme,
    EducationLevel,
    Employer,
    LanguageLevel,
    Occupation,
    Opening,
    PartnerCity,
    Sector,
)
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.opening_import_files import LineProblem, read_records
from app.services.opening_import_writes import Accepted, Written, new_city, new_employer, terms_of, write_records
from app.services.opening_terms import OpeningTerms, TermsRefused, apply_terms, check_terms
from app.services.openings import legality_checks

# The web form's field names, as the import's records name them.
TERM_FIELDS = {"occupation": "isco_code", "sector_code": "sector", "language_level_id": "language",
               "min_education_code": "min_education", "scheme_codes": "required_certifications",
               "country_code": "country", "worker_costs_idr": "worker_costs", "skills_must": "required_skills"}


@dataclass
class ImportReport:
    file: str
    records: int  # records read, and lines that could not be read as one
    created: int = 0
    updated: int = 0
    skipped: int = 0
    imported: bool = False
    written: Written | None = None
    problems: list[LineProblem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return not self.imported


def import_openings(path: Path, fmt: str, actor: Actor, *, skip_invalid: bool = False,
                    create_employers: bool = False, today: date | None = None) -> ImportReport:
    """Check every record of the file, then import them in one transaction, or refuse with every problem."""
    today = today or local_today()
    source = read_records(path, fmt, FIELDS, REQUIRED)
    valid, problems = check_records(source.records, _load_lookups())
    stored = {o.ref: o for o in db.session.scalars(select(Opening).where(Opening.ref.is_not(None)))}
    accepted = _check_each(valid, problems, stored, create_employers, actor, today)
    unreadable = set() if source.fatal else {p.line for p in source.problems}  # lines that are not records
    report = ImportReport(path.name, len(source.records) + len(unreadable))
    report.problems = sorted(source.problems + [LineProblem(line, p) for line, found in problems.items()
                                                for p in found], key=lambda p: p.line)
    if source.fatal or (report.problems and not skip_invalid):
        report.skipped = report.records
        db.session.rollback()
        return report
    try:
        written = write_records(accepted, stored, actor, today)
        report.created, report.updated = len(written.created), len(written.updated)
        report.skipped, report.imported, report.written = len(problems.keys() | unreadable), True, written
        audit.record(actor, "openings_imported", object_type="openings", file=path.name, format=fmt,
                     records=report.records, created=written.created, updated=written.updated,
                     approved=written.approved, skipped=report.skipped, cities_created=written.cities,
                     employers_created=written.employers)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


def _check_each(valid: list[tuple[int, OpeningRecord]], problems: dict[int, list[Problem]],
                stored: dict[str, Opening], create_employers: bool, actor: Actor, today: date) -> list[Accepted]:
    """The records that pass the checks against the database; the others' problems go into `problems`."""
    directory = _load_directory(stored)
    stand_ins = _StandIns(actor, today)
    accepted = []
    for line, record in valid:
        channel, found = plan_channel(record, directory, create_employers)
        results: list[CheckResult] = []
        if found:  # the legality checks need the employer; the terms can still be checked
            found += _terms_problems(terms_of(record, record.partner_city, stored.get(record.ref)))
        else:
            results, found = _check_terms_and_law(record, stand_ins.employer(record, channel), stored.get(record.ref),
                                                  today)
        if found:
            problems[line] = sorted(found, key=field_order)
        else:
            accepted.append(Accepted(record, channel, results))
    return accepted


def _check_terms_and_law(record: OpeningRecord, employer: Employer, stored: Opening | None,
                         today: date) -> tuple[list[CheckResult], list[Problem]]:
    """The web form's rules for the terms, then the legality checks the record's status calls for."""
    terms = terms_of(record, employer.partner_city.name, stored)
    found = _terms_problems(terms)
    if found or record.status == "draft":
        return [], found
    # As on the web, a justification already on record counts when the record brings none.
    justification = record.caution_justification or (stored.caution_justification if stored else None)
    results = legality_checks(_proposal(terms, employer, record.status), today, justification or "")
    return results, legality_problems(record, results)


def _terms_problems(terms: OpeningTerms) -> list[Problem]:
    """The web form's own rules for an opening's terms, named by the record's fields."""
    try:
        check_terms(terms)
    except TermsRefused as refused:
        return [Problem(TERM_FIELDS.get(p.field, p.field), p.code, dict(p.data)) for p in refused.problems]
    return []


def _proposal(terms: OpeningTerms, employer: Employer, status: str) -> Opening:
    """The opening as the record would leave it, outside the session: what the legality checks read."""
    opening = Opening(status=status)
    apply_terms(opening, terms)
    set_committed_value(opening, "employer", employer)
    return opening


class _StandIns:
    """Employers and partner cities as --create-employers would create them, outside the session, one per name."""

    def __init__(self, actor: Actor, today: date):
        self.actor, self.today = actor, today
        self.cities: dict[tuple[str, str], PartnerCity] = {}
        self.employers: dict[tuple, Employer] = {}

    def employer(self, record: OpeningRecord, channel: Channel) -> Employer:
        if channel.employer_id is not None:
            return db.session.get(Employer, channel.employer_id)
        city = db.session.get(PartnerCity, channel.city_id) if channel.city_id is not None else None
        city_key = (name_key(record.partner_city), record.country_code)
        if city is None:
            city = self.cities.setdefault(city_key, new_city(record, self.actor, self.today, sector_codes=()))
        key = (name_key(record.employer), channel.city_id or city_key)
        if key not in self.employers:
            employer = new_employer(record, self.actor)
            # Not `employer.partner_city = city`: the back-reference would put it in a stored city's employers.
            set_committed_value(employer, "partner_city", city)
            self.employers[key] = employer
        return self.employers[key]


def _load_lookups() -> OpeningLookups:
    """The reference data, one query per table."""
    levels = db.session.execute(select(LanguageLevel.test_code, LanguageLevel.code, LanguageLevel.id)).all()
    return OpeningLookups(
        sector_codes=_by_casefold(select(Sector.code)),
        scheme_codes=_by_casefold(select(CertificationScheme.code)),
        education_codes=_by_casefold(select(EducationLevel.code)),
        occupation_codes=frozenset(db.session.scalars(select(Occupation.code).where(Occupation.level == "unit"))),
        language_tests={test.casefold(): test for test, _, _ in levels},
        language_levels={(test, level_spelling(code)): level_id for test, code, level_id in levels},
    )


def _by_casefold(query) -> dict[str, str]:
    return {code.casefold(): code for code in db.session.scalars(query)}


def _load_directory(stored: dict[str, Opening]) -> Directory:
    cities = db.session.execute(select(PartnerCity.id, PartnerCity.name, PartnerCity.country_code)).all()
    employers = db.session.execute(select(Employer.id, Employer.legal_name, Employer.partner_city_id)).all()
    return Directory(
        cities=tuple(StoredCity(*row) for row in cities),
        employers=tuple(StoredEmployer(*row) for row in employers),
        openings={ref: StoredOpening(o.id, o.employer_id, o.status) for ref, o in stored.items()},
    )
