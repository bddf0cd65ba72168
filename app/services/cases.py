"""Cases: a worker's problem that Disnaker follows until it is resolved; every action is audited.

The timeline is read back from the audit log (opening, every change) and the notes, so what the
page shows is exactly what was recorded.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.domain import cases as rules
from app.domain.clock import utcnow
from app.domain.vocab import Role
from app.extensions import db
from app.models import AuditEntry, Case, CaseNote, CheckIn, EmployerReport, Opening, Placement, SeekerProfile, User
from app.services import alerts, audit
from app.services.audit import Actor

NOTE_MAX = 4000
TIMELINE_ACTIONS = ("case_opened", "case_updated")
_BY_SEVERITY = sql_case(rules.SEVERITY_RANK, value=Case.severity, else_=len(rules.SEVERITY_RANK))


class NotFound(LookupError):
    """No such case, check-in, report or placement (the web layer answers 404)."""


class CaseRefused(Exception):
    """`codes` come from app.domain.cases; the web layer words them."""

    def __init__(self, codes: list[str]):
        super().__init__(", ".join(codes))
        self.codes = codes


@dataclass(frozen=True)
class Origin:
    """Where a case comes from: a check-in, an employer's report, or a call or visit about a placement."""
    source: str
    placement: Placement | None = None
    checkin: CheckIn | None = None
    report: EmployerReport | None = None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor_id: int | None
    action: str               # case_opened, case_updated or note
    details: dict
    text: str | None = None   # a note's text


@dataclass(frozen=True)
class CasePage:
    case: Case
    placement: Placement | None
    checkin: CheckIn | None
    timeline: list[TimelineEntry]
    names: dict[int, str]


def coordinators() -> list[User]:
    """Who may own a case: enabled coordinators, by name."""
    return list(db.session.scalars(select(User).where(User.role == Role.COORDINATOR, User.is_enabled.is_(True))
                                   .order_by(User.display_name, User.id)))


def _is_coordinator(user_id: int | None) -> bool:
    user = db.session.get(User, user_id) if user_id else None
    return user is not None and user.role == Role.COORDINATOR and user.is_enabled


def origin_for(checkin_id: int | None, report_id: int | None, viewer: Actor) -> Origin | None:
    """The check-in or report a new case starts from (None for a call or visit); reading it is audited."""
    if checkin_id:
        checkin = db.session.get(CheckIn, checkin_id)
        origin = Origin("checkin", checkin.placement, checkin=checkin) if checkin else None
    elif report_id:
        report = db.session.get(EmployerReport, report_id)
        origin = Origin("report", db.session.get(Placement, report.placement_id), report=report) if report else None
    else:
        return None
    if origin is None:
        raise NotFound(checkin_id or report_id)
    audit.record_now(viewer, "case_origin_viewed", origin.placement, seeker_id=origin.placement.seeker_id,
                     checkin_id=checkin_id, report_id=report_id)
    return origin


def origin_from_placement(placement_id: int | None, source: str) -> Origin:
    """A case from a phone call or a visit, about a placement or about nobody placed yet."""
    placement = db.session.get(Placement, placement_id) if placement_id else None
    if placement_id and placement is None:
        raise NotFound(placement_id)
    return Origin(source, placement)


def suggested_severity(origin: Origin | None) -> str:
    """A help request starts as critical; everything else as high, to be lowered once understood."""
    return "critical" if origin and origin.checkin and origin.checkin.answer == "distress" else "high"


def open_case(origin: Origin, category: str, severity: str, summary: str, owner_id: int | None,
              by: Actor) -> Case:
    """Open a case; one opened from a check-in or report links it and settles that one's alerts."""
    summary = (summary or "").strip()
    codes = rules.new_case_problems(rules.NewCase(category, severity, origin.source, summary,
                                                  _is_coordinator(owner_id)))
    if codes:
        raise CaseRefused(codes)
    placement = origin.placement
    opened = Case(category=category, severity=severity, source=origin.source, summary=summary, owner_id=owner_id,
                  status="open", opened_by_id=by.user_id, placement_id=placement.id if placement else None,
                  seeker_id=placement.seeker_id if placement else None,
                  checkin_id=origin.checkin.id if origin.checkin else None)
    db.session.add(opened)
    db.session.flush()
    link = {"checkin_id": origin.checkin.id} if origin.checkin else {"report_id": origin.report.id} \
        if origin.report else {}
    audit.record(by, "case_opened", opened, category=category, severity=severity, source=origin.source,
                 owner_id=owner_id, placement_id=opened.placement_id, **link)
    if placement is not None and link:
        alerts.resolve_placement_alerts(placement.id, ("distress", "concern"), by, **link)
    db.session.commit()
    return opened


def add_note(case: Case, text: str, by: Actor) -> CaseNote:
    """Add a note to a case's timeline."""
    text = (text or "").strip()[:NOTE_MAX]
    if not text:
        raise CaseRefused([rules.NOTE_REQUIRED])
    note = CaseNote(case_id=case.id, author_id=by.user_id, text=text)
    db.session.add(note)
    db.session.flush()
    audit.record(by, "case_note_added", case, note_id=note.id)
    case.updated_at = utcnow()
    db.session.commit()
    return note


