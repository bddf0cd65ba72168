"""Applying, moving a placement through its stages, and what employers may see: recorded, audited, told."""
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app.domain.clock import utcnow
from app.extensions import db as _db
from app.models import AuditEntry, Consent, Notification, Placement, SeekerProfile
from app.services import applications, placement_reads
from app.services.applications import ApplicationRefused, MoveRefused, NotYours, PlacementChanged
from app.services.audit import Actor
from app.services.catalogue import local_today
from tests.factories import make_employer, make_seeker_profile, make_user
from tests.services.helpers_applications import (
    make_opening,
    make_placement,
    reload,
    seeker_user,
    verify_all_items,
    years_ago,
)


def actions(name):
    return _db.session.scalars(select(AuditEntry).where(AuditEntry.action == name).order_by(AuditEntry.id)).all()


def as_actor(user):
    return Actor.for_user(user)


@pytest.fixture
def world(db):
    employer_user = make_user("employer")
    opening = make_opening(employer=employer_user.employer)
    seeker = seeker_user()
    return employer_user, opening, seeker


# --- applying ---------------------------------------------------------------------------------------


def test_a_seeker_applies_and_the_application_is_recorded_and_audited(world):
    _, opening, user = world
    placement = applications.apply(user.seeker, opening, as_actor(user))
    stored = reload(Placement, placement.id)
    assert stored.stage == "applied" and stored.version == 1
    assert [(e.from_stage, e.to_stage, e.actor_id) for e in stored.events] == [(None, "applied", user.id)]
    entry = actions("application_submitted")[0]
    assert entry.actor_id == user.id and entry.object_id == str(placement.id)


def _no_consent(user, opening):
    for consent in user.seeker.consents:
        consent.withdrawn_at = utcnow()


def _placed_elsewhere(user, opening):
    make_placement(user.seeker, make_opening(), "accepted")


@pytest.mark.parametrize("prepare,code", [
    (lambda user, opening: setattr(opening, "status", "closed"), "OPENING_NOT_OPEN"),
    (lambda user, opening: setattr(opening.employer, "status", "suspended"), "OPENING_NOT_OPEN"),
    (lambda user, opening: setattr(opening, "deadline", local_today() - timedelta(days=1)), "DEADLINE_PASSED"),
    (_no_consent, "NO_MATCHING_CONSENT"),
    (lambda user, opening: setattr(user.seeker, "birth_date", years_ago(18, opening.start_date, days=-1)),
     "UNDER_18_ON_START"),
    (lambda user, opening: setattr(user.seeker, "birth_date", years_ago(41, opening.start_date)), "ABOVE_MAX_AGE"),
    (lambda user, opening: setattr(opening, "min_age", 30), "BELOW_MIN_AGE"),
    (_placed_elsewhere, "ALREADY_PLACED"),
    (lambda user, opening: make_placement(user.seeker, opening, "applied"), "ALREADY_APPLIED"),
    (lambda user, opening: make_placement(user.seeker, opening, "withdrawn"), "WITHDRAWN_BEFORE"),
])
def test_each_refusal_says_why_and_is_audited(world, prepare, code):
    _, opening, user = world
    prepare(user, opening)
    _db.session.commit()
    with pytest.raises(ApplicationRefused) as refused:
        applications.apply(user.seeker, opening, as_actor(user))
    assert refused.value.codes == [code]
    assert actions("application_refused")[0].details["codes"] == [code]
    assert actions("application_submitted") == []


def test_a_placement_that_ended_does_not_count_as_placed(world):
    _, opening, user = world
    make_placement(user.seeker, make_opening(), "returned")
    make_placement(user.seeker, make_opening(), "rejected")
    assert applications.blockers(user.seeker, opening) == []


# --- moving -----------------------------------------------------------------------------------------


def test_an_employer_shortlists_and_the_seeker_is_told_in_their_language(world):
    employer, opening, user = world
    placement = make_placement(user.seeker, opening)
    applications.move(placement, "shortlisted", employer, note="Strong care experience")
    stored = reload(Placement, placement.id)
    assert stored.stage == "shortlisted" and stored.version == 2
    last = stored.events[-1]
    assert (last.from_stage, last.to_stage, last.actor_id, last.actor_label, last.note) == (
        "applied", "shortlisted", employer.id, f"employer:{employer.id}", "Strong care experience")
    note = _db.session.scalar(select(Notification).where(Notification.user_id == user.id))
    assert note.kind == "stage_changed"
    assert note.params == {"opening": opening.title, "stage": "Lolos seleksi awal"}  # locale "id" by default
    moved = actions("placement_moved")[0]
    assert moved.details == {"from_stage": "applied", "to_stage": "shortlisted", "reason_code": None}


