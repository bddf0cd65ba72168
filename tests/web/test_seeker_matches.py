"""The seeker's matches page and dashboard: explained matches, invitations, what closes each gap, consent first,
and the request for a person to check the ranking."""
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db as _db
from app.models import AuditEntry, OpeningCertification, ReviewRequest, Shortlist, User
from app.web.match_words import points
from tests.services.helpers_applications import make_opening, make_placement, seeker_user
from tests.services.helpers_training import make_cohort, make_enrolment, make_programme


@pytest.fixture
def seeker(db, client, login_as):
    """A logged-in seeker (consenting to matching), reading English."""
    user = seeker_user()
    login_as(user)
    client.post("/language", data={"locale": "en"})
    return user


def page(client, url="/seeker/matches") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card(html: str, opening_id: int, kind: str = "match") -> str:
    """One opening's card: from its id to the next card or the end of its section."""
    start = html.index(f'id="{kind}-{opening_id}"')
    ends = [html.find(marker, start + 1) for marker in ('id="match-', 'id="blocked-', "</section>")]
    return html[start:min(end for end in ends if end > 0)]


def test_an_eligible_opening_is_shown_with_its_percentage_reasons_and_apply_button(client, seeker):
    opening = make_opening(title="Caregiver in Toyama")
    html = page(client)
    mine = card(html, opening.id)
    assert "Caregiver in Toyama" in mine and re.search(r"<strong>\d{1,3}%</strong>", mine)
    assert f'href="/seeker/openings/{opening.id}/apply"' in mine
    assert 'class="factor-share"' in mine  # at least one reason, with its points
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_matches_read"))
    assert entry.object_id == str(seeker.seeker.id) and entry.actor_id == seeker.id


def test_the_points_of_the_reasons_add_up_to_the_percentage(client, seeker):
    opening = make_opening()
    mine = card(page(client), opening.id)
    percent = int(re.search(r"<strong>(\d+)%</strong>", mine).group(1))
    assert sum(int(p) for p in re.findall(r'class="factor-share"[^>]*>\+(\d+)', mine)) == percent


def test_an_invitation_is_shown_and_an_application_replaces_the_apply_button(client, seeker):
    invited, applied = make_opening(), make_opening()
    _db.session.add(Shortlist(opening_id=invited.id, seeker_id=seeker.seeker.id))
    _db.session.commit()
    make_placement(seeker.seeker, applied, "applied")
    html = page(client)
    assert "An employer invited you" in card(html, invited.id)
    assert f"/seeker/openings/{applied.id}/apply" not in card(html, applied.id)
    assert "You applied: follow it" in card(html, applied.id)


def test_a_blocked_opening_names_the_gate_and_links_the_training_that_closes_it(client, seeker):
    opening = make_opening(title="Kaigo in Osaka")
    opening.certifications.append(OpeningCertification(scheme_code="BLK-CAREGIVER"))
    _db.session.commit()
    cohort = make_cohort(make_programme(scheme_code="BLK-CAREGIVER"))
    html = page(client)
    assert "Openings you cannot apply to yet" in html
    blocked = card(html, opening.id, "blocked")
    assert "Certificate missing" in blocked and "You do not have one yet." in blocked
    assert f'href="/seeker/training?scheme=BLK-CAREGIVER#cohort-{cohort.id}"' in blocked
    assert 'href="/seeker/papers/certifications/new"' in blocked
    assert f"/seeker/openings/{opening.id}/apply" not in html


def test_a_cohort_the_seeker_already_joined_says_so(client, seeker):
    opening = make_opening()
    opening.certifications.append(OpeningCertification(scheme_code="BLK-CAREGIVER"))
    _db.session.commit()
    make_enrolment(make_cohort(make_programme(scheme_code="BLK-CAREGIVER")), seeker.seeker)
    assert "You have a place in it." in card(page(client), opening.id, "blocked")


def test_without_a_cohort_the_seeker_is_told_to_ask_the_coordinator(client, seeker):
    opening = make_opening()
    opening.certifications.append(OpeningCertification(scheme_code="KR-EPS"))
    _db.session.commit()
    assert "Ask the coordinator at Disnaker" in card(page(client), opening.id, "blocked")


def test_too_old_is_said_kindly_and_promises_nothing(client, seeker):
    opening = make_opening(max_age=20)
    blocked = card(page(client), opening.id, "blocked")
    assert "Above the age limit" in blocked and "nothing can change that" in blocked


