"""Check-ins through the service: answers, alerts, the silent safe word, and what the worker can see of it."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.domain.clock import utcnow
from app.extensions import db as _db
from app.models import Alert, AuditEntry, CheckIn, Notification, SeekerProfile
from app.services import checkins
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.data_export import export_json
from tests.factories import PASSWORD
from tests.services.helpers_applications import make_opening, make_placement, seeker_user
from tests.services.helpers_monitoring import SAFE_WORD, give_safe_word, make_alert, make_checkin, worker_abroad


def _as(placement) -> Actor:
    user = placement.seeker.user
    return Actor.for_user(user, "198.51.100.7")


def _checkins(placement) -> list[CheckIn]:
    return list(_db.session.scalars(select(CheckIn).where(CheckIn.placement_id == placement.id).order_by(CheckIn.id)))


def _open_alerts() -> list[Alert]:
    return list(_db.session.scalars(select(Alert).where(Alert.resolved_at.is_(None)).order_by(Alert.id)))


@pytest.mark.parametrize(("chosen", "kind", "severity"), [
    ("ok", None, None), ("concern", "concern", "medium"), ("distress", "distress", "critical"),
])
def test_an_answer_fills_the_waiting_check_in_and_raises_what_it_calls_for(db, chosen, kind, severity):
    placement = worker_abroad()
    waiting = make_checkin(placement, local_today() - timedelta(days=1))
    checkins.answer(placement.seeker, chosen, "Semua baik", _as(placement))
    assert [(c.id, c.answer, c.message) for c in _checkins(placement)] == [(waiting.id, chosen, "Semua baik")]
    assert [(a.kind, a.severity, a.details) for a in _open_alerts()] == (
        [] if kind is None else [(kind, severity, {"checkin_id": waiting.id})])


def test_an_answer_without_a_waiting_check_in_counts_for_the_next_due_date_when_it_is_close(db):
    placement = worker_abroad(departed=local_today() - timedelta(days=25))    # next due in 5 days
    checkins.answer(placement.seeker, "ok", None, _as(placement))
    far = worker_abroad(departed=local_today() - timedelta(days=5))            # next due in 25 days
    checkins.answer(far.seeker, "ok", None, _as(far))
    assert [c.due_on for c in _checkins(placement)] == [local_today() + timedelta(days=5)]
    assert [c.due_on for c in _checkins(far)] == [local_today()]


def test_answering_settles_the_overdue_alerts_of_the_placement(db):
    placement = worker_abroad()
    late = make_checkin(placement, local_today() - timedelta(days=10), overdue_at=utcnow())
    make_alert(placement, "checkin_overdue", "high", checkin_id=late.id)
    checkins.answer(placement.seeker, "ok", None, _as(placement))
    assert _open_alerts() == []
    resolved = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "alert_resolved"))
    assert resolved.actor_label == "system:checkins"


def test_only_a_worker_abroad_can_answer(db):
    user = seeker_user()
    make_placement(user.seeker, make_opening(), "documents_verified")
    with pytest.raises(checkins.NoPlacementAbroad):
        checkins.answer(user.seeker, "ok", None, Actor.for_user(user))
    assert _db.session.scalar(select(CheckIn)) is None


@pytest.mark.parametrize("message", ["Kenari", "  KENARI! ", "semua baik, kenári", "Baik-baik saja kenari."])
def test_the_safe_word_silently_turns_all_well_into_a_help_request(db, message):
    placement = worker_abroad()
    give_safe_word(placement.seeker.user)
    checkins.answer(placement.seeker, "ok", message, _as(placement))
    [checkin] = _checkins(placement)
    assert (checkin.answer, checkin.via_safe_word) == ("distress", True)
    assert "kenari" not in (checkin.message or "").lower() and "kenári" not in (checkin.message or "").lower()
    assert [(a.kind, a.severity, a.details) for a in _open_alerts()] == [
        ("distress", "critical", {"checkin_id": checkin.id, "via_safe_word": True})]


def test_a_word_that_only_resembles_the_safe_word_is_an_ordinary_answer(db):
    placement = worker_abroad()
    give_safe_word(placement.seeker.user)
    checkins.answer(placement.seeker, "ok", "Kenarii dan burung lain", _as(placement))
    [checkin] = _checkins(placement)
    assert (checkin.answer, checkin.via_safe_word, checkin.message) == ("ok", False, "Kenarii dan burung lain")
    assert _open_alerts() == []


def _trail_of(user_id: int) -> list[tuple]:
    """What the worker's own audit entries say, without ids and times."""
    return [(e.action, e.object_type, sorted(e.details)) for e in _db.session.scalars(
        select(AuditEntry).where(AuditEntry.actor_id == user_id).order_by(AuditEntry.id))]


