"""Employers: verification, rejection, suspension (closing openings), reinstatement, details and colleagues."""
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask_babel import get_locale
from sqlalchemy import select

from app.models import AuditEntry, Opening, User
from app.services import accounts, employers
from app.services.employers import EmployerRefused, OrganisationInput
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_partners import actor_for, make_opening

ON = date(2026, 3, 1)


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


@pytest.fixture
def outbox(app):
    folder = Path(app.config["MAIL_OUTBOX"])
    before = set(folder.glob("*.eml")) if folder.exists() else set()

    def read():
        mails = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in folder.glob("*.eml")
                 if p not in before]
        return sorted(mails, key=lambda m: m["To"])
    return read


def actions(db) -> list[str]:
    return [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


@pytest.mark.parametrize(("employer", "city", "allowed"), [
    pytest.param({}, {}, True, id="verified-under-active-agreement"),
    pytest.param({"status": "pending"}, {}, False, id="pending"),
    pytest.param({"status": "rejected"}, {}, False, id="rejected"),
    pytest.param({"status": "suspended"}, {}, False, id="suspended-employer"),
    pytest.param({}, {"agreement_expires_on": date(2026, 1, 1)}, False, id="active-but-expired-agreement"),
    pytest.param({}, {"agreement_status": "suspended"}, False, id="suspended-city"),
    pytest.param({}, {"agreement_status": "draft"}, False, id="draft-agreement"),
])
def test_only_a_verified_employer_under_an_agreement_in_force_can_submit(db, employer, city, allowed):
    org = make_employer(make_partner_city(**city), **employer)
    assert employers.can_submit(org, ON) is allowed


def test_verifying_is_audited_recorded_and_mailed_to_each_user_in_their_language(db, coordinator, monkeypatch):
    org = make_employer(status="pending")
    english, indonesian = make_user("employer", employer=org, locale="en"), make_user("employer", employer=org)
    sent = []
    monkeypatch.setattr(employers, "send_mail", lambda to, subject, body: sent.append((to, str(get_locale()),
                                                                                       subject)))
    employers.verify(org, actor_for(coordinator))
    assert org.status == "verified" and org.reviewed_by_id == coordinator.id and org.reviewed_at
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "employer_verified"))
    assert entry.object_id == str(org.id) and entry.details == {"previous_status": "pending"}
    assert sorted(to_locale[:2] for to_locale in sent) == sorted([(english.email, "en"), (indonesian.email, "id")])
    assert all(org.legal_name in subject for _to, _locale, subject in sent)


def test_rejecting_needs_a_reason_which_users_read(db, coordinator, outbox):
    org = make_employer(status="pending")
    user = make_user("employer", employer=org, locale="en")
    with pytest.raises(EmployerRefused) as refused:
        employers.reject(org, "   ", actor_for(coordinator))
    assert refused.value.code == "REASON_REQUIRED" and org.status == "pending"
    employers.reject(org, "No company registration found.", actor_for(coordinator))
    assert (org.status, org.status_reason) == ("rejected", "No company registration found.")
    assert "employer_rejected" in actions(db)
    [mail] = outbox()
    assert mail["To"] == user.email and "No company registration found." in mail.get_content()


def test_suspending_closes_submitted_and_approved_openings_and_audits_each(db, coordinator, outbox):
    org = make_employer()
    make_user("employer", employer=org)
    submitted, approved = make_opening(org, status="submitted"), make_opening(org, status="approved")
    draft, closed = make_opening(org, status="draft"), make_opening(org, status="closed", closed_reason="filled")
    other = make_opening(make_employer(), status="approved")
    closed_now = employers.suspend(org, "Complaints about unpaid wages.", actor_for(coordinator))
    assert {o.id for o in closed_now} == {submitted.id, approved.id}
    db.session.expire_all()
    state = {o.id: (o.status, o.closed_reason) for o in db.session.scalars(select(Opening))}
    assert state[submitted.id] == state[approved.id] == ("closed", "employer_suspended")
    assert state[draft.id] == ("draft", None) and state[closed.id] == ("closed", "filled")
    assert state[other.id] == ("approved", None)
    assert actions(db).count("opening_closed") == 2
    suspended = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "employer_suspended"))
    assert sorted(suspended.details["closed_openings"]) == sorted([submitted.id, approved.id])
    assert len(outbox()) == 1


