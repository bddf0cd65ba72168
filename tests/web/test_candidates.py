"""The candidates pages of an opening: the employer's anonymised, explained ranking with its shortlist, and
the coordinator's ranking with the ineligible and their gates."""
import re
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import AuditEntry, Shortlist
from app.security.crypto import encrypt
from app.services.candidate_codes import candidate_code
from tests.factories import make_user, nik_for
from tests.services.helpers_matching import make_candidate, make_opening

NIK = nik_for(date(2000, 5, 17), "M", 4321)


@pytest.fixture
def employer(db):
    return make_user("employer")


@pytest.fixture
def opening(employer):
    return make_opening(employer=employer.employer, title="Welder in Toyama")


@pytest.fixture
def best(db):
    """The better candidate: every skill asked, named and identified so leaks would show."""
    return make_candidate(skills=("welding", "smaw", "grinding"), full_name="Siti Rahmawati Best",
                          nik_encrypted=encrypt(NIK), kelurahan_code="19.71.01.1004", phone="081234567890")


@pytest.fixture
def second(db):
    return make_candidate(skills=("smaw",), full_name="Budi Santoso Second")


def english(client):
    client.post("/language", data={"locale": "en"})


def shortlist_url(opening, seeker, action="shortlist"):
    return f"/employer/openings/{opening.id}/candidates/{candidate_code(opening.id, seeker.id)}/{action}"


def test_the_employer_sees_anonymous_cards_best_first_with_score_and_explanation(client, login_as, employer,
                                                                                 opening, best, second):
    login_as(employer)
    english(client)
    page = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    assert "2 candidates meet every legal requirement of this opening." in page
    assert page.index(f'id="candidate-{candidate_code(opening.id, best.id)}"') < page.index(
        f'id="candidate-{candidate_code(opening.id, second.id)}"')
    assert "Candidate 1" in page and "Candidate 2" in page
    assert re.search(r"\d+%\s*<small>match</small>", page)
    assert "Has all 2 required skills" in page and "Has 1 of 2 required skills (missing: welding)" in page
    assert "Why this rank" in page and "Shortlist and invite to apply" in page


def test_the_employer_page_holds_no_name_nik_contact_place_ref_or_seeker_id(client, login_as, employer, opening,
                                                                            best, second):
    login_as(employer)
    page = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    for secret in ("Siti", "Rahmawati", "Budi", NIK, NIK[:6] + " ", "081234567890", best.ref, second.ref,
                   "Semabung Lama", "17 May 2000", "2000-05-17", f"/seekers/{best.id}"):
        assert secret not in page, secret
    assert "Bukit Intan" in page  # the kecamatan, never the kelurahan


def test_ineligible_candidates_are_never_listed_for_the_employer(client, login_as, employer, opening, best):
    uncertified = make_candidate(schemes=())
    login_as(employer)
    english(client)
    page = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    assert "1 candidate meets every legal requirement" in page
    assert candidate_code(opening.id, uncertified.id) not in page and "Candidate 2" not in page


def test_another_employers_opening_and_codes_made_for_another_opening_are_not_found(client, login_as, opening,
                                                                                    employer, best):
    login_as(make_user("employer"))
    assert client.get(f"/employer/openings/{opening.id}/candidates").status_code == 404
    assert client.post(shortlist_url(opening, best)).status_code == 404
    client.get("/auth/logout")
    login_as(employer)
    mine = make_opening(employer=employer.employer)
    borrowed = candidate_code(opening.id, best.id)
    assert client.post(f"/employer/openings/{mine.id}/candidates/{borrowed}/shortlist").status_code == 404
    assert client.post(f"/employer/openings/{opening.id}/candidates/garbage/shortlist").status_code == 404
    assert _db.session.scalars(select(Shortlist)).all() == []


def test_an_opening_that_is_not_approved_says_why_and_lists_nobody(client, login_as, employer, best):
    submitted = make_opening(employer=employer.employer, status="submitted")
    login_as(employer)
    english(client)
    page = client.get(f"/employer/openings/{submitted.id}/candidates").get_data(as_text=True)
    assert "No candidates can be shown for this opening" in page
    assert "The opening is not approved (its status: Submitted)." in page
    assert "Candidate 1" not in page