def update_case(case: Case, status: str, severity: str, owner_id: int | None, resolution: str | None,
                by: Actor) -> dict:
    """Change status, severity, owner or resolution; returns what changed (audited as the change)."""
    resolution = (resolution or "").strip() or None
    codes = rules.change_problems(rules.CaseChange(case.status, status, severity, resolution or case.resolution,
                                                   _is_coordinator(owner_id)))
    if codes:
        raise CaseRefused(codes)
    changes = {name: [old, new] for name, old, new in (
        ("status", case.status, status), ("severity", case.severity, severity),
        ("owner_id", case.owner_id, owner_id)) if old != new}
    if resolution is not None and resolution != case.resolution:
        changes["resolution"] = True  # the text stays on the case, out of the audit log
        case.resolution = resolution
    if not changes:
        raise CaseRefused([rules.NOTHING_CHANGED])
    if "status" in changes:
        case.resolved_at = utcnow() if status in rules.DONE_STATUSES else None
    case.status, case.severity, case.owner_id = status, severity, owner_id
    audit.record(by, "case_updated", case, changes=changes)
    db.session.commit()
    return changes


# --- reading -----------------------------------------------------------------------------------------


def case_by_id(case_id: int) -> Case | None:
    return db.session.get(Case, case_id)


def case_page(case_id: int, viewer: Actor) -> CasePage | None:
    """One case with its placement, check-in, timeline and the names in it; the read is audited."""
    found = db.session.scalar(select(Case).where(Case.id == case_id).options(selectinload(Case.notes)))
    if found is None:
        return None
    placement = db.session.scalar(select(Placement).where(Placement.id == found.placement_id).options(
        joinedload(Placement.seeker), joinedload(Placement.opening).joinedload(Opening.employer))) \
        if found.placement_id else None
    rows = timeline(found)
    names = people([found.owner_id, found.opened_by_id, *(row.actor_id for row in rows),
                    *(i for row in rows for i in row.details.get("changes", {}).get("owner_id", []))])
    audit.record_now(viewer, "case_viewed", found, seeker_id=found.seeker_id)
    return CasePage(found, placement, db.session.get(CheckIn, found.checkin_id) if found.checkin_id else None,
                    rows, names)


@dataclass(frozen=True)
class CaseRow:
    case: Case
    worker: str | None


def cases_seen_by(viewer: Actor, status: str | None = None, severity: str | None = None) -> list[CaseRow]:
    """Cases with the worker's name, most severe first then oldest; 'active' is open or in progress. Audited."""
    query = select(Case, SeekerProfile.full_name).outerjoin(SeekerProfile, SeekerProfile.id == Case.seeker_id)
    if status == "active":
        query = query.where(Case.status.in_(rules.OPEN_STATUSES))
    elif status:
        query = query.where(Case.status == status)
    if severity:
        query = query.where(Case.severity == severity)
    found = [CaseRow(*row) for row in db.session.execute(query.order_by(_BY_SEVERITY, Case.created_at, Case.id))]
    audit.record_now(viewer, "cases_listed", object_type="cases", status=status, severity=severity,
                     shown=[row.case.id for row in found])
    return found


def open_cases_by_severity() -> list[tuple[str, int]]:
    """How many cases are open or in progress, per severity, most severe first (zeros included)."""
    counts = dict(db.session.execute(select(Case.severity, func.count()).where(Case.status.in_(rules.OPEN_STATUSES))
                                     .group_by(Case.severity)).all())
    return [(severity, counts.get(severity, 0)) for severity in sorted(rules.SEVERITY_RANK,
                                                                        key=rules.SEVERITY_RANK.get)]


def timeline(case: Case) -> list[TimelineEntry]:
    """Opening, changes and notes of a case, oldest first."""
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == "cases",
                                                          AuditEntry.object_id == str(case.id),
                                                          AuditEntry.action.in_(TIMELINE_ACTIONS)))
    rows = [TimelineEntry(e.at, e.actor_id, e.action, e.details or {}) for e in entries]
    if not any(row.action == "case_opened" for row in rows):  # cases loaded without the service (demo data)
        rows.append(TimelineEntry(case.created_at, case.opened_by_id, "case_opened",
                                  {"source": case.source, "severity": case.severity}))
    rows += [TimelineEntry(n.at, n.author_id, "note", {}, n.text) for n in case.notes]
    return sorted(rows, key=lambda row: row.at)


def people(ids) -> dict[int, str]:
    """Display names of staff users (owners, authors) by id."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def placements_for_cases() -> list[Placement]:
    """Placements a case may be about: from the signed contract on (abroad, back, or ended)."""
    stages = ("contract_signed", "documents_verified", "departed", "arrived", "completed", "returned",
              "terminated", "repatriated")
    return list(db.session.scalars(select(Placement).where(Placement.stage.in_(stages))
                                   .options(joinedload(Placement.seeker), joinedload(Placement.opening)
                                            .joinedload(Opening.employer))
                                   .order_by(Placement.id.desc())))