def test_a_seeker_who_reads_english_is_told_in_english(world):
    employer, opening, user = world
    user.locale = "en"
    _db.session.commit()
    applications.move(make_placement(user.seeker, opening), "shortlisted", employer)
    assert _db.session.scalar(select(Notification.params)) == {"opening": opening.title, "stage": "Shortlisted"}


def test_an_imported_seeker_without_an_account_is_not_notified(world):
    employer, opening, _ = world
    imported = make_seeker_profile(None)
    applications.move(make_placement(imported, opening), "shortlisted", employer)
    assert _db.session.scalar(select(Notification)) is None
    assert len(actions("placement_moved")) == 1


def test_a_rejection_needs_a_reason_and_keeps_it(world):
    employer, opening, user = world
    placement = make_placement(user.seeker, opening, "interview")
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, "rejected", employer)
    assert refused.value.codes == ["REASON_REQUIRED"]
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, "rejected", employer, reason_code="other", note="  ")
    assert refused.value.codes == ["NOTE_REQUIRED"]
    applications.move(placement, "rejected", employer, reason_code="position_filled", note="Both places taken")
    stored = reload(Placement, placement.id)
    assert (stored.stage, stored.closed_reason, stored.events[-1].reason_code) == (
        "rejected", "position_filled", "position_filled")
    moved = actions("placement_moved")[0]
    assert moved.details["reason_code"] == "position_filled"
    assert "Both places taken" not in str(moved.details)  # free text never goes into the audit log


def test_the_seeker_withdraws_with_a_reason_and_is_not_notified_of_their_own_move(world):
    _, opening, user = world
    placement = make_placement(user.seeker, opening, "offered")
    applications.withdraw(placement, user, "found_other_work")
    assert reload(Placement, placement.id).stage == "withdrawn"
    assert _db.session.scalar(select(Notification)) is None


@pytest.mark.parametrize("stage,to_stage,code", [
    ("applied", "offered", "MOVE_NOT_ALLOWED"),
    ("applied", "shortlisted", "ROLE_NOT_ALLOWED"),     # a seeker cannot shortlist themself
    ("departed", "withdrawn", "MOVE_NOT_ALLOWED"),
])
def test_the_seeker_may_make_only_their_own_moves(world, stage, to_stage, code):
    _, opening, user = world
    placement = make_placement(user.seeker, opening, stage)
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, to_stage, user, reason_code="family" if to_stage == "withdrawn" else None)
    assert refused.value.codes == [code]
    assert reload(Placement, placement.id).stage == stage


def test_an_employer_may_not_move_another_organisations_applicant(world):
    _, opening, user = world
    other = make_user("employer", employer=make_employer())
    with pytest.raises(NotYours):
        applications.move(make_placement(user.seeker, opening), "shortlisted", other)


def test_another_seeker_may_not_withdraw_an_application(world):
    _, opening, user = world
    with pytest.raises(NotYours):
        applications.withdraw(make_placement(user.seeker, opening), seeker_user(), "family")


def test_accepting_an_offer_closes_the_seekers_other_applications(world):
    _, opening, user = world
    offered = make_placement(user.seeker, opening, "offered")
    others = [make_placement(user.seeker, make_opening(), stage) for stage in ("applied", "interview")]
    ended = make_placement(user.seeker, make_opening(), "rejected")
    applications.accept_offer(offered, user)
    assert reload(Placement, offered.id).stage == "accepted"
    for other in others:
        stored = reload(Placement, other.id)
        assert (stored.stage, stored.closed_reason) == ("cancelled", "placed_elsewhere")
        assert stored.events[-1].actor_label == "system:placements"
    assert reload(Placement, ended.id).stage == "rejected"
    assert len(_db.session.scalars(select(Notification)).all()) == 2  # told of the two cancellations


def test_a_seeker_already_placed_cannot_accept_a_second_offer(world):
    _, opening, user = world
    make_placement(user.seeker, make_opening(), "contract_signed")
    offered = make_placement(user.seeker, opening, "offered")
    with pytest.raises(MoveRefused) as refused:
        applications.accept_offer(offered, user)
    assert refused.value.codes == ["ALREADY_PLACED"]


def test_departure_waits_for_every_pre_departure_item(world):
    _, opening, user = world
    coordinator = make_user("coordinator")
    placement = make_placement(user.seeker, opening, "documents_verified")
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, "departed", coordinator)
    assert refused.value.codes == ["PREDEPARTURE_INCOMPLETE"]
    verify_all_items(placement)
    applications.move(placement, "departed", coordinator)
    stored = reload(Placement, placement.id)
    assert stored.stage == "departed" and stored.departure_date == local_today()


