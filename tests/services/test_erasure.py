"""Erasure: refused while a placement is in progress; once confirmed, nothing that identifies remains."""
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.vocab import CLOSED_STAGES
from app.models import (
    AnonymousRecord,
    AuditEntry,
    Certification,
    Consent,
    Document,
    ErasureRequest,
    LoginSession,
    Notification,
    SeekerProfile,
    SeekerSkill,
    Upload,
    User,
)
from app.security.crypto import decrypt, encrypt, keyed_hash
from app.services import audit, erasure
from app.services.audit import Actor
from app.services.notifications import notify
from tests.factories import make_user
from tests.services.helpers_privacy import make_certification, make_document, make_placement


@pytest.fixture
def seeker(db):
    return make_user("seeker").seeker


@pytest.fixture
def coordinator(db):
    return Actor.for_user(make_user("coordinator"))


def ask(seeker) -> ErasureRequest:
    return erasure.request_erasure(seeker, Actor.for_user(seeker.user))


@pytest.mark.parametrize("stage", ["applied", "shortlisted", "interview", "offered", "accepted",
                                   "contract_signed", "documents_verified", "departed", "arrived"])
def test_a_placement_in_progress_blocks_the_request_and_is_named(db, seeker, stage):
    placement = make_placement(seeker, stage)
    with pytest.raises(erasure.ErasureRefused) as refused:
        ask(seeker)
    assert refused.value.code == "PLACEMENTS_IN_PROGRESS"
    assert [p.id for p in refused.value.placements] == [placement.id]
    assert db.session.scalar(select(ErasureRequest)) is None


@pytest.mark.parametrize("stage", ["completed", "returned", *CLOSED_STAGES])
def test_an_ended_or_closed_placement_does_not_block_the_request(db, seeker, stage):
    make_placement(seeker, stage)
    request = ask(seeker)
    assert request.status == "requested"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "erasure_requested")).object_id == \
        str(seeker.id)


def test_asking_twice_files_one_request(db, seeker):
    assert ask(seeker).id == ask(seeker).id


def test_a_refusal_needs_a_note_and_tells_the_seeker(db, seeker, coordinator):
    request = ask(seeker)
    with pytest.raises(erasure.ErasureRefused, match="NOTE_REQUIRED"):
        erasure.decide(request, erasure.Decision(confirm=False, note="  "), coordinator)
    erasure.decide(request, erasure.Decision(confirm=False, note="Your case file is still open."), coordinator)
    assert (request.status, request.note, request.decided_by_id) == (
        "refused", "Your case file is still open.", coordinator.user_id)
    assert db.session.scalar(select(Notification.kind)) == "erasure_refused"
    assert db.session.get(SeekerProfile, seeker.id).erased_at is None


def test_a_decided_request_cannot_be_decided_again(db, seeker, coordinator):
    request = ask(seeker)
    erasure.decide(request, erasure.Decision(confirm=False, note="No."), coordinator)
    with pytest.raises(erasure.ErasureRefused, match="ALREADY_DECIDED"):
        erasure.decide(request, erasure.Decision(confirm=True), coordinator)


def test_a_placement_opened_after_the_request_blocks_the_confirmation(db, seeker, coordinator):
    request = ask(seeker)
    make_placement(seeker, "applied")
    with pytest.raises(erasure.ErasureRefused, match="PLACEMENTS_IN_PROGRESS"):
        erasure.decide(request, erasure.Decision(confirm=True), coordinator)
    assert db.session.get(ErasureRequest, request.id).status == "requested"


def rich_seeker(db, seeker):
    """A seeker with a phone, passport, papers with scans, a skill, notifications and a closed placement."""
    seeker.phone = "+6281299998888"
    seeker.passport_encrypted, seeker.passport_hash = encrypt("C1234567"), keyed_hash("C1234567", "passport")
    seeker.skills.append(SeekerSkill(term="welding"))
    db.session.commit()
    make_certification(seeker, with_scan=True)
    make_document(seeker, number="C1234567")
    make_placement(seeker, "returned", reached=("applied", "accepted", "departed", "arrived", "completed"))
    notify(seeker.user, "document_verified", {"kind": "Passport"})
    db.session.commit()
    return seeker


