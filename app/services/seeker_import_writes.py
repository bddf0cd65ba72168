"""Writing checked import records in bulk: one statement per batch of rows, not one object per row.

The caller holds the transaction and commits. Re-imported seekers get their fields updated (an
absent e-mail or phone leaves the stored one), their skills, languages and preferences replaced,
their certifications upserted by (scheme, number); consents follow `matching_consent_change`.
"""
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update

from app.domain.seeker_import_rules import imported_certificate_status, matching_consent_change
from app.domain.seeker_records import SeekerRecord
from app.domain.vocab import Role
from app.extensions import db
from app.models import (
    Certification,
    Consent,
    PreferredCountry,
    PreferredSector,
    SeekerChange,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
    User,
)
from app.security.crypto import encrypt

BATCH = 5000
IN_CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on bound parameters


@dataclass
class Stored:
    """What the database holds that the import must know: seekers by ref, and their accounts' e-mails."""
    seekers: dict[str, tuple[int, int | None]]  # ref -> (seeker id, user id)
    emails: dict[int, str]  # user id -> e-mail


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    certifications_verified: int = 0


def write_records(records: Sequence[SeekerRecord], stored: Stored, nik_hashes: Mapping[str, str],
                  reviewer_id: int | None, now: datetime) -> Written:
    """Create new refs, update known ones; returns the counts. `nik_hashes` maps each NIK to its keyed hash."""
    new = [r for r in records if r.ref not in stored.seekers]
    old = [r for r in records if r.ref in stored.seekers]
    accounts = _create_accounts([r for r in records if r.email and _user_id(r, stored) is None], now)
    _change_emails(old, stored, now)
    ids = _insert_seekers(new, nik_hashes, accounts, now)
    _update_seekers(old, nik_hashes, stored, accounts, now)
    old_ids = [stored.seekers[r.ref][0] for r in old]
    ids.update({r.ref: stored.seekers[r.ref][0] for r in old})
    _replace_lists(records, ids, old_ids)
    verified = _upsert_certifications(records, ids, old_ids, reviewer_id, now)
    _write_consents(records, ids, old_ids, now)
    # The matcher's processes reload the seekers this feed names (see SeekerChange).
    _insert(SeekerChange, [{"seeker_id": seeker_id, "changed_at": now} for seeker_id in ids.values()])
    return Written(len(new), len(old), verified)


def _user_id(record: SeekerRecord, stored: Stored) -> int | None:
    return stored.seekers.get(record.ref, (None, None))[1]


def _batches(rows: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


# Inserts go to the table, not through the ORM: the ORM leaves None values out of each row's parameters,
# so rows with and without a phone would fall into batches of one or two rows and the import would crawl.
# Every row of a batch therefore carries the same keys.

def _insert(model, rows: list[dict]) -> None:
    for batch in _batches(rows):
        db.session.execute(insert(model.__table__), batch)


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    table = model.__table__
    ids: list[int] = []
    for batch in _batches(rows):
        ids += db.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), batch).all()
    return ids


def _update(model, rows: list[dict]) -> None:
    for batch in _batches(rows):
        db.session.execute(update(model), batch)


def _rows_for(ids: Iterable[int], *columns) -> Iterator:
    """Rows of `columns` whose table's seeker_id is one of `ids`, asked in chunks."""
    ids = list(ids)
    for chunk in _batches(ids, IN_CHUNK):
        yield from db.session.execute(select(*columns).where(columns[0].table.c.seeker_id.in_(chunk)))


def _create_accounts(records: list[SeekerRecord], now: datetime) -> dict[str, int]:
    """A login account without a password for each seeker with an e-mail and no account yet.

    Its holder sets a password through "forgot password"; seekers without an e-mail get no account."""
    rows = [{"email": r.email, "password_hash": None, "role": Role.SEEKER.value, "display_name": r.full_name,
             "is_enabled": True, "created_at": now, "updated_at": now} for r in records]
    return dict(zip((r.ref for r in records), _insert_returning_ids(User, rows), strict=True))


def _change_emails(records: list[SeekerRecord], stored: Stored, now: datetime) -> None:
    rows = []
    for r in records:
        user_id = _user_id(r, stored)
        if r.email and user_id is not None and stored.emails.get(user_id) != r.email:
            rows.append({"id": user_id, "email": r.email, "updated_at": now})
    _update(User, rows)


def _profile_row(r: SeekerRecord, nik_hashes: Mapping[str, str], now: datetime) -> dict:
    row = {"nik_encrypted": encrypt(r.nik), "nik_hash": nik_hashes[r.nik], "full_name": r.full_name,
           "birth_date": r.birth_date, "gender": r.gender, "kelurahan_code": r.kelurahan_code, "regency_code": None,
           "education_code": r.education_code, "experience_years": r.experience_years, "updated_at": now}
    if r.phone:
        row["phone"] = r.phone
    return row


def _insert_seekers(records: list[SeekerRecord], nik_hashes: Mapping[str, str], accounts: dict[str, int],
                    now: datetime) -> dict[str, int]:
    rows = [{**_profile_row(r, nik_hashes, now), "phone": r.phone, "ref": r.ref, "user_id": accounts.get(r.ref),
             "created_at": now} for r in records]
    return dict(zip((r.ref for r in records), _insert_returning_ids(SeekerProfile, rows), strict=True))


