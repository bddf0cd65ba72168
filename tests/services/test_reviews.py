"""Human review of a ranking: one open request per seeker and opening, answered once, audited, the seeker told."""
import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Notification, ReviewRequest
from app.services import reviews
from app.services.audit import Actor
from tests.factories import make_user
from tests.services.helpers_applications import make_opening


@pytest.fixture
def seeker(db):
    return make_user("seeker").seeker


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def ask(seeker, opening=None, message="Saya punya sertifikat ini.") -> ReviewRequest:
    return reviews.request_review(seeker, opening, message, Actor.for_user(seeker.user))


def audit_actions(db, object_id) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "review_requests",
                                                                   AuditEntry.object_id == str(object_id))
                                   .order_by(AuditEntry.id)))


def test_a_request_is_filed_open_and_audited(db, seeker):
    opening = make_opening()
    review = ask(seeker, opening, "  Kenapa hanya 40%?  ")
    assert (review.status, review.opening_id, review.message) == ("open", opening.id, "Kenapa hanya 40%?")
    assert audit_actions(db, review.id) == ["review_requested"]


def test_a_second_open_request_about_the_same_opening_is_refused(db, seeker):
    opening = make_opening()
    ask(seeker, opening)
    with pytest.raises(reviews.ReviewRefused) as refused:
        ask(seeker, opening, "Lagi")
    assert refused.value.code == reviews.ALREADY_OPEN
    assert db.session.scalar(select(func.count(ReviewRequest.id))) == 1


def test_the_ranking_as_a_whole_counts_as_one_subject_too(db, seeker):
    ask(seeker)
    with pytest.raises(reviews.ReviewRefused):
        ask(seeker)
    ask(seeker, make_opening())  # another subject is a new request


def test_another_seeker_or_another_opening_is_not_a_duplicate(db, seeker):
    opening = make_opening()
    ask(seeker, opening)
    ask(make_user("seeker").seeker, opening)
    ask(seeker, make_opening())
    assert db.session.scalar(select(func.count(ReviewRequest.id))) == 3


def test_once_answered_the_seeker_may_ask_again(db, seeker, coordinator):
    opening = make_opening()
    first = ask(seeker, opening)
    reviews.answer(first, "Sudah dicek.", Actor.for_user(coordinator))
    second = ask(seeker, opening)
    assert second.id != first.id and second.status == "open"


@pytest.mark.parametrize(("message", "code"), [("   ", reviews.MESSAGE_REQUIRED),
                                               ("x" * (reviews.MESSAGE_MAX + 1), reviews.MESSAGE_TOO_LONG)])
def test_an_empty_or_overlong_message_is_refused(db, seeker, message, code):
    with pytest.raises(reviews.ReviewRefused) as refused:
        ask(seeker, None, message)
    assert refused.value.code == code


def test_a_request_about_an_unpublished_opening_is_refused(db, seeker):
    with pytest.raises(reviews.ReviewRefused) as refused:
        ask(seeker, make_opening(status="closed"))
    assert refused.value.code == reviews.OPENING_UNKNOWN


def test_the_queue_is_open_requests_oldest_first(db, seeker, coordinator):
    other = make_user("seeker").seeker
    first, second, third = ask(seeker), ask(other), ask(seeker, make_opening())
    reviews.answer(second, "Sudah.", Actor.for_user(coordinator))
    queue = reviews.open_queue()
    assert [item.request.id for item in queue] == [first.id, third.id]
    assert queue[0].seeker_ref == f"seeker:{seeker.id}"
    assert queue[1].opening is not None and queue[0].opening is None
    assert reviews.open_count() == 2
    assert [item.request.id for item in reviews.recently_answered()] == [second.id]


def test_answering_marks_it_answered_audits_and_tells_the_seeker(db, seeker, coordinator):
    review = ask(seeker, make_opening())
    reviews.answer(review, "Sertifikat Anda belum diverifikasi.", Actor.for_user(coordinator, "10.0.0.1"))
    db.session.refresh(review)
    assert (review.status, review.response, review.handled_by_id) == (
        "answered", "Sertifikat Anda belum diverifikasi.", coordinator.id)
    assert review.handled_at is not None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "review_answered"))
    assert (entry.actor_id, entry.object_id, entry.remote_addr) == (coordinator.id, str(review.id), "10.0.0.1")
    note = db.session.scalar(select(Notification).where(Notification.user_id == seeker.user.id))
    assert (note.kind, note.link) == ("review_answered", reviews.MATCHES_LINK)
    assert reviews.queue_item(review.id).handled_by == coordinator.display_name


def test_an_answer_is_final(db, seeker, coordinator):
    review = ask(seeker)
    reviews.answer(review, "Pertama.", Actor.for_user(coordinator))
    with pytest.raises(reviews.ReviewRefused) as refused:
        reviews.answer(review, "Kedua.", Actor.for_user(make_user("coordinator")))
    assert refused.value.code == reviews.ALREADY_ANSWERED
    db.session.refresh(review)
    assert review.response == "Pertama."
    assert db.session.scalar(select(func.count(Notification.id))) == 1


def test_an_empty_answer_is_refused_and_the_request_stays_open(db, seeker, coordinator):
    review = ask(seeker)
    with pytest.raises(reviews.ReviewRefused) as refused:
        reviews.answer(review, " ", Actor.for_user(coordinator))
    assert refused.value.code == reviews.ANSWER_REQUIRED
    db.session.refresh(review)
    assert review.status == "open"


def test_a_seeker_sees_only_their_own_requests_newest_first(db, seeker):
    first, second = ask(seeker), ask(seeker, make_opening())
    ask(make_user("seeker").seeker)
    assert [item.request.id for item in reviews.seeker_requests(seeker.id)] == [second.id, first.id]
