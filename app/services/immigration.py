"""Information exchange with Immigration under the MoU: look-ups, upcoming departures, opening codes.

The API and the officer's page call these same functions. Every call is audited with a keyed hash
of what was asked and a summary of the answer, never the NIK or passport number itself.
"""
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import exists, func, or_, select

from app.domain import immigration as rules
from app.domain.codes import normalise_code
from app.domain.immigration import Identifier, LookupAnswer, OpeningCheck, PersonFacts, PlacementFacts, Window
from app.extensions import db
from app.models import Alert, Consent, Employer, Opening, Placement, SeekerProfile
from app.security.crypto import decrypt, exchange_hash, keyed_hash
from app.services import alerts, audit, immigration_hashes
from app.services.audit import Actor
from app.services.consents import has_consent

PURPOSE = "immigration_sharing"
ALERT_KIND = "immigration_lookup"
MAX_PER_PAGE = 100
# No seeker has id 0: a look-up of nobody runs the same queries as a look-up of someone.
_NOBODY = 0


@dataclass(frozen=True)
class Departure:
    answer: LookupAnswer
    nik_hash: str | None  # the exchange hash agreed with Immigration, so they can match their own records


@dataclass(frozen=True)
class DeparturePage:
    items: list[Departure]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def lookup(identifier: Identifier, by: Actor, action: str = "api_lookup") -> LookupAnswer:
    """Is this person in a registered placement? Warns coordinators when nothing justifies travel."""
    seeker_id = _seeker_id(identifier)
    asked = _NOBODY if seeker_id is None else seeker_id
    facts = _facts(seeker_id, asked)
    given = rules.answer(facts)
    # Coordinators hear of it once: no second alert while one is open for this seeker.
    warned = not _has_open_alert(asked) and rules.is_early_warning(facts)
    if warned:
        alerts.raise_alert(ALERT_KIND, "high", by, seeker_id=seeker_id, asked_by=by.label, reason="NO_TRAVEL_STAGE")
    audit.record(by, action, object_type="seekers", object_id=seeker_id, asked=identifier.kind,
                 asked_hash=keyed_hash(identifier.value, "lookup"), alert_raised=warned, **rules.summary(given))
    db.session.commit()
    return given


def departures(window: Window, by: Actor, page: int = 1, per_page: int = MAX_PER_PAGE,
               action: str = "api_departures") -> DeparturePage:
    """Consenting seekers' placements departing in the window, earliest first."""
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    page = max(page, 1)
    conditions = _departure_conditions(window)
    total = db.session.scalar(select(func.count(Placement.id)).join(Placement.seeker).where(*conditions))
    rows = db.session.execute(
        _placement_columns(Placement.id, SeekerProfile.nik_encrypted).join(Placement.seeker).where(*conditions)
        .order_by(Placement.departure_date, Placement.id).limit(per_page).offset((page - 1) * per_page)).all()
    items = [Departure(rules.departure_answer(PlacementFacts(*row[:6])), _exchange_hash(row[7])) for row in rows]
    audit.record(by, action, object_type="placements", start=window.start.isoformat(), end=window.end.isoformat(),
                 page=page, total=total, placement_ids=[row[6] for row in rows])
    db.session.commit()
    return DeparturePage(items, page, per_page, total)


def verify_opening(raw_code: str, by: Actor, action: str = "api_opening") -> OpeningCheck:
    """Whether a verification code belongs to an approved opening, and whose."""
    code = normalise_code(raw_code)
    row = db.session.execute(
        select(Opening.id, Opening.status, Opening.approved_at, Employer.legal_name, Opening.city, Opening.country_code)
        .join(Opening.employer).where(Opening.code == code)).first()
    facts = None if row is None else rules.OpeningFacts(
        status=row.status, was_public=row.status == "approved" or row.approved_at is not None,
        employer=row.legal_name, city=row.city, country_code=row.country_code)
    check = rules.check_opening(code, facts)
    audit.record(by, action, object_type="openings", object_id=row.id if row else None, code=code or None,
                 valid=check.valid, status=check.status)
    db.session.commit()
    return check


def _seeker_id(identifier: Identifier) -> int | None:
    if identifier.kind == "passport_number":
        column, wanted = SeekerProfile.passport_hash, keyed_hash(identifier.value, "passport")
    elif identifier.kind == "nik":
        column, wanted = SeekerProfile.nik_hash, keyed_hash(identifier.value, "nik")
    else:
        # An unknown exchange hash still runs the query, with a hash that no 16-digit NIK has.
        column = SeekerProfile.nik_hash
        wanted = immigration_hashes.internal_nik_hash(identifier.value) or keyed_hash(identifier.value, "nik")
    return db.session.scalar(select(SeekerProfile.id).where(column == wanted, SeekerProfile.erased_at.is_(None)))


def _placement_columns(*extra):
    return (select(Placement.stage, Placement.departure_date, Opening.country_code, Opening.city,
                   Employer.legal_name, Opening.code, *extra)
            .join(Placement.opening).join(Opening.employer))


def _facts(seeker_id: int | None, asked: int) -> PersonFacts:
    consents = has_consent(asked, PURPOSE)
    rows = db.session.execute(_placement_columns().where(Placement.seeker_id == asked)).all()
    return PersonFacts(registered=seeker_id is not None, consents=consents,
                       placements=tuple(PlacementFacts(*row) for row in rows))


def _departure_conditions(window: Window) -> list:
    consented = exists().where(Consent.seeker_id == Placement.seeker_id, Consent.purpose == PURPOSE,
                               Consent.withdrawn_at.is_(None))
    return [Placement.departure_date.between(window.start, window.end),
            or_(Placement.stage.in_(rules.DEPARTED_OR_LATER), Placement.stage == rules.PLANNED_STAGE),
            SeekerProfile.erased_at.is_(None), consented]


def _exchange_hash(nik_encrypted: bytes | None) -> str | None:
    key = current_app.config.get("NIK_EXCHANGE_KEY")
    return exchange_hash(decrypt(nik_encrypted), key) if key and nik_encrypted else None


def _has_open_alert(seeker_id: int) -> bool:
    return db.session.scalar(select(Alert.id).where(
        Alert.kind == ALERT_KIND, Alert.seeker_id == seeker_id, Alert.resolved_at.is_(None)).limit(1)) is not None
