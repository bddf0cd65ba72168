"""Shortlisting ranked candidates: only the eligible, audited, the seeker invited; the codes that name them;
the candidates pages' reads; erasure takes shortlists away."""
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from app.domain.eligibility import Gate
from app.extensions import db as _db
from app.models import AuditEntry, Notification, SeekerProfile, Shortlist, User
from app.services import candidate_pages, shortlists
from app.services.audit import Actor
from app.services.candidate_cards import card_facts
from app.services.candidate_codes import CODE_LENGTH, candidate_code, seeker_of
from app.services.catalogue import local_today
from app.services.erasure import erase_seeker
from app.services.ineligible_candidates import ineligible_page
from app.services.matcher.rank import rank_candidates
from app.services.placement_reads import candidate_facts
from tests.services.helpers_applications import make_placement
from tests.services.helpers_matching import bulk_candidates, make_candidate, make_opening

EMPLOYER = Actor(None, "employer:test")


def actions(name: str) -> list[AuditEntry]:
    return list(_db.session.scalars(select(AuditEntry).where(AuditEntry.action == name)))


def with_account(seeker):
    """Give a directly made candidate an account, so they can be told."""
    seeker.user = User(email=f"invited{seeker.id}@example.com", role="seeker", display_name="S", password_hash="x",
                       locale="en")
    _db.session.commit()
    return seeker


def test_an_eligible_candidate_is_shortlisted_audited_and_invited_to_apply(db):
    opening = make_opening(city="Toyama")
    seeker = with_account(make_candidate())
    row = shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert (row.opening_id, row.seeker_id) == (opening.id, seeker.id)
    assert [e.details["seeker_id"] for e in actions("candidate_shortlisted")] == [seeker.id]
    [note] = _db.session.scalars(select(Notification).where(Notification.user_id == seeker.user_id)).all()
    assert note.kind == "invited_to_apply" and note.link == f"/seeker/openings/{opening.id}/apply"
    assert note.params == {"title": opening.title, "city": "Toyama"}


def test_shortlisting_twice_keeps_one_row_and_one_invitation(db):
    opening, seeker = make_opening(), with_account(make_candidate())
    first = shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert shortlists.shortlist(opening, seeker.id, EMPLOYER).id == first.id
    assert len(_db.session.scalars(select(Shortlist)).all()) == 1
    assert len(_db.session.scalars(select(Notification)).all()) == 1


def test_a_candidate_who_already_applied_or_has_no_account_is_shortlisted_without_a_message(db):
    opening = make_opening()
    applied, imported = with_account(make_candidate()), make_candidate()
    make_placement(applied, opening, "applied")
    shortlists.shortlist(opening, applied.id, EMPLOYER)
    shortlists.shortlist(opening, imported.id, EMPLOYER)
    assert len(_db.session.scalars(select(Shortlist)).all()) == 2
    assert _db.session.scalars(select(Notification)).all() == []


def test_an_ineligible_candidate_is_refused_with_the_gates_and_the_refusal_is_audited(db):
    opening = make_opening()
    seeker = make_candidate(schemes=())
    with pytest.raises(shortlists.ShortlistRefused) as refused:
        shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert refused.value.code == shortlists.NOT_ELIGIBLE
    assert [f.code for f in refused.value.failures] == [Gate.CERT_MISSING]
    assert _db.session.scalars(select(Shortlist)).all() == []
    [entry] = actions("shortlist_refused")
    assert entry.details == {"seeker_id": seeker.id, "code": "NOT_ELIGIBLE", "gates": ["CERT_MISSING"]}


def test_nobody_is_shortlisted_for_an_opening_that_fails_its_own_gates(db):
    opening, seeker = make_opening(status="submitted"), make_candidate()
    with pytest.raises(shortlists.ShortlistRefused) as refused:
        shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert refused.value.code == shortlists.OPENING_BLOCKED


def test_an_erased_seeker_is_no_candidate_and_erasure_removes_their_shortlists(db):
    opening, seeker = make_opening(), make_candidate()
    shortlists.shortlist(opening, seeker.id, EMPLOYER)
    erase_seeker(seeker, Actor.system("test"))
    _db.session.commit()
    assert _db.session.scalars(select(Shortlist)).all() == []
    with pytest.raises(shortlists.ShortlistRefused) as refused:
        shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert refused.value.code == shortlists.NOT_A_CANDIDATE


