"""The worker's check-in page: answered in a minute, and the safe word leaves no trace on the screen."""
import re
from datetime import timedelta

import pytest
from flask import template_rendered
from sqlalchemy import select
from werkzeug.security import check_password_hash

from app.extensions import db as _db
from app.models import Alert, CheckIn, SeekerProfile
from app.services.catalogue import local_today
from tests.factories import PASSWORD
from tests.services.helpers_applications import make_opening, make_placement, seeker_user
from tests.services.helpers_monitoring import SAFE_WORD, give_safe_word, make_checkin, worker_abroad


@pytest.fixture
def templates(app):
    """The names of the templates rendered while the test runs."""
    names = []

    def note(sender, template, context, **extra):
        names.append(template.name)
    template_rendered.connect(note, app)
    yield names
    template_rendered.disconnect(note, app)


def _english(client):
    client.post("/language", data={"locale": "en"})


def _comparable(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', html)


def test_the_worker_sees_that_a_report_is_due_and_answers_with_one_tap(client, login_as, db):
    placement = worker_abroad()
    make_checkin(placement, local_today() - timedelta(days=2))
    login_as(placement.seeker.user)
    _english(client)
    page = client.get("/seeker/checkin").get_data(as_text=True)
    assert "Your report is due now." in page and 'value="distress"' in page and "I need help" in page
    response = client.post("/seeker/checkin", data={"answer": "ok", "message": "Semua baik"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/checkin")
    after = client.get("/seeker/checkin").get_data(as_text=True)
    assert "Thank you. Your report has been sent." in after and "Your report is due now." not in after
    assert _db.session.scalar(select(CheckIn)).answer == "ok"


def test_asking_for_help_says_that_someone_will_call(client, login_as, db):
    placement = worker_abroad()
    login_as(placement.seeker.user)
    _english(client)
    client.post("/seeker/checkin", data={"answer": "distress"})
    page = client.get("/seeker/checkin").get_data(as_text=True)
    assert "Your request for help has been sent." in page
    assert _db.session.scalar(select(Alert)).kind == "distress"


def test_the_safe_word_page_looks_exactly_like_all_well(client, login_as, db, templates):
    """Same redirect, same template, same flash, same bytes (but for the CSRF token)."""
    placement = worker_abroad()
    give_safe_word(placement.seeker.user)
    login_as(placement.seeker.user)
    _english(client)
    shown = {}
    for name, message in (("plain", "Semua baik"), ("duress", f"Semua baik {SAFE_WORD}")):
        templates.clear()
        response = client.post("/seeker/checkin", data={"answer": "ok", "message": message})
        page = client.get("/seeker/checkin")
        shown[name] = (response.status_code, response.headers["Location"], response.get_data(),
                       list(templates), page.status_code, _comparable(page.get_data(as_text=True)))
    assert shown["plain"] == shown["duress"]
    assert shown["duress"][3] == ["seeker/checkin.html"]
    assert "Thank you. Your report has been sent." in shown["duress"][-1]
    assert SAFE_WORD.lower() not in shown["duress"][-1].lower()
    answers = [c.answer for c in _db.session.scalars(select(CheckIn).order_by(CheckIn.id))]
    assert answers == ["ok", "distress"]


def test_a_seeker_who_is_not_abroad_has_nothing_to_report(client, login_as, db):
    user = seeker_user()
    make_placement(user.seeker, make_opening(), "contract_signed")
    login_as(user)
    _english(client)
    assert "You have no placement abroad." in client.get("/seeker/checkin").get_data(as_text=True)
    assert client.post("/seeker/checkin", data={"answer": "distress"}).status_code == 404
    assert _db.session.scalar(select(CheckIn)) is None


def test_a_worker_reports_only_on_their_own_placement(client, login_as, db):
    mine, theirs = worker_abroad(), worker_abroad()
    login_as(mine.seeker.user)
    client.post("/seeker/checkin", data={"answer": "concern", "placement_id": theirs.id,
                                         "placement": theirs.id})
    assert [c.placement_id for c in _db.session.scalars(select(CheckIn))] == [mine.id]


def test_an_unknown_answer_is_refused_and_nothing_is_recorded(client, login_as, db):
    placement = worker_abroad()
    login_as(placement.seeker.user)
    assert client.post("/seeker/checkin", data={"answer": "fine"}).status_code == 200
    assert _db.session.scalar(select(CheckIn)) is None


def test_the_worker_sets_a_safe_word_with_their_password_and_never_sees_it_again(client, login_as, db):
    placement = worker_abroad()
    login_as(placement.seeker.user)
    _english(client)
    refused = client.post("/seeker/checkin/safe-word", data={"password": "nope", "word": SAFE_WORD,
                                                             "repeated": SAFE_WORD})
    assert refused.status_code == 200 and "Your password is not right." in refused.get_data(as_text=True)
    saved = client.post("/seeker/checkin/safe-word", data={"password": PASSWORD, "word": SAFE_WORD,
                                                           "repeated": SAFE_WORD.upper()})
    assert saved.status_code == 302
    stored = _db.session.get(SeekerProfile, placement.seeker_id).safe_word_hash
    assert check_password_hash(stored, SAFE_WORD.lower()) and SAFE_WORD.lower() not in stored.lower()
    page = client.get("/seeker/checkin/safe-word").get_data(as_text=True)
    assert "You have a safe word." in page and SAFE_WORD.lower() not in page.lower()


def test_a_too_common_safe_word_is_explained(client, login_as, db):
    placement = worker_abroad()
    login_as(placement.seeker.user)
    _english(client)
    page = client.post("/seeker/checkin/safe-word", data={"password": PASSWORD, "word": "baik", "repeated": "baik"})
    assert "This word is too common" in page.get_data(as_text=True)