def test_confirmed_erasure_leaves_nothing_that_identifies_in_the_seekers_rows(db, app, seeker, coordinator):
    rich_seeker(db, seeker)
    user_id, seeker_id = seeker.user_id, seeker.id
    secrets = [decrypt(seeker.nik_encrypted), seeker.full_name, seeker.phone, seeker.user.email, "C1234567",
               seeker.nik_hash, seeker.user.display_name, seeker.user.password_hash]
    files = [p for key in db.session.scalars(select(Upload.storage_key))
             for p in Path(app.config["UPLOAD_FOLDER"]).rglob(key)]
    audit.record_now(Actor.for_user(seeker.user), "login", seeker.user)
    audit_before = [(a.id, a.actor_id, a.object_id, a.details) for a in db.session.scalars(select(AuditEntry))]
    erasure.decide(ask(seeker), erasure.Decision(confirm=True), coordinator)

    db.session.expire_all()
    rows = [db.session.execute(select(SeekerProfile.__table__).where(SeekerProfile.id == seeker_id)).one(),
            db.session.execute(select(User.__table__).where(User.id == user_id)).one()]
    stored = " ".join(repr(value) for row in rows for value in row)
    assert [s for s in secrets if s and s in stored] == []
    profile = db.session.get(SeekerProfile, seeker_id)
    assert (profile.nik_encrypted, profile.nik_hash, profile.passport_encrypted, profile.phone) == (None,) * 4
    assert (profile.full_name, profile.birth_date, profile.user_id) == ("", date(1900, 1, 1), None)
    assert profile.erased_at is not None
    user = db.session.get(User, user_id)
    assert (user.email, user.password_hash, user.is_enabled) == (None, None, False)
    for model in (SeekerSkill, Certification, Document, Consent):
        assert db.session.scalars(select(model).where(model.seeker_id == seeker_id)).all() == []
    assert db.session.scalars(select(Upload)).all() == []
    assert db.session.scalars(select(Notification)).all() == []
    assert len(files) == 2 and not any(p.exists() for p in files)
    assert all(s.revoked_at is not None for s in db.session.scalars(select(LoginSession)))
    # The audit log is kept as it was, and says what happened.
    kept = {a.id: (a.id, a.actor_id, a.object_id, a.details) for a in db.session.scalars(select(AuditEntry))}
    assert all(kept[entry[0]] == entry for entry in audit_before)
    assert {"seeker_erased", "erasure_confirmed"} <= set(db.session.scalars(select(AuditEntry.action)))


def test_erasure_keeps_an_anonymous_record_for_statistics(db, seeker, coordinator):
    rich_seeker(db, seeker)
    erasure.decide(ask(seeker), erasure.Decision(confirm=True), coordinator)
    record = db.session.scalar(select(AnonymousRecord))
    assert (record.kelurahan_code, record.outcome, record.erased_on) == (
        "19.71.01.1004", "returned", date.today())
    assert record.age_band in ("18-24", "25-34")


def test_a_seeker_with_no_placement_is_kept_as_registered(db, seeker, coordinator):
    erasure.decide(ask(seeker), erasure.Decision(confirm=True), coordinator)
    assert db.session.scalar(select(AnonymousRecord.outcome)) == "registered"


def test_the_seeker_is_told_by_e_mail_at_the_address_that_is_then_erased(db, app, seeker, coordinator):
    email = seeker.user.email
    outbox = Path(app.config["MAIL_OUTBOX"])
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    erasure.decide(ask(seeker), erasure.Decision(confirm=True), coordinator)
    mails = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in set(outbox.glob("*.eml")) - before]
    assert [m["To"] for m in mails] == [email]
    assert db.session.scalar(select(User.email).where(User.id == seeker.user_id)) is None


def test_erasing_one_seeker_leaves_another_untouched(db, seeker, coordinator):
    other = rich_seeker(db, make_user("seeker").seeker)
    name, uploads = other.full_name, len(db.session.scalars(select(Upload)).all())
    erasure.decide(ask(seeker), erasure.Decision(confirm=True), coordinator)
    db.session.expire_all()
    kept = db.session.get(SeekerProfile, other.id)
    assert kept.full_name == name and kept.nik_hash and kept.user.is_enabled
    assert len(db.session.scalars(select(Upload)).all()) == uploads
