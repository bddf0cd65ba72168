"""A seeker's data export: every section, their own data only, the export audited."""
import json
from datetime import date

from sqlalchemy import select

from app.models import AuditEntry, Experience, SeekerSkill
from app.security.crypto import decrypt
from app.services import audit, consents, data_export
from app.services.audit import Actor
from app.services.notifications import notify
from tests.factories import make_user
from tests.services.helpers_privacy import make_certification, make_document, make_placement

SECTIONS = {"profile", "account", "skills", "languages", "experience", "preferences", "certifications",
            "documents", "consents", "placements", "training", "review_requests", "erasure_requests",
            "notifications", "audit_entries"}


def full_seeker(db):
    user = make_user("seeker")
    seeker = user.seeker
    seeker.phone = "+6281234567890"
    db.session.add_all([SeekerSkill(seeker_id=seeker.id, term="welding"),
                        Experience(seeker_id=seeker.id, title="Welder", place="Bengkel Jaya", months=14)])
    db.session.commit()
    make_certification(seeker, with_scan=True)
    make_document(seeker, kind="bpjs", number="12345678901")
    make_placement(seeker, "shortlisted", reached=("applied",))
    consents.withdraw(seeker, "matching", Actor.for_user(user))
    notify(user, "document_verified", {"kind": "BPJS"})
    db.session.commit()
    return seeker


def test_the_export_holds_every_section_with_the_seekers_own_values(db):
    seeker = full_seeker(db)
    data = data_export.export_seeker_data(seeker, Actor.for_user(seeker.user))
    assert SECTIONS <= set(data)
    assert data["profile"]["nik"] == decrypt(seeker.nik_encrypted)  # in full: it is their own
    assert data["profile"]["phone"] == "+6281234567890" and data["account"]["email"] == seeker.user.email
    assert data["skills"] == [{"term": "welding", "in_vocabulary": False}]
    assert data["experience"][0]["place"] == "Bengkel Jaya"
    assert data["certifications"][0]["file"]["type"] == "application/pdf"
    assert data["documents"][0]["kind"] == "bpjs" and data["documents"][0]["number"] == "12345678901"
    assert [c["withdrawn_at"] is not None for c in data["consents"]] == [True]
    assert [e["to"] for e in data["placements"][0]["events"]] == ["applied", "shortlisted"]
    assert data["notifications"][0]["kind"] == "document_verified"
    assert "consent_withdrawn" in {e["action"] for e in data["audit_entries"]}


def test_the_export_holds_no_file_bytes(db):
    seeker = full_seeker(db)
    text = data_export.export_json(seeker, Actor.for_user(seeker.user))
    assert "%PDF" not in text and "storage_key" not in text


def test_the_export_holds_only_the_owners_data(db):
    mine, theirs = full_seeker(db), full_seeker(db)
    audit.record_now(Actor.system("test"), "seeker_viewed", theirs)
    data = data_export.export_seeker_data(mine, Actor.for_user(mine.user))
    text = json.dumps(data, default=str)
    assert decrypt(theirs.nik_encrypted) not in text and theirs.full_name not in text
    assert theirs.user.email not in text
    assert all(e["object_id"] in (str(mine.id), str(mine.user_id)) or e["by"] == f"seeker:{mine.user_id}"
               for e in data["audit_entries"])
    assert len(data["placements"]) == 1 and len(data["notifications"]) == 1


def test_audit_entries_about_the_seeker_include_those_by_others_and_by_themselves(db):
    seeker = full_seeker(db)
    coordinator = make_user("coordinator")
    audit.record_now(Actor.for_user(coordinator), "seeker_viewed", seeker)
    actions = [(e["action"], e["by"]) for e in
               data_export.export_seeker_data(seeker, Actor.for_user(seeker.user))["audit_entries"]]
    assert ("seeker_viewed", f"coordinator:{coordinator.id}") in actions
    assert ("consent_withdrawn", f"seeker:{seeker.user_id}") in actions


def test_the_export_is_audited(db):
    seeker = full_seeker(db)
    data_export.export_json(seeker, Actor.for_user(seeker.user, "10.0.0.9"))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_data_exported"))
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("seekers", str(seeker.id), seeker.user_id)


def test_dates_and_amounts_become_plain_json(db):
    seeker = full_seeker(db)
    data = json.loads(data_export.export_json(seeker, Actor.for_user(seeker.user)))
    assert data["profile"]["birth_date"] == date(2000, 5, 17).isoformat()
    assert data["profile"]["experience_years"] in ("0", "0.0")
    assert data["generated_at"].endswith("Z")
