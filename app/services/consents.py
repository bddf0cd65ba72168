"""Consent per purpose (UU 27/2022): given, withdrawn and given again, each change audited."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from app.domain.clock import utcnow
from app.extensions import db
from app.models import Consent, SeekerChange, SeekerProfile
from app.services import audit
from app.services.audit import Actor

# The guardian's consent is recorded at registration for under-18s and is not the seeker's to withdraw.
SEEKER_PURPOSES = ("matching", "immigration_sharing", "employer_contact")


class ConsentRefused(Exception):
    """`code` is UNKNOWN_PURPOSE; the web layer words it."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ConsentState:
    purpose: str
    given_at: datetime | None
    withdrawn_at: datetime | None

    @property
    def is_given(self) -> bool:
        return self.given_at is not None and self.withdrawn_at is None


def has_consent(seeker_id: int, purpose: str) -> bool:
    """Read from the database on every call (never cached): a withdrawal counts from the next question on."""
    return bool(db.session.scalar(select(exists().where(
        Consent.seeker_id == seeker_id, Consent.purpose == purpose, Consent.withdrawn_at.is_(None)))))


def consent_states(seeker_id: int) -> dict[str, ConsentState]:
    """Each purpose's current state: the open grant if there is one, else the latest withdrawn one."""
    states = {purpose: ConsentState(purpose, None, None) for purpose in (*SEEKER_PURPOSES, "guardian")}
    for row in consent_history(seeker_id):
        if not states[row.purpose].is_given:
            states[row.purpose] = ConsentState(row.purpose, row.granted_at, row.withdrawn_at)
    return states


def consent_history(seeker_id: int) -> list[Consent]:
    """Every grant and withdrawal, oldest first."""
    return list(db.session.scalars(select(Consent).where(Consent.seeker_id == seeker_id)
                                   .order_by(Consent.granted_at, Consent.id)))


def grant(seeker: SeekerProfile, purpose: str, by: Actor) -> Consent:
    """Give consent for a purpose again (a new row); giving what is already given changes nothing."""
    _check(purpose)
    current = _open_grants(seeker.id, purpose)
    if current:
        return current[0]
    consent = Consent(purpose=purpose, given_by="self")
    # Through the relationship, so that `seeker.has_consent` agrees before and after the commit.
    seeker.consents.append(consent)
    db.session.add(SeekerChange(seeker_id=seeker.id))
    db.session.flush()
    audit.record(by, "consent_granted", seeker, purpose=purpose, consent_id=consent.id)
    db.session.commit()
    return consent


def withdraw(seeker: SeekerProfile, purpose: str, by: Actor) -> None:
    """Withdraw consent for a purpose from now on; withdrawing what is not given changes nothing."""
    _check(purpose)
    current = _open_grants(seeker.id, purpose)
    if not current:
        return
    now = utcnow()
    for consent in current:
        consent.withdrawn_at = now
    # Rankings cached in any process drop this seeker before their next ranking (see SeekerChange).
    db.session.add(SeekerChange(seeker_id=seeker.id))
    audit.record(by, "consent_withdrawn", seeker, purpose=purpose, consent_ids=[c.id for c in current])
    db.session.commit()


def _check(purpose: str) -> None:
    if purpose not in SEEKER_PURPOSES:
        raise ConsentRefused("UNKNOWN_PURPOSE")


def _open_grants(seeker_id: int, purpose: str) -> list[Consent]:
    return list(db.session.scalars(select(Consent).where(
        Consent.seeker_id == seeker_id, Consent.purpose == purpose, Consent.withdrawn_at.is_(None))))
