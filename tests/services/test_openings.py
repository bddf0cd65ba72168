"""Openings: the lifecycle, the legality checks at approval, the verification code, and the read-only look-ups."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from app.domain import codes
from app.models import AuditEntry, Opening, OpeningSkill
from app.services import opening_queries, openings
from app.services.audit import Actor
from app.services.opening_queries import PublicFilters
from app.services.opening_terms import OpeningTerms
from app.services.openings import OpeningRefused
from tests.factories import make_employer, make_partner_city, make_user
from tests.services.helpers_openings import LAWFUL, make_opening

TODAY = date(2026, 3, 1)


def terms(**overrides) -> OpeningTerms:
    fields = {key: value for key, value in LAWFUL.items()}
    fields.update(start_date=TODAY + timedelta(days=120), deadline=TODAY + timedelta(days=60),
                  scheme_codes=["SKK-CPMI"], skills={"must": ["Las MIG", "forklift"], "nice": ["mig welding"]})
    fields.update(overrides)
    return OpeningTerms(**fields)


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


@pytest.fixture
def employer(db):
    return make_employer()


@pytest.fixture
def staff(db):
    return Actor.for_user(make_user("coordinator"))


@pytest.fixture
def boss(db, employer):
    return Actor.for_user(make_user("employer", employer=employer))


# --- drafting and editing ---------------------------------------------------------------------------------


def test_a_new_opening_is_a_draft_with_canonical_skills_and_is_audited(db, employer, boss):
    opening = openings.create_opening(employer, terms(country_code="jp", currency="jpy"), boss)
    assert opening.status == "draft" and opening.code is None
    assert (opening.country_code, opening.currency) == ("JP", "JPY")
    skills = {s.term: (s.importance, s.skill_id is not None) for s in opening.skills}
    # "Las MIG" and "mig welding" both spell the canonical "gmaw": the higher importance wins.
    assert skills == {"gmaw": ("must", True), "forklift operation": ("must", True)}
    assert [c.scheme_code for c in opening.certifications] == ["SKK-CPMI"]
    assert actions(db) == ["opening_created"]


@pytest.mark.parametrize("changes, field, code", [
    ({"occupation_code": "9999"}, "occupation", "UNKNOWN_OCCUPATION"),
    ({"occupation_code": "72"}, "occupation", "UNKNOWN_OCCUPATION"),  # a group, not a unit
    ({"sector_code": "space"}, "sector_code", "UNKNOWN_SECTOR"),
    ({"scheme_codes": ["NOPE"]}, "scheme_codes", "UNKNOWN_SCHEME"),
    ({"country_code": "XX"}, "country_code", "UNKNOWN_COUNTRY"),
    ({"currency": "JPX"}, "currency", "UNKNOWN_CURRENCY"),
    ({"min_age": 17}, "min_age", "MIN_AGE_UNDER_18"),
    ({"min_age": 30, "max_age": 29}, "max_age", "MAX_AGE_BELOW_MIN"),
    ({"positions": 0}, "positions", "POSITIONS_POSITIVE"),
    ({"hours_per_week": 85}, "hours_per_week", "HOURS_OUT_OF_RANGE"),
    ({"monthly_wage": Decimal(0)}, "monthly_wage", "WAGE_NOT_POSITIVE"),
    ({"worker_costs_idr": Decimal(-1)}, "worker_costs_idr", "NEGATIVE_AMOUNT"),
    ({"deadline": TODAY + timedelta(days=200)}, "deadline", "DEADLINE_AFTER_START"),
    ({"title": "  "}, "title", "REQUIRED"),
])
def test_terms_that_break_a_rule_are_refused_with_the_field(db, employer, boss, changes, field, code):
    with pytest.raises(OpeningRefused) as refused:
        openings.create_opening(employer, terms(**changes), boss)
    assert (field, code) in [(p.field, p.code) for p in refused.value.problems]
    assert db.session.scalar(select(Opening.id)) is None


def test_editing_replaces_only_what_changed_and_names_it_in_the_audit(db, employer, boss):
    opening = openings.create_opening(employer, terms(), boss)
    changed = openings.update_opening(opening, terms(positions=5, skills={"must": ["welding"]},
                                                     scheme_codes=["SKK-CPMI", "SKKNI-SMAW"]), boss)
    assert changed == ["positions", "certifications", "skills"]
    assert {s.term for s in opening.skills} == {"welding"}
    assert openings.update_opening(opening, terms(positions=5, skills={"must": ["welding"]},
                                                  scheme_codes=["SKK-CPMI", "SKKNI-SMAW"]), boss) == []
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "opening_updated"))
    assert entry.details == {"changed": ["positions", "certifications", "skills"]}


def test_a_skill_moved_to_another_importance_keeps_its_row(db, employer, boss):
    opening = openings.create_opening(employer, terms(skills={"must": ["welding"]}), boss)
    row_id = opening.skills[0].id
    openings.update_opening(opening, terms(skills={"nice": ["Welding"]}), boss)
    assert [(s.id, s.importance) for s in db.session.scalars(select(OpeningSkill))] == [(row_id, "nice")]


def test_editing_an_approved_opening_sends_it_back_to_review_keeping_its_code(db, employer, boss):
    opening = make_opening(employer, status="approved")
    code = opening.code
    openings.update_opening(opening, terms(monthly_wage=Decimal("240000")), boss)
    assert (opening.status, opening.code) == ("submitted", code)
    assert opening_queries.public_opening(code) is None
    assert opening_queries.code_status(code) == ("not_current", code)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "opening_updated"))
    assert entry.details["returned_to_review"] is True


def test_a_closed_opening_cannot_be_edited(db, employer, boss):
    opening = make_opening(employer, status="closed", closed_reason="manual")
    with pytest.raises(OpeningRefused, match="WRONG_STATUS"):
        openings.update_opening(opening, terms(), boss)


# --- submitting -------------------------------------------------------------------------------------------


def test_a_complete_draft_of_a_verified_employer_can_be_submitted(db, employer, boss):
    opening = make_opening(employer)
    openings.submit_opening(opening, boss, TODAY)
    assert opening.status == "submitted"
    assert actions(db) == ["opening_submitted"]


@pytest.mark.parametrize("employer_status, agreement, code", [
    ("pending", "active", "EMPLOYER_VERIFIED"),
    ("suspended", "active", "EMPLOYER_VERIFIED"),
    ("verified", "suspended", "AGREEMENT_ACTIVE"),
    ("verified", "draft", "AGREEMENT_ACTIVE"),
])
def test_only_a_verified_employer_under_an_active_agreement_can_submit(db, employer_status, agreement, code):
    employer = make_employer(make_partner_city(agreement_status=agreement), status=employer_status)
    opening = make_opening(employer)
    with pytest.raises(OpeningRefused) as refused:
        openings.submit_opening(opening, Actor.system("test"), TODAY)
    assert [c.code for c in refused.value.checks] == [code]
    assert opening.status == "draft"


def test_an_expired_agreement_stops_submission(db):
    city = make_partner_city(agreement_expires_on=TODAY - timedelta(days=1))
    opening = make_opening(make_employer(city))
    with pytest.raises(OpeningRefused):
        openings.submit_opening(opening, Actor.system("test"), TODAY)


def test_submission_names_every_missing_contract_field(db, employer, boss):
    opening = make_opening(employer, insurance=None, hours_per_week=None, contract_months=None)
    with pytest.raises(OpeningRefused) as refused:
        openings.submit_opening(opening, boss, TODAY)
    (check,) = refused.value.checks
    assert check.data["missing"] == ["hours", "insurance", "duration"]


@pytest.mark.parametrize("status", ["submitted", "approved", "closed"])
def test_only_drafts_and_changed_openings_are_submitted(db, employer, boss, status):
    with pytest.raises(OpeningRefused, match="WRONG_STATUS"):
        openings.submit_opening(make_opening(employer, status=status), boss, TODAY)


# --- approving --------------------------------------------------------------------------------------------


def test_approval_runs_the_checks_and_gives_a_public_code(db, employer, staff):
    opening = make_opening(employer, status="submitted")
    results = openings.approve_opening(opening, staff, today=TODAY)
    assert all(r.passed for r in results)
    assert opening.status == "approved" and codes.normalise_code(opening.code) == opening.code
    assert opening.reviewed_by_id == staff.user_id and opening.approved_at is not None
    assert opening.caution_justification is None
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "opening_approved"))
    assert entry.details["code"] == opening.code and entry.details["destination"] == "allowed"


@pytest.mark.parametrize("country, sector, justification", [
    ("MM", "manufacturing", None),
    ("MM", "manufacturing", "We have checked this employer carefully."),  # a forged form changes nothing
    ("KH", "hospitality", "Looks fine"),
    ("SA", "domestic-work", "Household of a diplomat"),
])
def test_a_blocked_destination_is_never_approved(db, employer, staff, country, sector, justification):
    opening = make_opening(employer, status="submitted", country_code=country, sector_code=sector)
    with pytest.raises(OpeningRefused) as refused:
        openings.approve_opening(opening, staff, justification, today=TODAY)
    assert refused.value.code == "CHECKS_FAILED"
    assert [c.code for c in refused.value.checks] == ["DESTINATION"]
    assert (opening.status, opening.code) == ("submitted", None)
    assert "opening_approved" not in actions(db)


def test_saudi_arabia_construction_is_approved(db, employer, staff):
    opening = make_opening(employer, status="submitted", country_code="SA", sector_code="construction")
    openings.approve_opening(opening, staff, today=TODAY)
    assert opening.status == "approved"


def test_a_caution_destination_needs_a_written_justification_which_is_kept(db, employer, staff):
    opening = make_opening(employer, status="submitted", country_code="LA")
    for blank in (None, "   "):
        with pytest.raises(OpeningRefused):
            openings.approve_opening(opening, staff, blank, today=TODAY)
    openings.approve_opening(opening, staff, "  Bilateral pilot; employer visited by Disnaker in May.  ", TODAY)
    assert opening.status == "approved"
    assert opening.caution_justification == "Bilateral pilot; employer visited by Disnaker in May."
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "opening_approved"))
    assert entry.details["destination"] == "caution" and entry.details["justified"] is True


@pytest.mark.parametrize("changes, failing", [
    ({"worker_costs_idr": Decimal(1)}, ["NO_WORKER_FEE"]),
    ({"monthly_wage": None}, ["WAGE_PRESENT", "CONTRACT_FIELDS_COMPLETE"]),
    ({"annual_leave_days": None}, ["CONTRACT_FIELDS_COMPLETE"]),
])
def test_any_failed_check_stops_approval(db, employer, staff, changes, failing):
    opening = make_opening(employer, status="submitted", **changes)
    with pytest.raises(OpeningRefused) as refused:
        openings.approve_opening(opening, staff, today=TODAY)
    assert [c.code for c in refused.value.checks] == failing


def test_an_opening_without_a_required_scheme_is_not_approved(db, employer, staff):
    opening = make_opening(employer, status="submitted", schemes=())
    with pytest.raises(OpeningRefused) as refused:
        openings.approve_opening(opening, staff, today=TODAY)
    assert [c.code for c in refused.value.checks] == ["CERTIFICATION_REQUIRED"]


def test_a_suspended_employers_opening_is_not_approved(db, staff):
    employer = make_employer(status="suspended")
    with pytest.raises(OpeningRefused):
        openings.approve_opening(make_opening(employer, status="submitted"), staff, today=TODAY)


@pytest.mark.parametrize("status", ["draft", "changes_requested", "approved", "closed"])
def test_only_submitted_openings_are_approved(db, employer, staff, status):
    with pytest.raises(OpeningRefused, match="WRONG_STATUS"):
        openings.approve_opening(make_opening(employer, status=status), staff, today=TODAY)


def test_a_code_that_is_taken_is_drawn_again(db, employer, staff, monkeypatch):
    taken = make_opening(employer, status="approved").code
    draws = iter([taken, taken, "JBT-7K3Q-9M2X"])
    monkeypatch.setattr(codes, "new_opening_code", lambda: next(draws))
    opening = make_opening(employer, status="submitted")
    openings.approve_opening(opening, staff, today=TODAY)
    assert opening.code == "JBT-7K3Q-9M2X"


def test_reapproval_keeps_the_code(db, employer, staff, boss):
    opening = make_opening(employer, status="approved")
    code = opening.code
    openings.update_opening(opening, terms(positions=9), boss)
    openings.approve_opening(opening, staff, today=TODAY)
    assert (opening.status, opening.code) == ("approved", code)


# --- changes and closing ---------------------------------------------------------------------------------


def test_requesting_changes_needs_reasons_and_stores_them(db, employer, staff):
    opening = make_opening(employer, status="submitted")
    with pytest.raises(OpeningRefused, match="REASONS_REQUIRED"):
        openings.request_changes(opening, staff, "  ")
    openings.request_changes(opening, staff, "State the insurance provider.")
    assert (opening.status, opening.review_notes) == ("changes_requested", "State the insurance provider.")
    assert actions(db) == ["opening_changes_requested"]


def test_after_changes_the_employer_submits_again(db, employer, staff, boss):
    opening = make_opening(employer, status="submitted")
    openings.request_changes(opening, staff, "Add the leave days.")
    openings.update_opening(opening, terms(annual_leave_days=12), boss)
    assert opening.status == "changes_requested"
    openings.submit_opening(opening, boss, TODAY)
    assert opening.status == "submitted"


@pytest.mark.parametrize("reason", ["manual", "filled"])
def test_closing_records_why(db, employer, boss, reason):
    opening = make_opening(employer, status="approved")
    openings.close_opening(opening, boss, reason)
    assert (opening.status, opening.closed_reason) == ("closed", reason)
    with pytest.raises(OpeningRefused):
        openings.close_opening(opening, boss)
    assert opening_queries.code_status(opening.code)[0] == "not_current"


def test_openings_past_their_deadline_are_closed(db, employer):
    past = make_opening(employer, status="approved", deadline=TODAY - timedelta(days=1))
    today = make_opening(employer, status="approved", deadline=TODAY)
    draft = make_opening(employer, status="draft", deadline=TODAY - timedelta(days=3))
    assert openings.close_past_deadline(TODAY) == [past.id]
    assert (past.status, past.closed_reason) == ("closed", "deadline")
    assert today.status == "approved" and draft.status == "draft"


# --- look-ups ---------------------------------------------------------------------------------------------


def test_an_employer_finds_only_its_own_openings(db, employer):
    other = make_employer()
    mine, theirs = make_opening(employer), make_opening(other)
    assert opening_queries.employer_opening(employer.id, mine.id) is mine
    assert opening_queries.employer_opening(employer.id, theirs.id) is None
    assert opening_queries.employer_openings(employer.id) == [mine]


def test_the_queue_puts_submitted_openings_first_longest_waiting_first(db, employer):
    approved = make_opening(employer, status="approved")
    first, second = make_opening(employer, status="submitted"), make_opening(employer, status="submitted")
    first.updated_at, second.updated_at = TODAY - timedelta(days=5), TODAY - timedelta(days=1)
    db.session.commit()
    assert opening_queries.review_queue()[:3] == [first, second, approved]
    assert opening_queries.review_queue("approved") == [approved]


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "closed"])
def test_only_approved_openings_are_public(db, employer, status):
    opening = make_opening(employer, status=status, code=codes.new_opening_code())
    assert opening_queries.public_opening(opening.code) is None
    assert opening_queries.public_page(PublicFilters(), today=TODAY).total == 0


def test_a_code_is_found_however_it_is_typed(db, employer):
    opening = make_opening(employer, status="approved", code="JBT-7K3Q-9M2X")
    assert opening_queries.public_opening("jbt 7k3q 9m2x") is opening
    assert opening_queries.code_status("7K3Q9M2X") == ("approved", "JBT-7K3Q-9M2X")
    assert opening_queries.code_status("JBT-AAAA-AAAA") == ("unknown", "JBT-AAAA-AAAA")
    assert opening_queries.code_status("hello") == ("malformed", "")


@pytest.mark.parametrize("filters, expected", [
    (PublicFilters(), {"jp", "kr", "tw"}),
    (PublicFilters(country="kr"), {"kr"}),
    (PublicFilters(sector="care"), {"tw"}),
    (PublicFilters(occupation="72"), {"jp", "kr"}),
    (PublicFilters(occupation="5322"), {"tw"}),
    (PublicFilters(language="Korean"), {"kr"}),
    (PublicFilters(start_from=TODAY + timedelta(days=100)), {"jp", "tw"}),
    (PublicFilters(start_to=TODAY + timedelta(days=100)), {"kr"}),
])
def test_public_filters(db, employer, filters, expected):
    from app.models import LanguageLevel
    topik = db.session.scalar(select(LanguageLevel.id).where(LanguageLevel.test_code == "TOPIK"))
    make_opening(employer, status="approved", title="jp", start_date=TODAY + timedelta(days=120), deadline=None)
    make_opening(employer, status="approved", title="kr", country_code="KR", language_level_id=topik,
                 start_date=TODAY + timedelta(days=90), deadline=None)
    make_opening(employer, status="approved", title="tw", country_code="TW", sector_code="care",
                 occupation_code="5322", start_date=TODAY + timedelta(days=150), deadline=None)
    page = opening_queries.public_page(filters, today=TODAY)
    assert {row.opening.title for row in page.rows} == expected and page.total == len(expected)


def test_openings_past_their_deadline_leave_the_public_list(db, employer):
    make_opening(employer, status="approved", deadline=TODAY - timedelta(days=1))
    assert opening_queries.public_page(PublicFilters(), today=TODAY).total == 0


def test_public_pages_hold_twenty_and_count_them_all_in_one_query(db, employer):
    for n in range(45):
        make_opening(employer, status="approved", title=f"Opening {n:02d}", deadline=None)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page = opening_queries.public_page(PublicFilters(), page=3, today=TODAY)
        titles = [(row.opening.title, row.opening.employer.partner_city.name, row.sector_en) for row in page.rows]
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 1
    assert (page.total, page.pages, page.page, len(titles)) == (45, 3, 3, 5)


def test_facets_offer_only_what_public_openings_have(db, employer):
    make_opening(employer, status="approved", deadline=None)
    make_opening(employer, status="draft", country_code="KR", sector_code="care")
    facets = opening_queries.public_facets(TODAY)
    assert facets.countries == ["JP"] and [s[0] for s in facets.sectors] == ["manufacturing"]
    assert [o[0] for o in facets.occupations] == ["7212"]


@pytest.mark.parametrize("text, code", [("7212", "7212"), ("721", "7212"), ("welder", "7212"), ("las", None),
                                        ("perawatan pribadi", "5322"), ("personal care", "5322")])
def test_occupation_search_finds_codes_and_titles(db, text, code):
    found = opening_queries.occupation_search(text)
    assert found and all(set(item) == {"code", "title"} for item in found)
    if code:
        assert code in [item["code"] for item in found]


def test_occupation_search_needs_two_characters(db):
    assert opening_queries.occupation_search(" w ") == []



def test_the_employers_users_hear_of_approval_and_of_requested_changes(db, employer, staff, boss):
    from app.models import Notification
    opening = make_opening(employer, status="submitted")
    openings.approve_opening(opening, staff, today=TODAY)
    assert db.session.scalars(select(Notification.kind)).all() == ["opening_approved"]
    openings.request_changes(opening, staff, "Please state the overtime rate.")
    assert db.session.scalars(select(Notification.kind)).all() == ["opening_approved", "opening_changes_requested"]