def test_the_employer_shortlists_and_unshortlists_a_candidate(client, login_as, employer, opening, best, second):
    login_as(employer)
    english(client)
    response = client.post(shortlist_url(opening, best))
    assert response.status_code == 302 and f"#candidate-{candidate_code(opening.id, best.id)}" in response.location
    assert [s.seeker_id for s in _db.session.scalars(select(Shortlist))] == [best.id]
    page = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    assert page.count('badge badge-info">Shortlisted<') == 1 and "Remove from shortlist" in page
    assert "The candidate is invited to apply" in page  # the flash
    client.post(shortlist_url(opening, best, "unshortlist"))
    assert _db.session.scalars(select(Shortlist)).all() == []
    entries = [e.action for e in _db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert "candidate_shortlisted" in entries and "candidate_unshortlisted" in entries


def test_shortlisting_a_candidate_who_is_no_longer_eligible_is_refused_with_a_clear_message(client, login_as,
                                                                                            employer, opening):
    lapsed = make_candidate(consent=False)
    login_as(employer)
    english(client)
    response = client.post(shortlist_url(opening, lapsed), follow_redirects=True)
    assert "no longer meets every legal requirement" in response.get_data(as_text=True)
    assert _db.session.scalars(select(Shortlist)).all() == []


def test_every_page_view_is_audited_with_the_candidates_shown(client, login_as, employer, opening, best, second):
    user_id = login_as(employer)
    client.get(f"/employer/openings/{opening.id}/candidates")
    [entry] = _db.session.scalars(select(AuditEntry).where(AuditEntry.action == "candidates_ranked")).all()
    assert entry.actor_id == user_id and entry.object_id == str(opening.id)
    assert entry.details["seeker_ids"] == [best.id, second.id] and entry.details["shown"] == 2


def test_explanations_follow_the_language_of_the_page(client, login_as, employer, opening, second):
    login_as(employer)
    indonesian = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    assert '<html lang="id">' in indonesian and "pengelasan)" in indonesian  # the vocabulary's Indonesian label
    english(client)
    page = client.get(f"/employer/openings/{opening.id}/candidates").get_data(as_text=True)
    assert '<html lang="en">' in page and "(missing: welding)" in page and "Why this rank" in page


def test_the_opening_and_applicants_pages_link_to_the_candidates(client, login_as, employer, opening):
    login_as(employer)
    link = f'href="/employer/openings/{opening.id}/candidates"'
    assert link in client.get(f"/employer/openings/{opening.id}").get_data(as_text=True)
    assert link in client.get(f"/employer/openings/{opening.id}/applicants").get_data(as_text=True)


def test_the_coordinator_sees_refs_shortlist_state_and_the_ineligible_with_their_gates(client, login_as, employer,
                                                                                        opening, best, second):
    uncertified = make_candidate(schemes=())
    login_as(employer)
    client.post(shortlist_url(opening, best))
    client.get("/auth/logout")
    login_as("coordinator")
    english(client)
    assert f'href="/coordinator/openings/{opening.id}/candidates"' in client.get(
        f"/coordinator/openings/{opening.id}").get_data(as_text=True)
    page = client.get(f"/coordinator/openings/{opening.id}/candidates").get_data(as_text=True)
    assert f"No. 1: {best.ref}" in page and f'href="/coordinator/seekers/{best.id}"' in page
    assert page.count('badge badge-info">Shortlisted<') == 1
    assert "1 job seeker fails at least one legal requirement" in page
    assert f'href="/coordinator/seekers/{uncertified.id}">{uncertified.ref}</a>' in page
    assert "Certificate missing: <strong>1</strong>" in page
    audit = _db.session.scalars(select(AuditEntry).where(AuditEntry.action == "candidates_ranked")
                                .order_by(AuditEntry.id.desc())).first()
    assert sorted(audit.details["seeker_ids"]) == sorted([best.id, second.id, uncertified.id])
