"""What the checklist shows: to coordinators (who decided what, when, and why) and to the seeker on their
journey page (statuses only, never a coordinator's internal note)."""
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from app.domain import journey as journey_rules
from app.domain import predeparture as gate
from app.domain.predeparture import Difference, ItemState
from app.extensions import db
from app.models import AuditEntry, Document, Placement, PreDepartureItem, User
from app.services import audit
from app.services.audit import Actor
from app.services.documents import seeker_documents
from app.services.predeparture import DECISIONS


@dataclass(frozen=True)
class Row:
    """One item of the checklist as it stands."""
    item: str
    holder: str                         # "seeker" or "placement"
    status: str                         # pending, verified, flagged or rejected
    cleared: bool                       # verified, and its document still verified
    decided_by: str | None = None
    decided_at: datetime | None = None
    document: Document | None = None    # what the decision was about
    paper: Document | None = None       # the seeker's current paper of this kind (seeker-held items)
    codes: tuple[str, ...] = ()         # the rules a rejected paper failed
    differences: tuple[Difference, ...] = ()
    visa_type: str | None = None
    note: str | None = None             # internal: coordinators only

    @property
    def document_changed(self) -> bool:
        """Verified, but the paper was replaced since and waits for review again."""
        return self.status == gate.VERIFIED and not self.cleared


@dataclass(frozen=True)
class Checklist:
    placement: Placement
    rows: list[Row]
    is_open: bool
    passport_needed_until: date | None
    missing: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.missing

    def row(self, item: str) -> Row:
        return next(row for row in self.rows if row.item == item)


@dataclass(frozen=True)
class Journey:
    """The seeker's one page about one placement."""
    placement: Placement
    checklist: Checklist
    coordinator_name: str | None
    shows_employer_contact: bool
    contract_upload_id: int | None


def checklist(placement: Placement) -> Checklist:
    """Every item of the placement's checklist, in order, with its decision and who made it."""
    items = {row.item: row for row in db.session.scalars(
        select(PreDepartureItem).where(PreDepartureItem.placement_id == placement.id))}
    documents = _documents({i.document_id for i in items.values() if i.document_id})
    names = _names({i.verified_by_id for i in items.values() if i.verified_by_id})
    decisions = _last_decisions([i.id for i in items.values()])
    papers = seeker_documents(placement.seeker_id)
    rows = [_row(kind, items.get(kind), documents, names, decisions, papers) for kind in gate.ITEMS]
    opening = placement.opening
    needed = (gate.passport_needed_until(opening.start_date, opening.contract_months)
              if opening.start_date and opening.contract_months else None)
    return Checklist(placement, rows, gate.is_open(placement.stage), needed,
                     [row.item for row in rows if not row.cleared])


def _row(kind: str, item: PreDepartureItem | None, documents: dict, names: dict, decisions: dict,
         papers: dict) -> Row:
    paper = papers.get(kind) if gate.holder(kind) == "seeker" else None
    if item is None:
        return Row(kind, gate.holder(kind), gate.PENDING, False, paper=paper)
    document = documents.get(item.document_id)
    details = decisions.get(item.id, {})
    state = ItemState(item.status, document.status if document is not None else None)
    return Row(kind, gate.holder(kind), item.status, gate.is_cleared(state), names.get(item.verified_by_id),
               item.verified_at, document, paper, tuple(details.get("codes") or ()),
               tuple(_difference(d) for d in details.get("differences") or ()), details.get("visa_type"), item.note)


def _documents(ids: set[int]) -> dict[int, Document]:
    return {d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(ids)))} if ids else {}


def _names(ids: set[int]) -> dict[int, str]:
    return dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}


def _last_decisions(item_ids: list[int]) -> dict[int, dict]:
    """The details of each item's latest decision, from the audit log (the record of why it was decided)."""
    if not item_ids:
        return {}
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == PreDepartureItem.__tablename__,
        AuditEntry.object_id.in_([str(i) for i in item_ids]),
        AuditEntry.action.in_(DECISIONS.values())).order_by(AuditEntry.id))
    return {int(entry.object_id): entry.details or {} for entry in entries}  # later entries win


_TYPED = {"monthly_wage": Decimal, "hours_per_week": int, "contract_months": int}


def _difference(stored: dict) -> Difference:
    convert = _TYPED.get(stored.get("field"), str)

    def value(raw):
        return None if raw is None else convert(raw)
    return Difference(stored.get("field"), value(stored.get("opening")), value(stored.get("contract")))


def record_item_opened(placement: Placement, kind: str, by: Actor) -> None:
    """A coordinator opened an item with the seeker's papers: a read of personal data."""
    audit.record_now(by, "predeparture_item_viewed", placement, seeker_id=placement.seeker_id, item=kind)


# --- the seeker's journey -----------------------------------------------------------------------------


def journey(seeker_id: int, placement_id: int) -> Journey | None:
    """One of the seeker's own placements as their journey page shows it; None for anybody else's."""
    placement = db.session.scalar(select(Placement).where(Placement.id == placement_id,
                                                          Placement.seeker_id == seeker_id))
    if placement is None:
        return None
    shown = checklist(placement)
    contract = shown.row("employment_contract")
    upload_id = contract.document.upload_id if contract.cleared and contract.document is not None else None
    return Journey(placement, shown, _coordinator_name(placement, shown),
                   journey_rules.shows_employer_contact(placement.stage), upload_id)


def _coordinator_name(placement: Placement, shown: Checklist) -> str | None:
    """The coordinator who last worked on the placement: the seeker's person to ask at Disnaker."""
    latest = [(row.decided_at, row.decided_by) for row in shown.rows if row.decided_at and row.decided_by]
    moves = [event for event in placement.events if event.actor_id and event.actor_label.startswith("coordinator:")]
    if moves:
        names = _names({moves[-1].actor_id})
        if moves[-1].actor_id in names:
            latest.append((moves[-1].at, names[moves[-1].actor_id]))
    return max(latest, key=lambda pair: pair[0])[1] if latest else None