def test_unshortlisting_removes_the_row_once_and_is_audited(db):
    opening, seeker = make_opening(), make_candidate()
    shortlists.shortlist(opening, seeker.id, EMPLOYER)
    assert shortlists.unshortlist(opening, seeker.id, EMPLOYER) is True
    assert shortlists.unshortlist(opening, seeker.id, EMPLOYER) is False
    assert not shortlists.is_shortlisted(opening.id, seeker.id)
    assert [e.details["seeker_id"] for e in actions("candidate_unshortlisted")] == [seeker.id]


def test_a_candidate_code_is_opaque_bound_to_its_opening_and_read_back_only_there(app):
    with app.app_context():
        code = candidate_code(7, 12345)
        assert len(code) == CODE_LENGTH and "12345" not in code and code.isalnum()
        assert seeker_of(7, code) == 12345
        assert seeker_of(8, code) is None  # the same code on another opening names nobody
        assert candidate_code(8, 12345) != code  # nor can two openings' lists be joined by code
        assert seeker_of(7, code[:-1] + ("a" if code[-1] != "a" else "b")) != 12345
        assert seeker_of(7, "not-a-code") is None and seeker_of(7, "!" * CODE_LENGTH) is None


def test_the_ranked_view_marks_the_shortlisted_and_counts_those_not_in_the_list(db):
    opening = make_opening()
    best = make_candidate(skills=("welding", "smaw", "grinding"))
    second = make_candidate(skills=("welding",))
    shortlists.shortlist(opening, best.id, EMPLOYER)
    shortlists.shortlist(opening, second.id, EMPLOYER)
    view = candidate_pages.ranked_candidates(opening, EMPLOYER, top_k=1)
    assert [(r.candidate.seeker_id, r.shortlisted) for r in view.rows] == [(best.id, True)]
    assert view.ranking.eligible == 2 and view.shortlisted_elsewhere == 1
    assert view.rows[0].code == candidate_code(opening.id, best.id)
    [entry] = actions("candidates_ranked")
    assert entry.details["seeker_ids"] == [best.id]


def test_the_coordinators_view_pages_the_ineligible_counts_each_gate_and_audits_only_those_shown(db):
    opening = make_opening()
    make_candidate()
    young = [make_candidate(birth_date=date(2012, 1, 1)) for _ in range(3)]
    uncertified = make_candidate(schemes=())
    view = candidate_pages.ranked_and_ineligible(opening, EMPLOYER, page=2, per_page=3)
    found = view.ineligible
    assert (found.page, found.pages, found.total) == (2, 2, 4)
    assert [c.seeker_id for c in found.items] == [uncertified.id]
    assert found.by_gate == [(Gate.TOO_YOUNG, 3), (Gate.CERT_MISSING, 1)]
    assert young[0].id not in actions("candidates_ranked")[0].details["seeker_ids"]
    assert actions("candidates_ranked")[0].details["shown"] == 2


@pytest.mark.parametrize("status", ["approved", "submitted"])
def test_a_page_of_the_ineligible_equals_the_matchers_full_list_for_that_page(db, status):
    opening = make_opening(status=status)
    bulk_candidates(60)
    make_candidate(birth_date=date(2012, 1, 1))
    everyone = rank_candidates(opening, 0, with_ineligible=True).ineligible
    pages = [ineligible_page(opening, page, 7, local_today()) for page in (1, 2, 3)]
    assert [c for page in pages for c in page.items] == everyone[:21]
    counts = Counter(gate for c in everyone for gate in c.gates)
    assert dict(pages[0].by_gate) == counts and pages[0].total == len(everyone)
    assert pages[0].pages == -(-len(everyone) // 7)
    assert ineligible_page(opening, 999, 7, local_today()).page == pages[0].pages  # past the end: the last page


def test_the_cards_read_as_columns_equal_the_cards_of_loaded_profiles(db):
    seeker = make_candidate(skills=("welding", "las"), language=("JLPT", "N3"), kelurahan_code="19.71.01.1004")
    outside = make_candidate(schemes=("SKKNI-SMAW", "SKK-CPMI"), regency_code="19.01")
    for profile in _db.session.scalars(select(SeekerProfile)):
        assert card_facts([profile.id])[profile.id] == candidate_facts(profile)
    assert card_facts([seeker.id])[seeker.id].kecamatan_name == "Bukit Intan"
    assert card_facts([outside.id])[outside.id].lives_in_province