def test_reinstating_verifies_again_but_does_not_reopen_openings(db, coordinator):
    org = make_employer()
    opening = make_opening(org, status="approved")
    employers.suspend(org, "Under investigation.", actor_for(coordinator))
    employers.reinstate(org, actor_for(coordinator))
    db.session.expire_all()
    assert org.status == "verified" and org.status_reason is None
    assert db.session.get(Opening, opening.id).status == "closed"
    assert actions(db)[-1] == "employer_reinstated"


@pytest.mark.parametrize(("status", "move"), [
    ("verified", "verify"), ("suspended", "verify"), ("verified", "reject"), ("rejected", "reject"),
    ("pending", "suspend"), ("rejected", "suspend"), ("verified", "reinstate"), ("pending", "reinstate"),
])
def test_a_decision_from_the_wrong_status_is_refused(db, coordinator, status, move):
    org = make_employer(status=status)
    decide = {"verify": lambda: employers.verify(org, actor_for(coordinator)),
              "reject": lambda: employers.reject(org, "why", actor_for(coordinator)),
              "suspend": lambda: employers.suspend(org, "why", actor_for(coordinator)),
              "reinstate": lambda: employers.reinstate(org, actor_for(coordinator))}[move]
    with pytest.raises(EmployerRefused) as refused:
        decide()
    assert refused.value.code == "WRONG_STATUS" and org.status == status
    assert actions(db) == []


def test_a_rejected_employer_can_be_verified_after_all(db, coordinator):
    org = make_employer(status="rejected", status_reason="Missing registration")
    employers.verify(org, actor_for(coordinator))
    assert org.status == "verified" and org.status_reason is None


def test_an_employer_user_changes_the_details_and_the_audit_names_the_fields(db):
    org = make_employer(status="pending")
    user = make_user("employer", employer=org)
    employers.update_organisation(org, OrganisationInput(legal_name=org.legal_name, contact_person="New Person",
                                                         contact_email="HR@Example.com", website="https://x.example"),
                                  actor_for(user))
    assert (org.contact_person, org.contact_email) == ("New Person", "hr@example.com")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "employer_details_changed"))
    assert entry.details["changed"] == ["contact_person", "contact_email", "website"]
    assert entry.actor_id == user.id


@pytest.mark.parametrize("status", ["rejected", "suspended"])
def test_a_rejected_or_suspended_organisation_cannot_change_details_or_add_users(db, status):
    org = make_employer(status=status)
    user = make_user("employer", employer=org)
    with pytest.raises(EmployerRefused, match="NOT_EDITABLE"):
        employers.update_organisation(org, OrganisationInput(legal_name="Renamed"), actor_for(user))
    with pytest.raises(EmployerRefused, match="NOT_EDITABLE"):
        employers.invite_colleague(org, "new@example.com", "New", "en", actor_for(user), lambda t: t)


def test_inviting_a_colleague_creates_a_passwordless_user_of_the_same_organisation(db, outbox):
    org = make_employer()
    inviter = make_user("employer", employer=org)
    user = employers.invite_colleague(org, "Colleague@Example.com", "A Colleague", "en", actor_for(inviter),
                                      lambda token: f"https://jembatan.example/auth/reset/confirm?token={token}")
    assert (user.email, user.employer_id, user.role, user.password_hash) == (
        "colleague@example.com", org.id, "employer", None)
    assert [u.id for u in employers.users_of(org)] == [inviter.id, user.id]
    [mail] = outbox()
    token = mail.get_content().split("token=")[1].split()[0]
    assert accounts.user_for_reset_token(token).id == user.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "employer_user_invited"))
    assert entry.details == {"user_id": user.id}


def test_inviting_an_email_already_registered_is_refused(db):
    org = make_employer()
    inviter = make_user("employer", employer=org)
    taken = make_user("seeker")
    with pytest.raises(EmployerRefused) as refused:
        employers.invite_colleague(org, taken.email.upper(), "Someone", "en", actor_for(inviter), lambda t: t)
    assert [(p.field, p.code) for p in refused.value.problems] == [("email", "EMAIL_TAKEN")]
    assert db.session.scalar(select(User).where(User.display_name == "Someone")) is None


def test_the_history_leaves_out_record_look_ups(db, coordinator):
    org = make_employer(status="pending")
    employers.record_viewed(org, actor_for(coordinator))
    employers.verify(org, actor_for(coordinator))
    assert [e.action for e in employers.history(org)] == ["employer_verified"]
    assert "employer_record_viewed" in actions(db)
