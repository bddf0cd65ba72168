"""The pre-departure checklist of a placement: coordinators attach the seeker's verified papers, upload the
placement's own (contract, placement agreement, work visa), and reject; and the gate before departure.

An item's row is created on its first decision, not when the contract is signed: the checklist shows every
item anyway (a missing row is "pending"), nothing is written when a page is only read, and placements that
were signed before the checklist existed need no back-filling. Every decision bumps the placement's version,
so a departure decided on a page that showed an item verified cannot pass once that item was rejected.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.domain import predeparture as gate
from app.domain.certificates import Problem
from app.domain.clock import utcnow
from app.domain.predeparture import Difference, HeldDocument, ItemState, Terms
from app.extensions import db
from app.models import Document, Opening, Placement, PreDepartureItem
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.documents import kind_name_for, seeker_documents
from app.services.notifications import notify
from app.services.papers import REASON_MAX, Scan, scan_problems, store_scan

DECISIONS = {gate.VERIFIED: "predeparture_item_verified", gate.FLAGGED: "predeparture_item_flagged",
             gate.REJECTED: "predeparture_item_rejected"}

# What the seeker is told when an item needs them (worded in their language, never the internal note).
SEEKER_REASONS = {
    gate.CONTRACT_DIFFERS: _l("it differs from the job opening you accepted. Do not sign another contract; "
                              "Disnaker will contact you"),
    gate.PASSPORT_TOO_SHORT: _l("your passport must stay valid until six months after your contract ends. "
                                "Renew it at the Immigration Office"),
    gate.PASSPORT_EXPIRY_UNKNOWN: _l("the expiry date of your passport is not known. Upload your passport again"),
    gate.DOCUMENT_EXPIRED: _l("it has expired. Upload a valid one"),
    gate.VISA_TOURIST_OR_VISIT: _l("a tourist or visit visa does not allow work. You will travel only with a "
                                   "work visa"),
    gate.VISA_NOT_FOR_WORK: _l("this kind of visa does not allow work. You will travel only with a work visa"),
    gate.VISA_EXPIRES_BEFORE_START: _l("the visa ends before your work starts"),
    None: _l("Disnaker will contact you about it"),
}


class ChecklistRefused(Exception):
    """What was entered cannot be decided on; `problems` say why, field by field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class ChecklistChanged(Exception):
    """The placement changed meanwhile (another coordinator decided, or it moved): reload and decide again."""


@dataclass(frozen=True)
class Outcome:
    """The decision recorded on an item, with the rules it failed and the contract's differences."""
    status: str
    codes: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class PlacementPaper:
    """A placement document as the coordinator enters it: the scan and, by kind, the contract's terms or the visa."""
    scan: Scan | None
    terms: Terms | None = None
    visa_type: str | None = None
    valid_until: date | None = None


# --- the gate -----------------------------------------------------------------------------------------


def item_states(placement_id: int) -> dict[str, ItemState]:
    """Each item that has a row, with the status of the document it points at, read fresh from the database."""
    rows = db.session.execute(select(PreDepartureItem.item, PreDepartureItem.status, Document.status)
                              .outerjoin(Document, Document.id == PreDepartureItem.document_id)
                              .where(PreDepartureItem.placement_id == placement_id))
    return {item: ItemState(status, document_status) for item, status, document_status in rows}


def missing_items(placement: Placement) -> list[str]:
    """The items not yet verified, in checklist order."""
    return gate.missing_items(item_states(placement.id))


def departure_problems(placement: Placement) -> list[str]:
    """The gate app.services.applications asks before "departed"."""
    return gate.departure_problems(item_states(placement.id))


def opening_terms(opening: Opening) -> Terms:
    return Terms(opening.title, opening.monthly_wage, opening.currency, opening.hours_per_week,
                 opening.contract_months)


# --- decisions ----------------------------------------------------------------------------------------


def attach_paper(placement: Placement, kind: str, document_id: int | None, by: Actor, *,
                 expected_version: int | None = None, note: str | None = None, today: date | None = None) -> Outcome:
    """Confirm the seeker's verified paper for an item; a passport too short for the contract is rejected."""
    _check_can_decide(placement, kind, expected_version)
    if gate.holder(kind) != "seeker":
        raise ChecklistRefused([Problem("document", gate.NOT_ATTACHABLE)])
    paper = seeker_documents(placement.seeker_id).get(kind)
    if paper is None or paper.id != document_id:
        raise ChecklistRefused([Problem("document", gate.DOCUMENT_UNKNOWN)])
    opening = placement.opening
    codes = gate.attach_problems(kind, HeldDocument(paper.kind, paper.status, paper.expires_on),
                                 today or local_today(), opening.start_date, opening.contract_months,
                                 placement.seeker.passport_expires_on)
    _refuse_entries(codes, "document")
    item = _claim(placement, kind)
    return _decide(placement, item, gate.REJECTED if codes else gate.VERIFIED, by, paper, note, codes)


