"""A seeker's matches as the pages get them: consent first, audited, invitations and applications marked,
the blocked openings closest first with the steps that close each gap."""
from datetime import date, timedelta

from sqlalchemy import select, update

from app.domain.eligibility import Gate
from app.domain.remedies import Step
from app.extensions import db as _db
from app.models import AuditEntry, Certification, Consent, Employer, Shortlist
from app.services import remedies, seeker_matches
from app.services.audit import Actor
from tests.services.helpers_applications import make_placement
from tests.services.helpers_matching import TODAY, make_candidate, make_opening
from tests.services.helpers_training import make_cohort, make_enrolment, make_programme

ACTOR = Actor.system("test")


def reads(seeker_id: int) -> list[AuditEntry]:
    return list(_db.session.scalars(select(AuditEntry).where(AuditEntry.action == "seeker_matches_read",
                                                             AuditEntry.object_id == str(seeker_id))))


def test_without_consent_nothing_is_ranked_or_read(db):
    make_opening()
    seeker = make_candidate(consent=False)
    view = seeker_matches.matches_for(seeker, ACTOR, today=TODAY)
    assert not view.consented and view.matches == () and view.blocked == ()
    assert reads(seeker.id) == []


def test_a_withdrawn_consent_counts_at_once_even_for_a_profile_loaded_before(db):
    make_opening()
    seeker = make_candidate()
    db.session.execute(update(Consent).where(Consent.seeker_id == seeker.id).values(withdrawn_at=date(2026, 1, 1)))
    assert not seeker_matches.matches_for(seeker, ACTOR, today=TODAY).consented


def test_matches_come_with_a_percentage_and_the_read_is_audited(db):
    good, other = make_opening(), make_opening(skills=(("cooking", "must"),))
    seeker = make_candidate()
    view = seeker_matches.matches_for(seeker, ACTOR, today=TODAY)
    assert [m.opening.id for m in view.matches] == [good.id, other.id]
    assert all(0 <= m.percent <= 100 for m in view.matches) and view.matches[0].percent > view.matches[1].percent
    assert view.matches[0].factors
    [entry] = reads(seeker.id)
    assert entry.actor_label == ACTOR.label and entry.details["openings"] == 2


def test_an_invitation_and_an_application_are_marked(db):
    invited, applied, plain = make_opening(), make_opening(), make_opening()
    seeker = make_candidate()
    db.session.add(Shortlist(opening_id=invited.id, seeker_id=seeker.id))
    db.session.commit()
    placement = make_placement(seeker, applied, "applied")
    view = seeker_matches.matches_for(seeker, ACTOR, today=TODAY)
    marks = {m.opening.id: (m.invited, m.application.id if m.application else None) for m in view.matches}
    assert marks == {invited.id: (True, None), applied.id: (False, placement.id), plain.id: (False, None)}


def test_an_opening_past_its_deadline_is_marked(db):
    closed = make_opening(deadline=TODAY - timedelta(days=1))
    seeker = make_candidate()
    [match] = seeker_matches.matches_for(seeker, ACTOR, today=TODAY).matches
    assert match.opening.id == closed.id and match.deadline_passed


def test_the_dashboard_asks_for_the_top_three_without_the_blocked(db):
    for _ in range(4):
        make_opening()
    make_opening(schemes=("KR-EPS",))
    view = seeker_matches.matches_for(make_candidate(), ACTOR, top_k=3, with_blocked=False, today=TODAY)
    assert len(view.matches) == 3 and view.blocked == ()


def test_blocked_openings_come_closest_first_with_their_steps(db):
    one_gap = make_opening(schemes=("SKKNI-SMAW", "BLK-CAREGIVER"))
    two_gaps = make_opening(schemes=("BLK-CAREGIVER",), language=("JLPT", "N2"))
    closed = make_opening(schemes=("BLK-CAREGIVER",))
    db.session.get(Employer, closed.employer_id).status = "suspended"
    db.session.commit()
    make_cohort(make_programme(scheme_code="BLK-CAREGIVER"), starts_in=10)
    seeker = make_candidate()
    view = seeker_matches.matches_for(seeker, ACTOR, today=TODAY)
    assert [b.opening.id for b in view.blocked] == [one_gap.id, two_gaps.id, closed.id]
    assert [b.closed_to_all for b in view.blocked] == [False, False, True]
    [gap] = view.blocked[0].gaps
    assert gap.failure.code == Gate.CERT_MISSING
    assert [r.code for r in gap.remedies] == [Step.CERT_UPLOAD, Step.TRAINING_COHORT]
    assert view.about(two_gaps.id) is view.blocked[1]
    assert view.about(12345) is None


def test_the_situation_reads_unverified_certificates_and_courses_by_language(db):
    seeker = make_candidate(schemes=())
    db.session.add_all([Certification(seeker_id=seeker.id, scheme_code="KR-EPS", number="P-1", status="pending",
                                      issued_on=date(2025, 1, 1)),
                        Certification(seeker_id=seeker.id, scheme_code="BST-F", number="R-1", status="rejected",
                                      issued_on=date(2025, 1, 1))])
    db.session.commit()
    japanese = make_cohort(make_programme(scheme_code="JP-SSW-ACCOMMODATION", language="Indonesian, Japanese"))
    make_cohort(make_programme(language="Indonesian"))
    make_cohort(make_programme(language="Japanese"), status="cancelled")
    situation = remedies.situation_of(seeker.id, TODAY)
    assert situation.certificate_statuses == {"KR-EPS": frozenset({"pending"}), "BST-F": frozenset({"rejected"})}
    assert [c.cohort_id for c in situation.cohorts_by_test["JLPT"]] == [japanese.id]
    assert [c.cohort_id for c in situation.cohorts_by_test["JFT-Basic"]] == [japanese.id]
    assert "TOPIK" not in situation.cohorts_by_test
    assert [c.cohort_id for c in situation.cohorts_by_scheme["JP-SSW-ACCOMMODATION"]] == [japanese.id]


def test_the_situation_knows_where_the_seeker_already_has_a_place(db):
    seeker, other = make_candidate(), make_candidate()
    programme = make_programme()
    mine, waiting, theirs = make_cohort(programme), make_cohort(programme, starts_in=40), make_cohort(programme,
                                                                                                      starts_in=50)
    make_enrolment(mine, seeker)
    make_enrolment(waiting, seeker, status="waitlisted")
    make_enrolment(theirs, other)
    options = remedies.situation_of(seeker.id, TODAY).cohorts_by_scheme["BLK-CAREGIVER"]
    assert [(c.cohort_id, c.mine) for c in options] == [(mine.id, "enrolled"), (waiting.id, "waitlisted"),
                                                        (theirs.id, None)]


def test_a_limit_keeps_the_closest_blocked_openings_and_counts_them_all(db):
    one_gap = make_opening(min_age=30)
    two_gaps = make_opening(min_age=30, schemes=("BLK-CAREGIVER",))
    closed = make_opening(worker_costs_idr=5_000_000)
    seeker = make_candidate()
    view = seeker_matches.matches_for(seeker, ACTOR, today=TODAY, blocked_limit=2)
    assert [b.opening.id for b in view.blocked] == [one_gap.id, two_gaps.id]
    assert view.blocked_total == 3 and closed.id not in [b.opening.id for b in view.blocked]
