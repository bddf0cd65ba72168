"""Offers the public reported through Cek Tawaran: keep them, and let coordinators follow them up.

The reporter's contact is personal data: kept only if given, shown only to coordinators, every reading
of it audited. The audit row of a report holds a keyed fingerprint of the offer, never its text; the
same offer reported again from the same address within an hour is the same report.
"""
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from app.domain.clock import utcnow
from app.domain.codes import ALPHABET
from app.domain.offer_check import Offer, OfferVerdict
from app.domain.offer_text import normalise
from app.extensions import db
from app.models import AuditEntry, Kelurahan, OfferReport, User
from app.security.crypto import keyed_hash
from app.services import audit
from app.services.audit import Actor

REFERENCE_PREFIX = "CT-"
REFERENCE_SYMBOLS = 6  # 25 symbols: about 28 bits, and only ever said back to the person who reported
DUPLICATE_WINDOW = timedelta(hours=1)
CONTACT_MAX = 200
NOTE_MAX = 2000


class ReportRefused(Exception):
    """The report cannot be kept; `code` names why (the web layer words it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Receipt:
    report: OfferReport
    repeated: bool  # the same offer from the same address within the hour: the earlier report


def new_reference(random_choice=secrets.choice) -> str:
    """`CT-7K3M9Q`: six symbols of the codes' unambiguous alphabet."""
    return REFERENCE_PREFIX + "".join(random_choice(ALPHABET) for _ in range(REFERENCE_SYMBOLS))


def fingerprint(offer: Offer) -> str:
    """A keyed hash of what the person reported, to recognise the same offer without keeping it in the log."""
    fields = sorted((k, v) for k, v in offer.filled_fields().items())
    return keyed_hash(normalise(offer.text) + "|" + repr(fields), "offer_report")


def report_offer(offer: Offer, verdict: OfferVerdict, contact: str | None, kelurahan_code: str | None,
                 remote_addr: str | None) -> Receipt:
    """Keep a reported offer with its verdict for the coordinators; the reporter gets its reference."""
    if kelurahan_code and db.session.get(Kelurahan, kelurahan_code) is None:
        raise ReportRefused("UNKNOWN_KELURAHAN")
    mark = fingerprint(offer)
    earlier = _recent_same_report(mark, remote_addr)
    if earlier is not None:
        return Receipt(earlier, repeated=True)
    contact = (contact or "").strip()[:CONTACT_MAX] or None
    report = OfferReport(reference=_unused_reference(), text=offer.text, fields=offer.filled_fields(),
                         verdict=verdict.colour, reasons=verdict.records(), contact=contact,
                         kelurahan_code=kelurahan_code or None)
    db.session.add(report)
    db.session.flush()
    audit.record(Actor.anonymous(remote_addr), "offer_reported", report, verdict=verdict.colour,
                 reasons=verdict.codes(), fingerprint=mark, has_contact=contact is not None,
                 kelurahan=kelurahan_code or None)
    db.session.commit()
    return Receipt(report, repeated=False)


def _unused_reference() -> str:
    while True:
        reference = new_reference()
        if db.session.scalar(select(OfferReport.id).where(OfferReport.reference == reference)) is None:
            return reference


def _recent_same_report(mark: str, remote_addr: str | None) -> OfferReport | None:
    if not remote_addr:
        return None
    recent = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "offer_reported", AuditEntry.remote_addr == remote_addr,
                                 AuditEntry.at >= utcnow() - DUPLICATE_WINDOW).order_by(AuditEntry.id.desc()))
    for entry in recent:
        if (entry.details or {}).get("fingerprint") == mark:
            return db.session.get(OfferReport, int(entry.object_id))
    return None


def report_by_id(report_id: int, viewer: Actor | None = None) -> OfferReport | None:
    """One report; shown to a `viewer`, the reading of the reporter's contact is audited."""
    report = db.session.get(OfferReport, report_id)
    if report is not None and report.contact and viewer is not None:
        audit.record_now(viewer, "offer_report_contact_viewed", report, reference=report.reference)
    return report


def handler(report: OfferReport) -> User | None:
    """The coordinator who marked the report handled."""
    return db.session.get(User, report.handled_by_id) if report.handled_by_id else None


def mark_handled(report: OfferReport, note: str, by: Actor) -> bool:
    """Record that a coordinator followed the report up, and how; False if it was handled already."""
    note = (note or "").strip()[:NOTE_MAX]
    if not note:
        raise ReportRefused("NOTE_REQUIRED")
    if report.handled_at is not None:
        return False
    report.handled_at, report.handled_by_id, report.handling_note = utcnow(), by.user_id, note
    audit.record(by, "offer_report_handled", report, reference=report.reference, verdict=report.verdict)
    db.session.commit()
    return True
