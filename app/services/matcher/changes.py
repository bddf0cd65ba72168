"""Append a `seeker_changes` row whenever anything the matcher reads about a seeker changes.

Installed once (create_app calls `install_change_tracking()`), it watches every session:

- the unit of work (objects added, changed or deleted, then flushed): before a flush it notes the
  seeker of every changed or deleted row, after it the seeker of every new row (whose ids exist
  only then), and appends one feed row per seeker in the same transaction, so the feed commits or
  rolls back with the change itself;
- bulk statements (`session.execute(insert/update/delete(Model) ...)`): their seekers are read
  from the parameters (`seeker_id`, or the primary key of `seekers`), or by selecting the rows the
  WHERE clause names before it runs; a bulk statement it cannot attribute appends EVERYONE, and
  every process then rebuilds its matrix.

One row per seeker per transaction is enough (the row becomes visible with the rest of the
transaction), so a seeker already announced in the transaction, by this hook or by a service that
adds its own SeekerChange, is not announced again until the transaction ends.

Raw SQL (`text()`, a Core connection) is not seen: code that writes seeker data that way appends
its own rows with `record_seeker_changes`.
"""
from collections.abc import Iterable

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from app.domain.clock import utcnow
from app.extensions import db
from app.models import (
    Certification,
    Consent,
    Enrolment,
    Experience,
    Placement,
    PreferredCountry,
    PreferredSector,
    SeekerChange,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)

EVERYONE = 0  # a feed row for seeker 0: "anyone may have changed", every process rebuilds
TRACKED = (SeekerProfile, Certification, Consent, SeekerSkill, SeekerLanguage, Experience, PreferredCountry,
           PreferredSector, Enrolment, Placement)
_TABLES = {model.__table__.name: model for model in TRACKED}
_PENDING = "jembatan.matcher.pending_seekers"
_ANNOUNCED = "jembatan.matcher.announced_seekers"


def _seeker_column(model):
    return model.__table__.c.id if model is SeekerProfile else model.__table__.c.seeker_id


def _seekers_of(obj) -> set[int]:
    """The seeker a tracked row belongs to, now and (if it moved) before."""
    name = "id" if isinstance(obj, SeekerProfile) else "seeker_id"
    history = inspect(obj).attrs[name].history
    found = {getattr(obj, name)} | set(history.deleted or ())
    return {seeker for seeker in found if seeker is not None}


def _announced(session: Session) -> set[int]:
    return session.info.setdefault(_ANNOUNCED, set())


def record_seeker_changes(session: Session, seeker_ids: Iterable[int]) -> None:
    """Append one feed row per seeker not yet announced in the session's transaction."""
    announced = _announced(session)
    fresh = set(seeker_ids) - announced
    if fresh:
        now = utcnow()
        session.connection().execute(insert(SeekerChange.__table__),
                                     [{"seeker_id": seeker_id, "changed_at": now} for seeker_id in sorted(fresh)])
        announced |= fresh


def _transaction_ended(session: Session, _transaction) -> None:
    # Any end, a savepoint's too: a rolled-back savepoint may have taken feed rows with it.
    session.info.pop(_ANNOUNCED, None)


def _before_flush(session: Session, _context, _instances) -> None:
    pending = session.info.setdefault(_PENDING, set())
    for obj in session.deleted:
        if isinstance(obj, TRACKED):
            pending |= _seekers_of(obj)
    for obj in session.dirty:
        if isinstance(obj, TRACKED) and session.is_modified(obj, include_collections=False):
            pending |= _seekers_of(obj)


def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop(_PENDING, set())
    for obj in session.new:
        if isinstance(obj, TRACKED):
            pending |= _seekers_of(obj)
        elif isinstance(obj, SeekerChange):  # a service announced this seeker itself, in this flush
            _announced(session).add(obj.seeker_id)
    record_seeker_changes(session, pending)


def _parameter_rows(state) -> list[dict]:
    parameters = state.parameters
    if parameters is None:
        return []
    return list(parameters) if isinstance(parameters, list | tuple) else [parameters]


def _bulk_seekers(state, model) -> set[int] | None:
    """The seekers a bulk statement touches, or None when they cannot be told."""
    statement, rows = state.statement, _parameter_rows(state)
    column = _seeker_column(model)
    where = getattr(statement, "whereclause", None)
    if state.is_insert:
        found = [row.get(column.key) for row in rows]
        return set(found) if found and None not in found else None
    if where is not None:
        return set(state.session.connection().scalars(select(column).where(where)))
    if rows and all("id" in row for row in rows):  # bulk UPDATE by primary key
        ids = [row["id"] for row in rows]
        if model is SeekerProfile:
            return set(ids)
        table = model.__table__
        return set(state.session.connection().scalars(select(table.c.seeker_id).where(table.c.id.in_(ids))))
    return None


def _new_seekers(state):
    """Run an INSERT into `seekers` that returns the new ids, and read them; None when it returns none."""
    names = [column["name"] for column in getattr(state.statement, "returning_column_descriptions", None) or ()]
    if "id" not in names:
        return None, None
    frozen = state.invoke_statement().freeze()
    at = names.index("id")
    return {row[at] for row in frozen().all()}, frozen()


def _do_orm_execute(state):
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table == SeekerChange.__tablename__ and state.is_insert:  # announced by the caller itself
        _announced(state.session).update(row.get("seeker_id") for row in _parameter_rows(state))
        return None
    model = _TABLES.get(table)
    if model is None:
        return None
    result = None
    if state.is_insert and model is SeekerProfile:
        seekers, result = _new_seekers(state)
    else:
        seekers = _bulk_seekers(state, model)
    record_seeker_changes(state.session, {EVERYONE} if seekers is None else seekers)
    return result  # the statement's own result when it had to run here, else None: it runs as usual


_LISTENERS = (("before_flush", _before_flush), ("after_flush", _after_flush), ("do_orm_execute", _do_orm_execute),
              ("after_transaction_end", _transaction_ended))


def install_change_tracking() -> None:
    """Watch every session of db.session's kind (idempotent: a second call adds nothing)."""
    for name, listener in _LISTENERS:
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)


def change_tracking_installed() -> bool:
    return all(event.contains(db.session, name, listener) for name, listener in _LISTENERS)


def remove_change_tracking() -> None:
    """Stop watching (for tests that install it only for themselves)."""
    for name, listener in _LISTENERS:
        if event.contains(db.session, name, listener):
            event.remove(db.session, name, listener)
