"""Training: enrolling and waiting, moving up, results, and completion that records verified certificates."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.domain import training as rules
from app.domain.certificates import counts_on
from app.models import AuditEntry, Certification, Cohort, CohortDemand, Enrolment, Notification
from app.services import training, training_roster
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.certifications import facts
from app.services.notifications import message_text
from app.services.training_completion import complete_cohort
from app.services.training_roster import RosterRefused
from tests.factories import make_partner_city, make_user
from tests.services.helpers_applications import make_opening, reload, years_ago
from tests.services.helpers_training import make_cohort, make_enrolment, make_programme


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def told(db, user) -> list[tuple[str, dict]]:
    return [(n.kind, n.params) for n in db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))]


def seeker(**profile):
    user = make_user("seeker")
    for name, value in profile.items():
        setattr(user.seeker, name, value)
    return user


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


@pytest.fixture
def by(coordinator):
    return Actor.for_user(coordinator)


def me(user) -> Actor:
    return Actor.for_user(user)


# --- enrolling --------------------------------------------------------------------------------------


def test_a_seeker_enrols_in_an_open_cohort_is_audited_and_told(db):
    cohort, user = make_cohort(), seeker()
    enrolment = training_roster.enrol(user.seeker, cohort, me(user))
    assert enrolment.status == "enrolled"
    assert actions(db) == ["enrolled"]
    (kind, params), = told(db, user)
    assert kind == "training_enrolled" and params["programme"] == cohort.programme.name


def test_when_the_cohort_is_full_the_seeker_waits_and_is_told_their_place_in_line(db):
    cohort = make_cohort(capacity=1)
    first, second, third = seeker(), seeker(), seeker()
    training_roster.enrol(first.seeker, cohort, me(first))
    waiting = training_roster.enrol(second.seeker, cohort, me(second))
    last = training_roster.enrol(third.seeker, cohort, me(third))
    assert (waiting.status, training_roster.waitlist_position(waiting)) == ("waitlisted", 1)
    assert training_roster.waitlist_position(last) == 2
    assert told(db, third) == [("training_waitlisted", {**told(db, third)[0][1], "position": 2})]
    assert actions(db) == ["enrolled", "waitlisted", "waitlisted"]


def test_a_seeker_under_18_may_enrol(db):
    student = seeker(birth_date=years_ago(16))
    assert training_roster.enrol(student.seeker, make_cohort(), me(student)).status == "enrolled"


@pytest.mark.parametrize("overrides, code", [
    ({"status": "planned"}, rules.COHORT_NOT_OPEN),
    ({"status": "cancelled"}, rules.COHORT_NOT_OPEN),
    ({"starts_in": -3, "status": "open"}, rules.COHORT_STARTED),
])
def test_enrolling_is_refused_unless_the_cohort_is_open_and_ahead(db, overrides, code):
    user = seeker()
    with pytest.raises(RosterRefused) as refused:
        training_roster.enrol(user.seeker, make_cohort(**overrides), me(user))
    assert refused.value.codes == [code]
    assert db.session.scalar(select(Enrolment)) is None and told(db, user) == []


def test_enrolling_twice_is_refused(db):
    cohort, user = make_cohort(), seeker()
    training_roster.enrol(user.seeker, cohort, me(user))
    with pytest.raises(RosterRefused) as refused:
        training_roster.enrol(user.seeker, cohort, me(user))
    assert refused.value.codes == [rules.ALREADY_ENROLLED]


# --- withdrawing and moving up ----------------------------------------------------------------------


def test_when_a_seated_person_withdraws_the_first_waiting_moves_up_and_is_told(db):
    cohort = make_cohort(capacity=1)
    leaving, first, second = seeker(), seeker(), seeker()
    seat = make_enrolment(cohort, leaving.seeker, minute=0)
    make_enrolment(cohort, second.seeker, "waitlisted", minute=9)
    waiting = make_enrolment(cohort, first.seeker, "waitlisted", minute=5)
    promoted = training_roster.withdraw(seat, me(leaving))
    assert promoted.id == waiting.id and reload(Enrolment, waiting.id).status == "enrolled"
    assert reload(Enrolment, seat.id).status == "withdrawn"
    assert [k for k, _ in told(db, first)] == ["training_promoted"] and told(db, second) == []
    assert actions(db) == ["enrolment_withdrawn", "promoted"]


def test_leaving_the_waiting_list_moves_nobody(db):
    cohort = make_cohort(capacity=1)
    seated, waiting = seeker(), seeker()
    make_enrolment(cohort, seated.seeker)
    place = make_enrolment(cohort, waiting.seeker, "waitlisted", minute=1)
    assert training_roster.withdraw(place, me(waiting)) is None
    assert actions(db) == ["enrolment_withdrawn"]


def test_coming_back_after_withdrawing_queues_behind_those_already_waiting(db):
    cohort = make_cohort(capacity=1)
    returning, seated, waiting = seeker(), seeker(), seeker()
    left = make_enrolment(cohort, returning.seeker, "withdrawn")
    make_enrolment(cohort, seated.seeker, minute=1)
    make_enrolment(cohort, waiting.seeker, "waitlisted", minute=2)
    again = training_roster.enrol(returning.seeker, cohort, me(returning))
    assert again.id == left.id and again.status == "waitlisted"
    assert training_roster.waitlist_position(again) == 2


def test_a_larger_capacity_seats_the_waiting_in_order(db, by):
    cohort = make_cohort(capacity=1)
    people = [seeker() for _ in range(4)]
    make_enrolment(cohort, people[0].seeker)
    for minute, user in enumerate(people[1:], start=1):
        make_enrolment(cohort, user.seeker, "waitlisted", minute=minute)
    promoted = training.update_cohort(cohort, _cohort_input(cohort, capacity=3), by)
    assert [e.seeker_id for e in promoted] == [people[1].seeker.id, people[2].seeker.id]
    assert reload(Enrolment, promoted[0].id).status == "enrolled"


def test_capacity_cannot_drop_below_those_already_seated(db, by):
    cohort = make_cohort(capacity=2)
    for _ in range(2):
        make_enrolment(cohort, seeker().seeker)
    with pytest.raises(training.TrainingRefused) as refused:
        training.update_cohort(cohort, _cohort_input(cohort, capacity=1), by)
    assert [p.code for p in refused.value.problems] == [rules.CAPACITY_BELOW_SEATS]


def _cohort_input(cohort: Cohort, **overrides) -> training.CohortInput:
    fields = {"programme_id": cohort.programme_id, "starts_on": cohort.starts_on, "ends_on": cohort.ends_on,
              "place": cohort.place, "capacity": cohort.capacity}
    return training.CohortInput(**{**fields, **overrides})


# --- attendance and results -------------------------------------------------------------------------


def test_attendance_and_results_are_recorded_and_audited_only_when_they_change(db, by):
    enrolment = make_enrolment(make_cohort(status="running", starts_in=-10), seeker().seeker)
    training_roster.record(enrolment, by, attendance_pct=90, passed=True)
    training_roster.record(enrolment, by, attendance_pct=90, passed=True)
    training_roster.record(enrolment, by, clear_result=True)
    assert (enrolment.attendance_pct, enrolment.passed) == (90, None)
    assert actions(db) == ["attendance_recorded", "result_recorded", "result_recorded"]


def test_nothing_is_recorded_for_someone_on_the_waiting_list(db, by):
    waiting = make_enrolment(make_cohort(status="running", starts_in=-10), seeker().seeker, "waitlisted")
    with pytest.raises(RosterRefused) as refused:
        training_roster.record(waiting, by, attendance_pct=50)
    assert refused.value.codes == [rules.NOT_ON_ROSTER]


# --- completing -------------------------------------------------------------------------------------


@pytest.fixture
def ran(db):
    """A running cohort that ended yesterday: one pass, one fail, one still waiting."""
    cohort = make_cohort(starts_in=-60, days=59, status="running", capacity=2)
    passer, failer, waiter = seeker(), seeker(), seeker()
    passed = make_enrolment(cohort, passer.seeker, attendance_pct=95, passed=True)
    failed = make_enrolment(cohort, failer.seeker, minute=1, attendance_pct=60, passed=False)
    make_enrolment(cohort, waiter.seeker, "waitlisted", minute=2)
    return cohort, (passer, passed), (failer, failed)


def test_completing_records_a_verified_certificate_that_counts_for_eligibility_at_once(db, ran, coordinator, by):
    cohort, (passer, passed), (failer, failed) = ran
    done = complete_cohort(cohort, by)
    cert = db.session.scalar(select(Certification).where(Certification.seeker_id == passer.seeker.id))
    assert [c.id for c in done.certified] == [cert.id] and done.failed == 1
    assert (cert.status, cert.source, cert.scheme_code, cert.reviewed_by_id) == (
        "verified", "training", "BLK-CAREGIVER", coordinator.id)
    assert (cert.issued_on, cert.expires_on, cert.issuer) == (cohort.ends_on, None, "UPTD BLK Test")
    assert cert.number == f"BLK-{cohort.id}-{passed.id}"
    assert counts_on(facts(cert), local_today() + timedelta(days=90))
    assert (reload(Enrolment, passed.id).status, reload(Enrolment, passed.id).certification_id) == (
        "completed", cert.id)
    assert reload(Enrolment, failed.id).status == "failed"
    assert db.session.scalar(select(Certification).where(Certification.seeker_id == failer.seeker.id)) is None
    assert reload(Cohort, cohort.id).status == "completed"


def test_completing_tells_each_seeker_and_audits_every_step(db, ran, by):
    cohort, (passer, _), (failer, _) = ran
    complete_cohort(cohort, by)
    (kind, params), = told(db, passer)
    assert kind == "training_passed" and params["number"].startswith("BLK-")
    assert [k for k, _ in told(db, failer)] == ["training_failed"]
    assert actions(db) == ["certification_recorded", "cohort_completed"]


def test_completing_twice_records_nothing_more(db, ran, by):
    cohort = ran[0]
    complete_cohort(cohort, by)
    again = complete_cohort(reload(Cohort, cohort.id), by)
    assert again.already_done and again.certified == [] and again.failed == 0
    assert len(db.session.scalars(select(Certification)).all()) == 1
    assert actions(db).count("cohort_completed") == 1


def test_an_entered_certificate_number_is_used(db, ran, by):
    cohort, (_, passed), _ = ran
    complete_cohort(cohort, by, numbers={passed.id: "  BNSP  123/2026 "})
    assert db.session.scalar(select(Certification.number)) == "BNSP 123/2026"


def test_completion_waits_for_every_result(db, by):
    cohort = make_cohort(starts_in=-30, status="running")
    make_enrolment(cohort, seeker().seeker, passed=True)
    make_enrolment(cohort, seeker().seeker, minute=1)
    with pytest.raises(RosterRefused) as refused:
        complete_cohort(cohort, by)
    assert (refused.value.codes, refused.value.data) == ([rules.RESULTS_MISSING], {"missing": 1})
    assert reload(Cohort, cohort.id).status == "running" and actions(db) == []


def test_completing_before_the_planned_end_dates_the_certificate_today(db, by):
    cohort = make_cohort(starts_in=-30, days=60, status="running")
    make_enrolment(cohort, seeker().seeker, passed=True)
    complete_cohort(cohort, by)
    assert reload(Cohort, cohort.id).ends_on == local_today()
    assert db.session.scalar(select(Certification.issued_on)) == local_today()


def test_a_scheme_with_a_known_validity_gets_an_expiry_date(db, by):
    cohort = make_cohort(make_programme(scheme_code="SKK-KONSTRUKSI", provider_kind="LPK"), starts_in=-30, days=20,
                         status="running")
    make_enrolment(cohort, seeker().seeker, passed=True)
    complete_cohort(cohort, by)
    cert = db.session.scalar(select(Certification))
    assert cert.expires_on == date(cert.issued_on.year + 5, cert.issued_on.month, cert.issued_on.day)
    assert cert.number.startswith("LPK-")


def test_a_cohort_that_is_not_running_cannot_be_completed(db, by):
    with pytest.raises(RosterRefused) as refused:
        complete_cohort(make_cohort(status="open", starts_in=-5), by)
    assert refused.value.codes == [rules.COHORT_NOT_RUNNING]


# --- programmes, cohorts and demand -----------------------------------------------------------------


def test_a_coordinator_creates_a_programme_and_a_cohort_audited(db, by):
    programme = training.create_programme(training.ProgrammeInput(
        name="  Las  SMAW ", scheme_code="SKKNI-SMAW", provider="BLK Pangkalpinang", provider_kind="BLK", hours=320,
        cost_idr=Decimal("0"), language="Indonesian"), by)
    start = local_today() + timedelta(days=20)
    cohort = training.create_cohort(training.CohortInput(programme.id, start, start + timedelta(days=60), "BLK", 16,
                                                         "open"), by)
    assert (programme.name, cohort.status, cohort.capacity) == ("Las SMAW", "open", 16)
    assert actions(db) == ["programme_created", "cohort_created"]


def test_a_programme_needs_a_known_scheme_and_positive_hours(db, by):
    with pytest.raises(training.TrainingRefused) as refused:
        training.create_programme(training.ProgrammeInput("X", "NOPE", "BLK", "BLK", 0), by)
    assert {(p.field, p.code) for p in refused.value.problems} == {("scheme_code", "UNKNOWN_SCHEME"),
                                                                   ("hours", "HOURS_POSITIVE")}


@pytest.mark.parametrize("from_status, to_status, ok", [("planned", "open", True), ("open", "running", True),
                                                        ("running", "completed", False), ("cancelled", "open", False)])
def test_cohort_status_changes_follow_the_rules(db, by, from_status, to_status, ok):
    cohort = make_cohort(status=from_status)
    if ok:
        training.set_cohort_status(cohort, to_status, by)
        assert reload(Cohort, cohort.id).status == to_status and actions(db) == ["cohort_status_changed"]
    else:
        with pytest.raises(training.TrainingRefused):
            training.set_cohort_status(cohort, to_status, by)
        assert reload(Cohort, cohort.id).status == from_status


def test_demand_is_linked_openings_positions_plus_partner_city_positions_against_capacity(db, by):
    cohort = make_cohort(capacity=10)
    training.add_demand(cohort, by, opening_id=make_opening(positions=6).id)
    training.add_demand(cohort, by, partner_city_id=make_partner_city().id, positions=8)
    training.add_demand(cohort, by, partner_city_id=make_partner_city().id)
    rows, demand = training.demand_of(cohort)
    assert len(rows) == 3 and (demand.demand, demand.capacity, demand.unstated, demand.gap) == (14, 10, 1, 4)
    overview, = training.cohort_overview()
    assert overview.demand == demand
    assert actions(db) == ["cohort_demand_added"] * 3


def test_only_approved_openings_can_be_linked_and_a_closed_one_stops_counting(db, by):
    cohort = make_cohort(capacity=10)
    with pytest.raises(training.TrainingRefused):
        training.add_demand(cohort, by, opening_id=make_opening(status="draft", code=None).id)
    opening = make_opening(positions=4)
    training.add_demand(cohort, by, opening_id=opening.id)
    opening.status = "closed"
    db.session.commit()
    assert training.demand_of(cohort)[1].demand == 0


def test_removing_a_demand_link_is_audited(db, by):
    cohort = make_cohort()
    link = training.add_demand(cohort, by, partner_city_id=make_partner_city().id, positions=3)
    training.remove_demand(link, by)
    assert training.demand_of(cohort)[0] == [] and actions(db)[-1] == "cohort_demand_removed"


def test_reading_a_roster_is_audited(db, by):
    cohort = make_cohort()
    make_enrolment(cohort, seeker().seeker)
    roster = training_roster.roster(cohort, by)
    assert len(roster.enrolled) == 1 and actions(db) == ["cohort_roster_viewed"]


def test_the_seekers_offers_filter_by_scheme_and_show_their_place(db):
    user = seeker()
    care = make_cohort(capacity=1)
    make_enrolment(care, seeker().seeker)
    mine = make_enrolment(care, user.seeker, "waitlisted", minute=3)
    make_cohort(make_programme(scheme_code="SKKNI-SMAW"))
    make_cohort(status="running", starts_in=-5)                      # started: not offered
    offers = training_roster.upcoming_offers(user.seeker, "BLK-CAREGIVER")
    assert [(o.cohort.id, o.seats_left, o.mine.id, o.position) for o in offers] == [(care.id, 0, mine.id, 1)]
    assert len(training_roster.upcoming_offers(user.seeker)) == 2


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_finished_cohorts_demand_is_a_record(db, by, status):
    cohort = make_cohort(status=status, starts_in=-90)
    link = CohortDemand(cohort_id=cohort.id, partner_city_id=make_partner_city().id, positions=2)
    db.session.add(link)
    db.session.commit()
    with pytest.raises(training.TrainingRefused):
        training.add_demand(cohort, by, partner_city_id=link.partner_city_id, positions=3)
    with pytest.raises(training.TrainingRefused):
        training.remove_demand(link, by)
    assert len(training.demand_of(cohort)[0]) == 1


def test_every_training_message_reads_as_a_sentence_with_its_parameters(db, by):
    cohort = make_cohort(capacity=1)
    first, second = seeker(), seeker()
    seat = training_roster.enrol(first.seeker, cohort, me(first))
    training_roster.enrol(second.seeker, cohort, me(second))
    training_roster.withdraw(seat, me(first))
    ran = make_cohort(starts_in=-30, days=10, status="running")
    make_enrolment(ran, first.seeker, passed=True)
    make_enrolment(ran, second.seeker, minute=1, passed=False)
    complete_cohort(ran, by)
    notes = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert {n.kind for n in notes} == {"training_enrolled", "training_waitlisted", "training_promoted",
                                       "training_passed", "training_failed"}
    for note in notes:
        text = message_text(note.kind, note.params)
        assert note.params["programme"] in text and "%(" not in text
