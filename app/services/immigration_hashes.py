"""Finding a seeker by the NIK hash Immigration sends: HMAC-SHA256 of the NIK under NIK_EXCHANGE_KEY.

NIKs are stored encrypted and `seekers.nik_hash` uses a key of our own, so no column answers this
question yet. Until seekers carry an indexed exchange-hash column, each process keeps a map from the
exchange hash to `seekers.nik_hash`, decrypting each NIK once. Both hashes depend on the NIK alone,
so an entry is never wrong: at worst it is missing (a new seeker, caught up before answering) or
left over (an erased seeker, whom the final query by `seekers.nik_hash` no longer finds).
"""
import threading
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.models import SeekerProfile
from app.security.crypto import decrypt, exchange_hash

_BATCH = 500


@dataclass
class _Index:
    fingerprint: tuple | None = None
    by_exchange: dict[str, str] = field(default_factory=dict)
    by_internal: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def is_configured() -> bool:
    return bool(current_app.config.get("NIK_EXCHANGE_KEY"))


def internal_nik_hash(exchange: str) -> str | None:
    """The `seekers.nik_hash` of the seeker whose NIK has this exchange hash, if any.

    The same work is done whether or not the hash is known (a fingerprint query, and a catch-up
    only when seekers changed), so the answer's timing does not tell which it was."""
    index = _index()
    with index.lock:
        _catch_up(index)
        return index.by_exchange.get(exchange)


def _index() -> _Index:
    indexes = current_app.extensions.setdefault("jembatan_nik_exchange", {})
    return indexes.setdefault(current_app.config["NIK_EXCHANGE_KEY"], _Index())


def _catch_up(index: _Index) -> None:
    with_nik = SeekerProfile.nik_hash.is_not(None)
    fingerprint = tuple(db.session.execute(
        select(func.count(SeekerProfile.id), func.max(SeekerProfile.updated_at), func.max(SeekerProfile.id))
        .where(with_nik)).one())
    if fingerprint == index.fingerprint:
        return
    current = set(db.session.scalars(select(SeekerProfile.nik_hash).where(with_nik)))
    for gone in set(index.by_internal) - current:
        index.by_exchange.pop(index.by_internal.pop(gone), None)
    missing = sorted(current - set(index.by_internal))
    key = current_app.config["NIK_EXCHANGE_KEY"]
    for start in range(0, len(missing), _BATCH):
        rows = db.session.execute(select(SeekerProfile.nik_hash, SeekerProfile.nik_encrypted)
                                  .where(SeekerProfile.nik_hash.in_(missing[start:start + _BATCH])))
        for internal, encrypted in rows:
            if encrypted is not None:
                exchanged = exchange_hash(decrypt(encrypted), key)
                index.by_internal[internal] = exchanged
                index.by_exchange[exchanged] = internal
    index.fingerprint = fingerprint