def test_without_consent_the_page_says_so_and_links_to_give_it(client, seeker):
    make_opening(title="Caregiver in Toyama")
    for consent in seeker.seeker.consents:
        _db.session.delete(consent)
    _db.session.commit()
    html = page(client)
    assert "You are not matched to openings yet" in html
    assert 'href="/seeker/privacy#consent-matching"' in html
    assert "Caregiver in Toyama" not in html and "Openings you cannot apply to yet" not in html
    assert _db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "seeker_matches_read")) == 0
    dashboard = page(client, "/seeker/")
    assert "you have not given your consent to matching" in dashboard
    assert 'href="/seeker/privacy#consent-matching"' in dashboard


def test_the_dashboard_shows_the_three_best_and_a_link_to_all(client, seeker):
    titles = [f"Opening {n}" for n in range(4)]
    for title in titles:
        make_opening(title=title)
    html = page(client, "/seeker/")
    section = html[html.index('id="top-matches"'):html.index("</section>", html.index('id="top-matches"'))]
    assert sum(title in section for title in titles) == 3
    assert 'href="/seeker/matches"' in section


def test_asking_for_a_review_files_it_and_shows_it_waiting(client, seeker):
    opening = make_opening(title="Caregiver in Toyama")
    response = client.post("/seeker/matches/review", data={"opening": str(opening.id),
                                                            "message": "Saya punya sertifikat."})
    assert response.status_code == 302 and response.headers["Location"].endswith("/seeker/matches#reviews")
    review = _db.session.scalar(select(ReviewRequest))
    assert (review.seeker_id, review.opening_id, review.status) == (seeker.seeker.id, opening.id, "open")
    html = page(client)
    mine = html[html.index(f'id="review-{review.id}"'):]
    assert "Caregiver in Toyama" in mine and "Waiting for a person" in mine and "Saya punya sertifikat." in mine


def test_a_duplicate_request_is_refused_politely_and_keeps_what_was_typed(client, seeker):
    client.post("/seeker/matches/review", data={"opening": "", "message": "Pertama"})
    response = client.post("/seeker/matches/review", data={"opening": "", "message": "Kedua kali"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "there is no need to ask again" in html
    assert "Kedua kali</textarea>" in html
    assert _db.session.scalar(select(func.count(ReviewRequest.id))) == 1


def test_an_empty_message_is_refused_beside_the_field(client, seeker):
    html = client.post("/seeker/matches/review", data={"opening": "", "message": ""}).get_data(as_text=True)
    assert "Tell us in a few words what looks wrong to you." in html
    assert _db.session.scalar(select(ReviewRequest)) is None


def test_the_ask_link_preselects_the_opening(client, seeker):
    opening = make_opening()
    html = page(client, f"/seeker/matches?about={opening.id}")
    assert f'<option selected value="{opening.id}">' in html


def test_another_seekers_requests_are_not_shown(client, seeker, make_user):
    other = _db.session.get(User, make_user("seeker").id)
    _db.session.add(ReviewRequest(seeker_id=other.seeker.id, message="Rahasia orang lain"))
    _db.session.commit()
    assert "Rahasia orang lain" not in page(client)


def test_the_review_form_needs_its_csrf_token(app, client, seeker, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/seeker/matches/review", data={"message": "Tolong cek"}).status_code == 400
    html = page(client)
    form = html[html.index('action="/seeker/matches/review"'):]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = client.post("/seeker/matches/review", data={"message": "Tolong cek", "opening": "",
                                                            "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize(("shares", "percent", "expected"), [
    ([0.262, 0.154, 0.065, 0.064, 0.006, 0.0], 55, [26, 15, 7, 6, 1, 0]),
    ([0.125, 0.125, 0.125, 0.125], 50, [13, 13, 12, 12]),  # each rounded alone: 12 + 12 + 12 + 12 = 48
    ([0.333, 0.333, 0.334], 100, [33, 33, 34]),
    ([0.005, 0.005], 1, [1, 0]),
    ([0.5, -0.1], 40, [50, -10]),  # a negative share: each rounded on its own
])
def test_the_points_of_the_reasons_are_apportioned_to_the_percentage(shares, percent, expected):
    assert points(shares, percent) == expected
