"""Bulk import of seekers from the manpower office's files: check every record, then write all or nothing.

Without `skip_invalid` one invalid record refuses the whole file; with it, the valid records are
imported and the others reported. Problems in the file itself (a CSV header, its encoding) always
refuse it. Seekers with an e-mail get a login account without a password (they set one through
"forgot password"); seekers without one get no account yet (user_id NULL).
"""
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.clock import utcnow
from app.domain.seeker_fields import Lookups
from app.domain.seeker_import_rules import RecordKeys, check_across, record_keys
from app.domain.seeker_records import SeekerRecord, check_record
from app.domain.skills import normalise_term
from app.extensions import db
from app.models import (
    CertificationScheme,
    EducationLevel,
    Kelurahan,
    LanguageLevel,
    Province,
    Sector,
    SeekerProfile,
    Skill,
    SkillAlias,
    User,
)
from app.security.crypto import keyed_hash
from app.services import audit
from app.services.audit import Actor
from app.services.seeker_import_files import LineProblem, read_records
from app.services.seeker_import_writes import Stored, write_records


@dataclass
class ImportReport:
    file: str
    records: int  # records read, and lines that could not be read as one
    created: int = 0
    updated: int = 0
    skipped: int = 0
    imported: bool = False
    problems: list[LineProblem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return not self.imported


@dataclass(frozen=True)
class _Taken:
    """Who holds what must stay unique: NIK hash and e-mail -> the holder's ref (None if it has none)."""
    niks: dict[str, str | None]
    emails: dict[str, str | None]
    erased_refs: frozenset[str]


@dataclass
class _Checked:
    valid: list[SeekerRecord]
    problems: list[LineProblem]
    invalid_lines: set[int]
    nik_hashes: dict[str, str]  # NIK -> its keyed hash, computed once for the checks and the writes


def import_seekers(path: Path, fmt: str, actor: Actor, *, skip_invalid: bool = False,
                   today: date | None = None) -> ImportReport:
    """Check every record of the file, then import them in one transaction, or refuse with every problem."""
    source = read_records(path, fmt)
    stored, taken = _load_stored()
    checked = _check(source.records, _load_lookups(today or utcnow().date()), taken)
    unreadable = set() if source.fatal else {p.line for p in source.problems}  # lines that are not records
    report = ImportReport(path.name, len(source.records) + len(unreadable))
    report.problems = sorted(source.problems + checked.problems, key=lambda p: p.line)
    if source.fatal or (report.problems and not skip_invalid):
        report.skipped = report.records
        return report
    try:
        written = write_records(checked.valid, stored, checked.nik_hashes, actor.user_id, utcnow())
        report.created, report.updated, report.imported = written.created, written.updated, True
        report.skipped = len(checked.invalid_lines | unreadable)
        audit.record(actor, "seekers_imported", object_type="seekers", file=path.name, format=fmt,
                     records=report.records, created=report.created, updated=report.updated,
                     skipped=report.skipped, certifications_verified=written.certifications_verified)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


def _check(records: list[tuple[int, dict]], lookups: Lookups, taken: _Taken) -> _Checked:
    checked, keys, hashes = [], [], {}
    for line, raw in records:
        record, problems = check_record(raw, lookups)
        checked.append((line, record, problems))
        key = record_keys(line, raw)
        if key.nik and key.nik not in hashes:
            hashes[key.nik] = keyed_hash(key.nik, "nik")
        keys.append(RecordKeys(line, key.ref, hashes.get(key.nik), key.email))
    across = check_across(keys, taken.niks, taken.emails, taken.erased_refs)
    result = _Checked([], [], set(), hashes)
    for line, record, problems in checked:
        problems = problems + across.get(line, [])
        if problems:
            result.problems += [LineProblem(line, problem) for problem in problems]
            result.invalid_lines.add(line)
        else:
            result.valid.append(record)
    return result


def _load_lookups(today: date) -> Lookups:
    """The reference data, one query per table."""
    levels = db.session.execute(select(LanguageLevel.test_code, LanguageLevel.code, LanguageLevel.id)).all()
    skill_terms = dict(db.session.execute(select(Skill.id, Skill.term)).all())
    aliases = {normalise_term(alias): (skill_terms[skill_id], skill_id)
               for alias, skill_id in db.session.execute(select(SkillAlias.alias, SkillAlias.skill_id))}
    return Lookups(
        today=today,
        province_codes=frozenset(db.session.scalars(select(Province.code))),
        kelurahan_codes=frozenset(db.session.scalars(select(Kelurahan.code))),
        education_codes=_by_casefold(select(EducationLevel.code)),
        scheme_codes=_by_casefold(select(CertificationScheme.code)),
        sector_codes=_by_casefold(select(Sector.code)),
        language_tests={test.casefold(): test for test, _, _ in levels},
        language_levels={(test, code.casefold()): level_id for test, code, level_id in levels},
        skill_aliases=aliases,
    )


def _by_casefold(query) -> dict[str, str]:
    return {code.casefold(): code for code in db.session.scalars(query)}


def _load_stored() -> tuple[Stored, _Taken]:
    """Seekers by ref, and who holds each NIK hash and e-mail: one query each."""
    seekers = db.session.execute(select(SeekerProfile.ref, SeekerProfile.id, SeekerProfile.user_id,
                                        SeekerProfile.nik_hash, SeekerProfile.erased_at)).all()
    emails = dict(db.session.execute(select(User.id, User.email).where(User.email.is_not(None))).all())
    ref_of_user = {user_id: ref for ref, _, user_id, _, _ in seekers if user_id is not None}
    stored = Stored({ref: (seeker_id, user_id) for ref, seeker_id, user_id, _, _ in seekers if ref is not None},
                    emails)
    taken = _Taken(
        niks={nik_hash: ref for ref, _, _, nik_hash, _ in seekers if nik_hash is not None},
        emails={email: ref_of_user.get(user_id) for user_id, email in emails.items()},
        erased_refs=frozenset(ref for ref, _, _, _, erased in seekers if ref is not None and erased is not None),
    )
    return stored, taken