def record_placement_paper(placement: Placement, kind: str, paper: PlacementPaper, by: Actor, *,
                           expected_version: int | None = None, note: str | None = None) -> Outcome:
    """Store the contract, placement agreement or work visa on its item: a contract that differs from the
    opening is flagged, a visa that is not a work visa is rejected, anything else is verified."""
    _check_can_decide(placement, kind, expected_version)
    if gate.holder(kind) != "placement":
        raise ChecklistRefused([Problem("scan", gate.NOT_UPLOADABLE)])
    codes, differences = _judge_paper(placement, kind, paper)
    status = gate.REJECTED if codes else gate.contract_decision(differences)
    item = _claim(placement, kind)  # before the file is stored: a lost race stores nothing
    upload = store_scan(paper.scan, placement.seeker.user)  # the seeker's own copy of their contract
    db.session.flush()
    document = Document(seeker_id=placement.seeker_id, placement_id=placement.id, kind=kind, upload_id=upload.id,
                        expires_on=paper.valid_until if kind == "work_visa" else None,
                        status="verified" if status == gate.VERIFIED else "rejected",
                        reviewed_by_id=by.user_id, reviewed_at=utcnow(),
                        rejection_reason=(codes[0] if codes else gate.CONTRACT_DIFFERS if differences else None))
    db.session.add(document)
    db.session.flush()
    details = {"visa_type": paper.visa_type} if kind == "work_visa" else {}
    return _decide(placement, item, status, by, document, note, codes, differences, **details)


def reject_item(placement: Placement, kind: str, reason: str | None, by: Actor, *,
                expected_version: int | None = None) -> Outcome:
    """Reject an item, verified or not, with an internal reason (the seeker is told to expect a call)."""
    _check_can_decide(placement, kind, expected_version)
    cleaned = " ".join((reason or "").split())[:REASON_MAX]
    if not cleaned:
        raise ChecklistRefused([Problem("reason", gate.REASON_REQUIRED)])
    item = _claim(placement, kind)
    document = db.session.get(Document, item.document_id) if item.document_id else None
    return _decide(placement, item, gate.REJECTED, by, document, cleaned)


def _check_can_decide(placement: Placement, kind: str, expected_version: int | None) -> None:
    if kind not in gate.ITEMS:
        raise ChecklistRefused([Problem("item", gate.UNKNOWN_ITEM)])
    if expected_version is not None and expected_version != placement.version:
        raise ChecklistChanged(placement.id)
    if not gate.is_open(placement.stage):
        raise ChecklistRefused([Problem("item", gate.CHECKLIST_CLOSED)])


def _refuse_entries(codes: list[str], field: str) -> None:
    """Codes about what was entered refuse it; codes about the paper itself are recorded as a rejection."""
    entries = [Problem(field, code) for code in codes if code not in gate.RULE_REFUSALS]
    if entries:
        raise ChecklistRefused(entries)


def _judge_paper(placement: Placement, kind: str, paper: PlacementPaper) -> tuple[list[str], list[Difference]]:
    problems = scan_problems(paper.scan)
    codes, differences = [], []
    if kind == "employment_contract":
        if paper.terms is None or gate.terms_problems(paper.terms):
            problems.append(Problem("terms", gate.TERMS_INCOMPLETE))
        else:
            differences = gate.contract_differences(opening_terms(placement.opening), paper.terms)
    elif kind == "work_visa":
        codes = gate.visa_problems(paper.visa_type, paper.valid_until, placement.opening.start_date)
        problems += [Problem("visa_type", code) for code in codes if code not in gate.RULE_REFUSALS]
    if problems:
        raise ChecklistRefused(problems)
    return codes, differences


def _claim(placement: Placement, kind: str) -> PreDepartureItem:
    """The item's row (created on its first decision), with the placement's version bumped and written now,
    so that of two coordinators deciding at once, or a decision racing a departure, one fails here."""
    item = db.session.scalar(select(PreDepartureItem).where(PreDepartureItem.placement_id == placement.id,
                                                            PreDepartureItem.item == kind))
    if item is None:
        item = PreDepartureItem(placement_id=placement.id, item=kind, status=gate.PENDING)
        db.session.add(item)
    placement.updated_at = utcnow()  # any UPDATE of the placement raises its version (optimistic locking)
    try:
        db.session.flush()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise ChecklistChanged(placement.id) from None
    return item


def _decide(placement: Placement, item: PreDepartureItem, status: str, by: Actor, document: Document | None,
            note: str | None, codes=(), differences=(), **details) -> Outcome:
    item.status = status
    item.document_id = document.id if document is not None else None
    item.verified_by_id, item.verified_at = by.user_id, utcnow()
    item.note = " ".join((note or "").split())[:REASON_MAX] or None
    audit.record(by, DECISIONS[status], item, placement_id=placement.id, seeker_id=placement.seeker_id,
                 item=item.item, document_id=item.document_id, codes=list(codes),
                 differences=[_stored(d) for d in differences], **details)
    if status != gate.VERIFIED:
        _tell_seeker(placement, item.item, codes[0] if codes else gate.CONTRACT_DIFFERS if differences else None)
    try:
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise ChecklistChanged(placement.id) from None
    return Outcome(status, tuple(codes), tuple(differences))


def _stored(difference: Difference) -> dict:
    """A difference as JSON for the audit entry (wages as text, so no precision is lost)."""
    def text(value):
        return None if value is None else str(value)
    return {"field": difference.field, "opening": text(difference.opening), "contract": text(difference.contract)}


def _tell_seeker(placement: Placement, kind: str, code: str | None) -> None:
    user = placement.seeker.user
    if user is None:  # imported seekers without an account are called by Disnaker
        return
    with force_locale(user.locale or "id"):
        reason = str(SEEKER_REASONS.get(code, SEEKER_REASONS[None]))
    notify(user, "document_rejected", {"kind": kind_name_for(placement.seeker, kind), "reason": reason},
           link=f"/seeker/journey/{placement.id}")