def _update_seekers(records: list[SeekerRecord], nik_hashes: Mapping[str, str], stored: Stored,
                    accounts: dict[str, int], now: datetime) -> None:
    with_phone = [r for r in records if r.phone]
    without_phone = [r for r in records if not r.phone]
    for group in (with_phone, without_phone):  # one column set per executemany
        rows = []
        for r in group:
            row = {**_profile_row(r, nik_hashes, now), "id": stored.seekers[r.ref][0]}
            row["user_id"] = accounts.get(r.ref, stored.seekers[r.ref][1])
            rows.append(row)
        _update(SeekerProfile, rows)


def _replace_lists(records: Sequence[SeekerRecord], ids: dict[str, int], old_ids: list[int]) -> None:
    """Skills and preferences are replaced; a language already held keeps its row (and its scan)."""
    for model in (SeekerSkill, PreferredCountry, PreferredSector):
        for chunk in _batches(old_ids, IN_CHUNK):
            db.session.execute(delete(model).where(model.seeker_id.in_(chunk)),
                               execution_options={"synchronize_session": False})
    held: dict[int, dict[int, int]] = defaultdict(dict)  # seeker id -> level id -> row id
    for row_id, seeker_id, level_id in _rows_for(old_ids, SeekerLanguage.id, SeekerLanguage.seeker_id,
                                                 SeekerLanguage.level_id):
        held[seeker_id][level_id] = row_id
    wanted = {ids[r.ref]: set(r.language_level_ids) for r in records}
    dropped = [row_id for seeker_id, levels in held.items() for level_id, row_id in levels.items()
               if level_id not in wanted[seeker_id]]
    for chunk in _batches(dropped, IN_CHUNK):
        db.session.execute(delete(SeekerLanguage).where(SeekerLanguage.id.in_(chunk)),
                           execution_options={"synchronize_session": False})
    _insert(SeekerSkill, [{"seeker_id": ids[r.ref], "term": term, "skill_id": skill_id}
                          for r in records for term, skill_id in r.skills])
    _insert(SeekerLanguage, [{"seeker_id": ids[r.ref], "level_id": level_id} for r in records
                             for level_id in r.language_level_ids if level_id not in held[ids[r.ref]]])
    _insert(PreferredCountry, [{"seeker_id": ids[r.ref], "country_code": code}
                               for r in records for code in r.preferred_countries])
    _insert(PreferredSector, [{"seeker_id": ids[r.ref], "sector_code": code}
                              for r in records for code in r.preferred_sectors])


def _upsert_certifications(records: Sequence[SeekerRecord], ids: dict[str, int], old_ids: list[int],
                           reviewer_id: int | None, now: datetime) -> int:
    """Insert new (scheme, number) pairs, update changed ones; returns how many the import verified."""
    held = {(seeker_id, scheme, number): (row_id, status, (issued, expires)) for row_id, seeker_id, scheme, number,
            status, issued, expires in _rows_for(old_ids, Certification.id, Certification.seeker_id,
                                                  Certification.scheme_code, Certification.number,
                                                  Certification.status, Certification.issued_on,
                                                  Certification.expires_on)}
    new, changed = [], []
    for r in records:
        for c in r.certifications:
            dates = {"issued_on": c.issued_on, "expires_on": c.expires_on, "updated_at": now}
            old = held.get((ids[r.ref], c.scheme_code, c.number))
            if old is None:
                new.append({**dates, **_review("verified" if c.verified else "pending", reviewer_id, now),
                            "seeker_id": ids[r.ref], "scheme_code": c.scheme_code, "number": c.number,
                            "source": "import", "created_at": now})
                continue
            row_id, current, held_dates = old
            dates_changed = held_dates != (c.issued_on, c.expires_on)
            status = imported_certificate_status(current, dates_changed, c.verified)
            if status != current or dates_changed:  # an unchanged certificate keeps its coordinator's review
                changed.append({**dates, **_review(status, reviewer_id, now), "id": row_id})
    _insert(Certification, new)
    _update(Certification, changed)
    return sum(row["status"] == "verified" for row in new + changed)


def _review(status: str, reviewer_id: int | None, now: datetime) -> dict:
    verified = status == "verified"
    return {"status": status, "reviewed_by_id": reviewer_id if verified else None,
            "reviewed_at": now if verified else None, "rejection_reason": None}


def _write_consents(records: Sequence[SeekerRecord], ids: dict[str, int], old_ids: list[int], now: datetime) -> None:
    held: dict[tuple[int, str], list[tuple[int, datetime | None]]] = defaultdict(list)
    for row_id, seeker_id, purpose, withdrawn_at in _rows_for(old_ids, Consent.id, Consent.seeker_id,
                                                              Consent.purpose, Consent.withdrawn_at):
        held[(seeker_id, purpose)].append((row_id, withdrawn_at))
    grants, withdrawals = [], []
    for r in records:
        seeker_id = ids[r.ref]
        matching = held[(seeker_id, "matching")]
        active = [row_id for row_id, withdrawn_at in matching if withdrawn_at is None]
        change = matching_consent_change(r.consent_matching, bool(active), bool(matching))
        if change == "grant":
            grants.append({"seeker_id": seeker_id, "purpose": "matching", "given_by": "import", "granted_at": now})
        elif change == "withdraw":
            withdrawals += [{"id": row_id, "withdrawn_at": now} for row_id in active]
        guardian = held[(seeker_id, "guardian")]
        if r.is_minor and r.guardian_consent and not any(w is None for _, w in guardian):
            grants.append({"seeker_id": seeker_id, "purpose": "guardian", "given_by": "guardian", "granted_at": now})
    _insert(Consent, grants)
    _update(Consent, withdrawals)
