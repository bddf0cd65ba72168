"""A seeker's own copy of everything held about them (UU 27/2022 right of access), as JSON.

Not exported: stored file bytes (listed, downloadable one by one), and the monitoring records of a placement
(check-in answers, cases, alerts): a silent duress answer must stay silent even if someone forces the worker
to download their data. Those are given at Disnaker on request.
"""
import json
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, or_, select

from app.domain.clock import utcnow
from app.extensions import db
from app.models import (
    AuditEntry,
    Enrolment,
    ErasureRequest,
    Notification,
    Placement,
    ReviewRequest,
    SeekerProfile,
    Upload,
)
from app.security.crypto import decrypt
from app.services import audit
from app.services.audit import Actor
from app.services.consents import consent_history
from app.services.notifications import message_text

FORMAT = "jembatan-seeker-export/1"


def export_seeker_data(seeker: SeekerProfile, by: Actor) -> dict:
    """Everything held about a seeker, as plain values; the export itself is audited."""
    data = {
        "format": FORMAT, "generated_at": utcnow(),
        "profile": _profile(seeker), "account": _account(seeker.user),
        "skills": [{"term": s.term, "in_vocabulary": s.skill_id is not None} for s in seeker.skills],
        "languages": [{"test": s.level.test_code, "level": s.level.code, "tested_on": s.tested_on,
                       "certificate_file": _file(s.upload_id)} for s in seeker.languages],
        "experience": [{"title": e.title, "place": e.place, "months": e.months,
                        "occupation_code": e.occupation_code, "verified": e.verified} for e in seeker.experiences],
        "preferences": {"countries": sorted(p.country_code for p in seeker.preferred_countries),
                        "sectors": sorted(p.sector_code for p in seeker.preferred_sectors)},
        "certifications": [_certification(c) for c in seeker.certifications],
        "documents": [_document(d) for d in seeker.documents],
        "consents": [{"purpose": c.purpose, "granted_at": c.granted_at, "withdrawn_at": c.withdrawn_at,
                      "given_by": c.given_by} for c in consent_history(seeker.id)],
        "placements": [_placement(p) for p in _rows(Placement, Placement.seeker_id == seeker.id)],
        "training": [_enrolment(e) for e in _rows(Enrolment, Enrolment.seeker_id == seeker.id)],
        "review_requests": [{"opening_id": r.opening_id, "message": r.message, "status": r.status,
                             "created_at": r.created_at, "response": r.response, "handled_at": r.handled_at}
                            for r in _rows(ReviewRequest, ReviewRequest.seeker_id == seeker.id)],
        "erasure_requests": [{"requested_at": r.requested_at, "status": r.status, "decided_at": r.decided_at,
                              "note": r.note} for r in _rows(ErasureRequest, ErasureRequest.seeker_id == seeker.id)],
        "notifications": _notifications(seeker.user_id),
        "audit_entries": _audit_entries(seeker),
    }
    audit.record(by, "seeker_data_exported", seeker)
    db.session.commit()
    return data


def export_json(seeker: SeekerProfile, by: Actor) -> str:
    """The export as a JSON document, readable by people as well as programs."""
    return json.dumps(export_seeker_data(seeker, by), default=_plain, ensure_ascii=False, indent=2)


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not exportable: {type(value).__name__}")


def _rows(model, *where) -> list:
    return list(db.session.scalars(select(model).where(*where).order_by(model.id)))


def _profile(s: SeekerProfile) -> dict:
    return {
        "id": s.id, "nik": decrypt(s.nik_encrypted) if s.nik_encrypted else None, "full_name": s.full_name,
        "birth_date": s.birth_date, "gender": s.gender, "kelurahan_code": s.kelurahan_code,
        "kelurahan": s.kelurahan.name if s.kelurahan else None, "regency_code": s.regency_code, "phone": s.phone,
        "education": s.education_code, "experience_years": s.experience_years,
        "passport_number": decrypt(s.passport_encrypted) if s.passport_encrypted else None,
        "passport_expires_on": s.passport_expires_on, "registered_at": s.created_at, "updated_at": s.updated_at,
        "import_ref": s.ref,
    }


def _account(user) -> dict | None:
    if user is None:
        return None
    return {"email": user.email, "display_name": user.display_name, "language": user.locale,
            "created_at": user.created_at, "last_login_at": user.last_login_at}


def _file(upload_id: int | None) -> dict | None:
    upload = db.session.get(Upload, upload_id) if upload_id else None
    if upload is None:
        return None
    return {"name": upload.original_name, "type": upload.content_type, "size": upload.size,
            "uploaded_at": upload.created_at}


def _certification(c) -> dict:
    return {"scheme": c.scheme_code, "scheme_name": c.scheme.name if c.scheme else None, "issuer": c.issuer,
            "number": c.number, "issued_on": c.issued_on, "expires_on": c.expires_on, "status": c.status,
            "rejection_reason": c.rejection_reason, "reviewed_at": c.reviewed_at, "source": c.source,
            "added_at": c.created_at, "file": _file(c.upload_id)}


def _document(d) -> dict:
    return {"kind": d.kind, "number": decrypt(d.number_encrypted) if d.number_encrypted else None,
            "issued_on": d.issued_on, "expires_on": d.expires_on, "status": d.status,
            "rejection_reason": d.rejection_reason, "reviewed_at": d.reviewed_at, "added_at": d.created_at,
            "placement_id": d.placement_id, "file": _file(d.upload_id)}


def _placement(p: Placement) -> dict:
    opening = p.opening
    return {
        "id": p.id, "stage": p.stage, "closed_reason": p.closed_reason, "applied_at": p.created_at,
        "departure_date": p.departure_date, "returned_on": p.returned_on,
        "opening": {"id": opening.id, "title": opening.title, "code": opening.code,
                    "country": opening.country_code, "city": opening.city,
                    "employer": opening.employer.legal_name if opening.employer else None},
        "events": [{"from": e.from_stage, "to": e.to_stage, "at": e.at, "by": e.actor_label,
                    "reason": e.reason_code, "note": e.note} for e in p.events],
    }


def _enrolment(e: Enrolment) -> dict:
    cohort = e.cohort
    return {"programme": cohort.programme.name, "scheme": cohort.programme.scheme_code,
            "starts_on": cohort.starts_on, "ends_on": cohort.ends_on, "status": e.status,
            "enrolled_at": e.enrolled_at, "attendance_pct": e.attendance_pct, "passed": e.passed}


def _notifications(user_id: int | None) -> list[dict]:
    if user_id is None:
        return []
    return [{"kind": n.kind, "text": message_text(n.kind, n.params), "params": n.params, "link": n.link,
             "created_at": n.created_at, "read_at": n.read_at}
            for n in _rows(Notification, Notification.user_id == user_id)]


def _audit_entries(seeker: SeekerProfile) -> list[dict]:
    about = [and_(AuditEntry.object_type == "seekers", AuditEntry.object_id == str(seeker.id))]
    if seeker.user_id is not None:
        about += [AuditEntry.actor_id == seeker.user_id,
                  and_(AuditEntry.object_type == "users", AuditEntry.object_id == str(seeker.user_id))]
    return [{"at": a.at, "action": a.action, "by": a.actor_label, "object_type": a.object_type,
             "object_id": a.object_id, "from_address": a.remote_addr, "details": a.details}
            for a in _rows(AuditEntry, or_(*about))]
