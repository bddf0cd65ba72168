"""Consent per purpose: withdrawn at once, given again as a new row, every change audited."""
import pytest
from sqlalchemy import select

from app.models import AuditEntry, Consent, SeekerChange, SeekerProfile
from app.services import consents
from app.services.audit import Actor
from tests.factories import make_user


@pytest.fixture
def seeker(db):
    return make_user("seeker").seeker


def actor_for(seeker) -> Actor:
    return Actor.for_user(seeker.user)


def test_withdrawing_matching_consent_counts_from_the_very_next_question(db, seeker):
    assert consents.has_consent(seeker.id, "matching")
    consents.withdraw(seeker, "matching", actor_for(seeker))
    assert not consents.has_consent(seeker.id, "matching")
    assert not seeker.has_consent("matching")


def test_the_answer_comes_from_the_database_not_from_a_loaded_profile(db, seeker):
    assert consents.has_consent(seeker.id, "matching")
    # Another process (another request, a command) withdraws: no cached answer survives it.
    db.session.execute(Consent.__table__.update().values(withdrawn_at=db.func.now()))
    assert not consents.has_consent(seeker.id, "matching")


def test_giving_consent_again_adds_a_new_row_and_keeps_the_withdrawn_one(db, seeker):
    actor = actor_for(seeker)
    consents.withdraw(seeker, "matching", actor)
    consents.grant(seeker, "matching", actor)
    rows = consents.consent_history(seeker.id)
    assert [(r.purpose, r.withdrawn_at is None) for r in rows] == [("matching", False), ("matching", True)]
    assert consents.has_consent(seeker.id, "matching") and seeker.has_consent("matching")
    assert consents.consent_states(seeker.id)["matching"].is_given


@pytest.mark.parametrize("purpose", consents.SEEKER_PURPOSES)
def test_each_purpose_is_given_and_withdrawn_on_its_own(db, seeker, purpose):
    actor = actor_for(seeker)
    consents.grant(seeker, purpose, actor)
    others = {p: consents.has_consent(seeker.id, p) for p in consents.SEEKER_PURPOSES if p != purpose}
    consents.withdraw(seeker, purpose, actor)
    assert not consents.has_consent(seeker.id, purpose)
    assert {p: consents.has_consent(seeker.id, p) for p in others} == others
    state = consents.consent_states(seeker.id)[purpose]
    assert state.given_at is not None and state.withdrawn_at is not None and not state.is_given


def test_every_grant_and_withdrawal_is_audited_with_ids_only(db, seeker):
    actor = actor_for(seeker)
    consents.grant(seeker, "employer_contact", actor)
    consents.withdraw(seeker, "employer_contact", actor)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("consent_%"))
                                 .order_by(AuditEntry.id)).all()
    assert [(e.action, e.object_type, e.object_id, e.details["purpose"]) for e in entries] == [
        ("consent_granted", "seekers", str(seeker.id), "employer_contact"),
        ("consent_withdrawn", "seekers", str(seeker.id), "employer_contact")]
    assert all(e.actor_id == seeker.user_id for e in entries)


def test_giving_what_is_given_or_withdrawing_what_is_not_changes_nothing(db, seeker):
    actor = actor_for(seeker)
    consents.grant(seeker, "matching", actor)
    consents.withdraw(seeker, "immigration_sharing", actor)
    assert len(db.session.scalars(select(Consent)).all()) == 1
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action.like("consent_%"))) is None


@pytest.mark.parametrize("purpose", ["guardian", "marketing"])
def test_the_guardians_consent_and_unknown_purposes_are_not_the_seekers_to_change(db, seeker, purpose):
    with pytest.raises(consents.ConsentRefused):
        consents.withdraw(seeker, purpose, actor_for(seeker))
    with pytest.raises(consents.ConsentRefused):
        consents.grant(seeker, purpose, actor_for(seeker))


def test_one_seekers_withdrawal_leaves_another_seekers_consent_alone(db, seeker):
    other = make_user("seeker").seeker
    consents.withdraw(seeker, "matching", actor_for(seeker))
    assert consents.has_consent(other.id, "matching")
    assert db.session.get(SeekerProfile, other.id).has_consent("matching")


def test_each_change_is_announced_to_the_matchers_caches(db, seeker):
    actor = actor_for(seeker)
    before = len(db.session.scalars(select(SeekerChange.id)).all())
    consents.withdraw(seeker, "matching", actor)
    after_withdrawal = db.session.scalars(select(SeekerChange.seeker_id)).all()
    consents.grant(seeker, "matching", actor)
    after_grant = db.session.scalars(select(SeekerChange.seeker_id)).all()
    assert len(after_withdrawal) > before and after_withdrawal[-1] == seeker.id
    assert len(after_grant) > len(after_withdrawal) and after_grant[-1] == seeker.id
