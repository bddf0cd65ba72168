"""The coordinators' queue of review requests: only coordinators, oldest first, the seeker's ranking beside the
request, an answer that is audited, told to the seeker and shown on their page."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import AuditEntry, Notification, ReviewRequest, User
from app.services import reviews
from app.services.audit import Actor
from tests.services.helpers_applications import make_opening, seeker_user


@pytest.fixture
def seeker_a(db):
    return seeker_user()


def ask(seeker: User, opening=None, message="Kenapa saya tidak cocok?") -> int:
    profile = _db.session.get(User, seeker.id).seeker
    return reviews.request_review(profile, opening, message, Actor.for_user(seeker)).id


def english(client):
    client.post("/language", data={"locale": "en"})


def test_the_queue_lists_open_requests_oldest_first_with_the_seeker_and_the_opening(client, login_as, seeker_a):
    opening = make_opening(title="Caregiver in Toyama")
    first = ask(seeker_a, opening, "Yang pertama")
    second = ask(seeker_user(), None, "Yang kedua")
    login_as("coordinator")
    english(client)
    html = client.get("/coordinator/reviews").get_data(as_text=True)
    assert html.index("Yang pertama") < html.index("Yang kedua")
    assert f'href="/coordinator/seekers/{seeker_a.seeker.id}"' in html
    assert "Caregiver in Toyama" in html and f'href="/coordinator/reviews/{first}"' in html
    assert f'href="/coordinator/reviews/{second}"' in html


def test_the_review_page_shows_the_seekers_ranking_and_audits_the_read(client, login_as, seeker_a):
    opening = make_opening(title="Caregiver in Toyama")
    review_id = ask(seeker_a, opening)
    coordinator_id = login_as("coordinator")
    english(client)
    html = client.get(f"/coordinator/reviews/{review_id}").get_data(as_text=True)
    assert "Eligible: ranked 1 of 1 eligible openings." in html
    assert f'id="match-{opening.id}"' in html and "/seeker/openings/" not in html  # no apply button
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_matches_read"))
    assert (entry.actor_id, entry.object_id) == (coordinator_id, str(seeker_a.seeker.id))


def test_an_opening_the_seeker_cannot_take_is_shown_with_its_gates(client, login_as, seeker_a):
    opening = make_opening(title="Young workers only", max_age=20)
    review_id = ask(seeker_a, opening)
    login_as("coordinator")
    english(client)
    html = client.get(f"/coordinator/reviews/{review_id}").get_data(as_text=True)
    about = html[html.index('id="about-title"'):html.index('id="ranking-title"')]
    assert "Not eligible" in about and "Above the age limit" in about and f'id="blocked-{opening.id}"' in about


def test_answering_closes_the_request_audits_it_and_tells_the_seeker(client, login_as, seeker_a):
    review_id = ask(seeker_a)
    coordinator_id = login_as("coordinator")
    response = client.post(f"/coordinator/reviews/{review_id}/answer",
                           data={"response": "Sertifikat Anda masih menunggu verifikasi."})
    assert response.status_code == 302 and response.headers["Location"].endswith("/coordinator/reviews")
    review = _db.session.get(ReviewRequest, review_id)
    assert (review.status, review.handled_by_id) == ("answered", coordinator_id)
    assert _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "review_answered")).actor_id == \
        coordinator_id
    note = _db.session.scalar(select(Notification).where(Notification.user_id == seeker_a.id))
    assert note.kind == "review_answered"
    client.post("/auth/logout")
    login_as(seeker_a)
    english(client)
    mine = client.get("/seeker/matches").get_data(as_text=True)
    assert "Sertifikat Anda masih menunggu verifikasi." in mine and "Answered" in mine


def test_an_empty_answer_stays_on_the_page_with_the_error(client, login_as, seeker_a):
    review_id = ask(seeker_a)
    login_as("coordinator")
    english(client)
    response = client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "  "})
    assert response.status_code == 200 and "Write the answer the seeker will read." in response.get_data(as_text=True)
    assert _db.session.get(ReviewRequest, review_id).status == "open"


def test_a_second_answer_is_refused_and_the_first_kept(client, login_as, seeker_a):
    review_id = ask(seeker_a)
    login_as("coordinator")
    client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "Pertama"})
    client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "Kedua"})
    assert _db.session.get(ReviewRequest, review_id).response == "Pertama"


@pytest.mark.parametrize("role", ["seeker", "employer", "officer", "admin"])
def test_only_coordinators_reach_the_queue_or_answer(client, login_as, seeker_a, role):
    review_id = ask(seeker_a)
    login_as(seeker_a if role == "seeker" else role)
    assert client.get("/coordinator/reviews").status_code == 403
    assert client.get(f"/coordinator/reviews/{review_id}").status_code == 403
    assert client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "x"}).status_code == 403
    assert _db.session.get(ReviewRequest, review_id).status == "open"


def test_seeker_b_sees_nothing_of_seeker_as_request(client, login_as, seeker_a):
    ask(seeker_a, None, "Rahasia seeker A")
    login_as(seeker_user())
    assert "Rahasia seeker A" not in client.get("/seeker/matches").get_data(as_text=True)


def test_an_unknown_request_is_not_found(client, login_as):
    login_as("coordinator")
    assert client.get("/coordinator/reviews/999999").status_code == 404
    assert client.post("/coordinator/reviews/999999/answer", data={"response": "x"}).status_code == 404


def test_the_answer_form_needs_its_csrf_token(app, client, login_as, seeker_a, monkeypatch):
    review_id = ask(seeker_a)
    login_as("coordinator")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "x"}).status_code == 400
    html = client.get(f"/coordinator/reviews/{review_id}").get_data(as_text=True)
    form = html[html.index(f'action="/coordinator/reviews/{review_id}/answer"'):]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = client.post(f"/coordinator/reviews/{review_id}/answer", data={"response": "Sudah", "csrf_token": token})
    assert response.status_code == 302
    assert _db.session.get(ReviewRequest, review_id).status == "answered"