def test_nothing_the_worker_can_see_differs_between_all_well_and_the_safe_word(db):
    plain, duress = worker_abroad(), worker_abroad()
    for placement in (plain, duress):
        give_safe_word(placement.seeker.user)
    checkins.answer(plain.seeker, "ok", "Semua baik", _as(plain))
    checkins.answer(duress.seeker, "ok", "Semua baik kenari", _as(duress))
    plain_user, duress_user = plain.seeker.user, duress.seeker.user
    assert _trail_of(plain_user.id) == _trail_of(duress_user.id) == [("checkin_submitted", "checkins",
                                                                      ["placement_id"])]
    assert _db.session.scalar(select(Notification)) is None
    for placement in (plain, duress):
        exported = export_json(_db.session.get(SeekerProfile, placement.seeker_id), _as(placement)).lower()
        assert "distress" not in exported and "safe_word" not in exported and "kenari" not in exported


def test_the_safe_word_is_in_no_audit_entry_alert_or_message(db):
    placement = worker_abroad()
    user = placement.seeker.user
    checkins.set_safe_word(placement.seeker, user, PASSWORD, SAFE_WORD, SAFE_WORD.upper(), _as(placement))
    checkins.answer(placement.seeker, "ok", f"Aman. {SAFE_WORD}", _as(placement))
    stored = [str(e.details) for e in _db.session.scalars(select(AuditEntry))]
    stored += [str(a.details) for a in _db.session.scalars(select(Alert))]
    stored += [c.message or "" for c in _db.session.scalars(select(CheckIn))]
    stored.append(_db.session.get(SeekerProfile, placement.seeker_id).safe_word_hash)
    assert not any(SAFE_WORD.lower() in text.lower() for text in stored)
    assert _checkins(placement)[0].answer == "distress"


@pytest.mark.parametrize(("password", "word", "repeated", "codes"), [
    ("wrong password", SAFE_WORD, SAFE_WORD, [checkins.WRONG_PASSWORD]),
    (PASSWORD, "abc", "abc", ["SAFE_WORD_TOO_SHORT"]),
    (PASSWORD, "kenari", "merpati", ["SAFE_WORDS_DIFFER"]),
])
def test_a_safe_word_needs_the_password_and_a_good_word(db, password, word, repeated, codes):
    placement = worker_abroad()
    user = placement.seeker.user
    with pytest.raises(checkins.SafeWordRefused) as refused:
        checkins.set_safe_word(placement.seeker, user, password, word, repeated, _as(placement))
    assert refused.value.codes == codes
    assert _db.session.get(SeekerProfile, placement.seeker_id).safe_word_hash is None


def test_setting_then_changing_the_safe_word_is_audited_without_the_word(db):
    placement = worker_abroad()
    user = placement.seeker.user
    checkins.set_safe_word(placement.seeker, user, PASSWORD, "Kenari", "kenari", _as(placement))
    checkins.set_safe_word(placement.seeker, user, PASSWORD, "Merpati", "merpati", _as(placement))
    entries = _db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("safe_word%"))
                                  .order_by(AuditEntry.id)).all()
    assert [(e.action, e.details) for e in entries] == [("safe_word_set", {}), ("safe_word_changed", {})]
    checkins.answer(placement.seeker, "ok", "kenari", _as(placement))   # the old word no longer counts
    assert _checkins(placement)[0].answer == "ok"


def test_the_status_shows_dates_never_an_answer(db):
    placement = worker_abroad(departed=local_today() - timedelta(days=31))
    make_checkin(placement, local_today() - timedelta(days=1))
    shown = checkins.status(placement.seeker)
    assert (shown.due_since, shown.next_due, shown.last_sent_at) == (
        local_today() - timedelta(days=1), local_today() + timedelta(days=29), None)
    checkins.answer(placement.seeker, "distress", None, _as(placement))
    after = checkins.status(placement.seeker)
    assert after.due_since is None and after.last_sent_at is not None
    assert not hasattr(after, "answer")