# --- optimistic locking -----------------------------------------------------------------------------


def test_a_move_decided_on_an_old_page_is_refused(world):
    employer, opening, user = world
    coordinator = make_user("coordinator")
    placement = make_placement(user.seeker, opening)
    seen = placement.version
    applications.move(placement, "shortlisted", coordinator)
    with pytest.raises(PlacementChanged):
        applications.move(placement, "rejected", employer, reason_code="not_selected", expected_version=seen)
    assert reload(Placement, placement.id).stage == "shortlisted"


def test_a_move_that_loses_a_race_in_the_database_is_refused_and_nothing_is_lost(world):
    employer, opening, user = world
    placement = make_placement(user.seeker, opening)
    assert placement.version == 1
    # Another coordinator's transaction moves it between our read and our write.
    with _db.engine.begin() as other:
        other.execute(text("UPDATE placements SET stage = 'shortlisted', version = version + 1 WHERE id = :id"),
                      {"id": placement.id})
    with pytest.raises(PlacementChanged):
        applications.move(placement, "rejected", employer, reason_code="not_selected")
    stored = reload(Placement, placement.id)
    assert (stored.stage, stored.version, len(stored.events)) == ("shortlisted", 2, 1)
    assert actions("placement_moved") == []


# --- what employers see -----------------------------------------------------------------------------


def test_before_shortlisting_the_employer_sees_a_card_without_name_and_after_it_the_name(world):
    employer, opening, user = world
    other = seeker_user()
    applied = make_placement(user.seeker, opening)
    shortlisted = make_placement(other.seeker, opening, "shortlisted")
    rows = {row.placement.id: row for row in placement_reads.applicants(opening, as_actor(employer))}
    assert rows[applied.id].identity is None
    assert rows[applied.id].card.region == "Bukit Intan"   # the kecamatan, never the kelurahan
    assert rows[shortlisted.id].identity.full_name == other.seeker.full_name
    assert rows[shortlisted.id].identity.phone is None     # the list never shows contact
    assert actions("applicant_names_viewed")[0].details == {"placement_ids": [shortlisted.id]}


def test_contact_is_shown_only_to_shortlisting_employers_and_only_with_the_seekers_consent(world):
    employer, opening, user = world
    seeker = _db.session.get(SeekerProfile, user.seeker.id)
    seeker.phone = "+6281234567890"
    placement = make_placement(seeker, opening, "shortlisted")
    shown = placement_reads.applicant(placement, as_actor(employer))
    assert (shown.identity.full_name, shown.identity.phone, shown.identity.may_contact) == (
        seeker.full_name, None, False)
    assert actions("applicant_name_viewed") and not actions("applicant_contact_viewed")
    seeker.consents.append(Consent(purpose="employer_contact"))
    _db.session.commit()
    shown = placement_reads.applicant(placement, as_actor(employer))
    assert (shown.identity.phone, shown.identity.email) == ("+6281234567890", user.email)
    assert actions("applicant_contact_viewed")[0].details == {"seeker_id": seeker.id}


def test_a_rejected_applicant_goes_back_to_an_anonymous_card(world):
    employer, opening, user = world
    placement = make_placement(user.seeker, opening, "rejected")
    assert placement_reads.applicant(placement, as_actor(employer)).identity is None
    assert actions("applicant_name_viewed") == actions("applicant_contact_viewed") == []


def test_employer_look_ups_are_scoped_to_their_organisation(world):
    employer, opening, user = world
    placement = make_placement(user.seeker, opening)
    other = make_employer()
    assert placement_reads.employer_placement(employer.employer_id, placement.id).id == placement.id
    assert placement_reads.employer_placement(other.id, placement.id) is None
    assert placement_reads.employer_opening(other.id, opening.id) is None


def test_coordinators_filter_placements_by_stage_and_opening(world):
    _, opening, user = world
    second = make_opening()
    make_placement(user.seeker, opening)
    make_placement(seeker_user().seeker, opening, "shortlisted")
    make_placement(seeker_user().seeker, second, "shortlisted")
    coordinator = as_actor(make_user("coordinator"))
    assert placement_reads.placements(coordinator).total == 3
    assert placement_reads.placements(coordinator, stage="shortlisted").total == 2
    only = placement_reads.placements(coordinator, stage="shortlisted", opening_id=opening.id)
    assert only.total == 1
    assert actions("placements_listed")[-1].details == {"stage": "shortlisted", "opening_id": opening.id, "page": 1,
                                                        "shown": [only.items[0].id]}
    assert [o.id for o in placement_reads.openings_with_placements()] == sorted([opening.id, second.id])
