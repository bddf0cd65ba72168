"""The pre-departure checklist through its service: decisions recorded, audited and told; the gate before
departure; and two coordinators (or a decision and a departure) racing on the same placement."""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from app.domain import predeparture as gate
from app.domain.predeparture import Difference
from app.extensions import db as _db
from app.models import AuditEntry, Document, Notification, Placement, PreDepartureItem, Upload
from app.services import applications, predeparture, predeparture_reads
from app.services.applications import MoveRefused, PlacementChanged
from app.services.audit import Actor
from app.services.predeparture import ChecklistChanged, ChecklistRefused, PlacementPaper
from app.services.uploads import read_upload
from tests.services.helpers_applications import reload
from tests.services.helpers_papers import PDF
from tests.services.helpers_predeparture import (
    SCAN,
    clear_every_item,
    coordinator,
    far_expiry,
    matching_terms,
    signed_placement,
    verified_paper,
)


def actions(name):
    return _db.session.scalars(select(AuditEntry).where(AuditEntry.action == name).order_by(AuditEntry.id)).all()


def item_of(placement, kind) -> PreDepartureItem:
    _db.session.expire_all()
    return _db.session.scalar(select(PreDepartureItem).where(PreDepartureItem.placement_id == placement.id,
                                                             PreDepartureItem.item == kind))


@pytest.fixture
def staff(db):
    return coordinator()


@pytest.fixture
def placement(db):
    return signed_placement()


# --- the gate -----------------------------------------------------------------------------------------


def test_departure_is_refused_until_every_item_is_verified_and_then_allowed(placement, staff):
    placement.stage = "documents_verified"
    _db.session.commit()
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, "departed", staff)
    assert refused.value.codes == [gate.PREDEPARTURE_INCOMPLETE]
    assert predeparture.missing_items(placement) == list(gate.ITEMS)
    clear_every_item(placement, staff, skip=("bpjs",))
    with pytest.raises(MoveRefused):
        applications.move(placement, "departed", staff)
    assert predeparture.missing_items(placement) == ["bpjs"]
    clear_every_item(placement, staff, skip=tuple(k for k in gate.ITEMS if k != "bpjs"))
    applications.move(placement, "departed", staff)
    assert reload(Placement, placement.id).stage == "departed"


def test_documents_are_called_verified_only_when_every_item_is(placement, staff):
    """Immigration's departures list counts "documents_verified" as planned travel: it must be true."""
    with pytest.raises(MoveRefused) as refused:
        applications.move(placement, "documents_verified", staff)
    assert refused.value.codes == [gate.PREDEPARTURE_INCOMPLETE]
    clear_every_item(placement, staff)
    applications.move(reload(Placement, placement.id), "documents_verified", staff)
    assert reload(Placement, placement.id).stage == "documents_verified"


@pytest.mark.parametrize("kind", gate.ITEMS)
def test_each_item_alone_blocks_the_departure(kind, staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff, skip=(kind,))
    with pytest.raises(MoveRefused):
        applications.move(placement, "departed", staff)
    assert predeparture.missing_items(placement) == [kind]


def test_a_paper_the_seeker_replaced_after_it_was_attached_no_longer_counts(staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff)
    health = _db.session.scalar(select(Document).where(Document.seeker_id == placement.seeker_id,
                                                       Document.kind == "health_certificate"))
    health.status = "pending"   # what the papers page does when the seeker uploads a new one
    _db.session.commit()
    assert predeparture.missing_items(placement) == ["health_certificate"]
    assert predeparture_reads.checklist(placement).row("health_certificate").document_changed


# --- attaching the seeker's papers ---------------------------------------------------------------------


def test_attaching_a_verified_paper_verifies_the_item_with_who_and_when(placement, staff):
    paper = verified_paper(placement.seeker, "bpjs", staff)
    outcome = predeparture.attach_paper(placement, "bpjs", paper.id, Actor.for_user(staff))
    assert outcome.status == "verified"
    item = item_of(placement, "bpjs")
    assert (item.status, item.document_id, item.verified_by_id) == ("verified", paper.id, staff.id)
    assert item.verified_at is not None
    entry = actions("predeparture_item_verified")[0]
    assert entry.actor_id == staff.id and entry.object_id == str(item.id)
    assert entry.details["placement_id"] == placement.id and entry.details["item"] == "bpjs"
    row = predeparture_reads.checklist(placement).row("bpjs")
    assert row.decided_by == staff.display_name and row.cleared


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_paper_not_verified_cannot_be_attached_and_nothing_is_recorded(placement, staff, status):
    paper = verified_paper(placement.seeker, "marital_status", status=status)
    with pytest.raises(ChecklistRefused) as refused:
        predeparture.attach_paper(placement, "marital_status", paper.id, Actor.for_user(staff))
    assert [p.code for p in refused.value.problems] == [gate.DOCUMENT_NOT_VERIFIED]
    assert item_of(placement, "marital_status") is None and actions("predeparture_item_verified") == []


def test_another_seekers_paper_cannot_be_attached(placement, staff):
    stranger = signed_placement()
    paper = verified_paper(stranger.seeker, "bpjs")
    with pytest.raises(ChecklistRefused) as refused:
        predeparture.attach_paper(placement, "bpjs", paper.id, Actor.for_user(staff))
    assert [p.code for p in refused.value.problems] == [gate.DOCUMENT_UNKNOWN]


@pytest.mark.parametrize("days_short,status", [(0, "verified"), (1, "rejected")])
def test_a_passport_is_accepted_exactly_until_start_plus_contract_plus_six_months(placement, staff, days_short,
                                                                                  status):
    opening = placement.opening
    needed = gate.passport_needed_until(opening.start_date, opening.contract_months)
    paper = verified_paper(placement.seeker, "passport", expires_on=needed - timedelta(days=days_short))
    outcome = predeparture.attach_paper(placement, "passport", paper.id, Actor.for_user(staff))
    assert outcome.status == status and item_of(placement, "passport").status == status
    if status == "rejected":
        assert outcome.codes == (gate.PASSPORT_TOO_SHORT,)
        assert actions("predeparture_item_rejected")[0].details["codes"] == [gate.PASSPORT_TOO_SHORT]
        told = _db.session.scalar(select(Notification).where(Notification.user_id == placement.seeker.user_id))
        assert told.kind == "document_rejected" and told.link == f"/seeker/journey/{placement.id}"


# --- uploading the placement's documents ---------------------------------------------------------------


def test_a_contract_matching_the_opening_is_verified_and_kept_for_the_seeker(placement, staff):
    paper = PlacementPaper(SCAN, terms=matching_terms(placement.opening, monthly_wage=Decimal("180000.00")))
    outcome = predeparture.record_placement_paper(placement, "employment_contract", paper, Actor.for_user(staff))
    assert outcome.status == "verified" and outcome.differences == ()
    item = item_of(placement, "employment_contract")
    document = _db.session.get(Document, item.document_id)
    assert (document.placement_id, document.kind, document.status) == (placement.id, "employment_contract",
                                                                         "verified")
    upload = _db.session.get(Upload, document.upload_id)
    assert upload.owner_id == placement.seeker.user_id and read_upload(upload) == PDF
    assert predeparture_reads.journey(placement.seeker_id, placement.id).contract_upload_id == upload.id


def test_a_contract_that_differs_is_flagged_with_its_differences_and_does_not_count(placement, staff):
    terms = matching_terms(placement.opening, monthly_wage=Decimal("150000"), hours_per_week=48)
    outcome = predeparture.record_placement_paper(placement, "employment_contract", PlacementPaper(SCAN, terms=terms),
                                                  Actor.for_user(staff))
    expected = (Difference("monthly_wage", Decimal("180000.00"), Decimal("150000")),
                Difference("hours_per_week", 40, 48))
    assert outcome.status == "flagged" and outcome.differences == expected
    assert item_of(placement, "employment_contract").status == "flagged"
    assert "employment_contract" in predeparture.missing_items(placement)
    assert actions("predeparture_item_flagged")[0].details["differences"] == [
        {"field": "monthly_wage", "opening": "180000.00", "contract": "150000"},
        {"field": "hours_per_week", "opening": "40", "contract": "48"}]
    row = predeparture_reads.checklist(placement).row("employment_contract")
    assert row.differences == expected and not row.cleared
    assert predeparture_reads.journey(placement.seeker_id, placement.id).contract_upload_id is None
    told = _db.session.scalar(select(Notification).where(Notification.user_id == placement.seeker.user_id))
    assert told.kind == "document_rejected"


def test_a_flagged_contract_blocks_the_departure_until_a_matching_one_is_uploaded(staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff, skip=("employment_contract",))
    differing = PlacementPaper(SCAN, terms=matching_terms(placement.opening, job_title="Cleaner"))
    predeparture.record_placement_paper(placement, "employment_contract", differing, Actor.for_user(staff))
    with pytest.raises(MoveRefused):
        applications.move(placement, "departed", staff)
    corrected = PlacementPaper(SCAN, terms=matching_terms(placement.opening))
    predeparture.record_placement_paper(placement, "employment_contract", corrected, Actor.for_user(staff))
    applications.move(placement, "departed", staff)
    assert reload(Placement, placement.id).stage == "departed"


@pytest.mark.parametrize("visa_type,status,code", [
    ("work", "verified", None), ("tourist", "rejected", gate.VISA_TOURIST_OR_VISIT),
    ("visit", "rejected", gate.VISA_TOURIST_OR_VISIT), ("student", "rejected", gate.VISA_NOT_FOR_WORK),
])
def test_only_a_work_visa_verifies_the_visa_item(placement, staff, visa_type, status, code):
    outcome = predeparture.record_placement_paper(placement, "work_visa", PlacementPaper(SCAN, visa_type=visa_type),
                                                  Actor.for_user(staff))
    assert outcome.status == status and outcome.codes == ((code,) if code else ())
    assert item_of(placement, "work_visa").status == status
    entry = actions(f"predeparture_item_{status}")[0]
    assert entry.details["visa_type"] == visa_type


@pytest.mark.parametrize("kind,paper,field,code", [
    ("employment_contract", PlacementPaper(SCAN), "terms", gate.TERMS_INCOMPLETE),
    ("placement_agreement", PlacementPaper(None), "scan", "SCAN_REQUIRED"),
    ("work_visa", PlacementPaper(SCAN), "visa_type", gate.VISA_TYPE_REQUIRED),
])
def test_an_incomplete_entry_is_refused_and_nothing_is_stored(placement, staff, kind, paper, field, code):
    with pytest.raises(ChecklistRefused) as refused:
        predeparture.record_placement_paper(placement, kind, paper, Actor.for_user(staff))
    assert (refused.value.problems[0].field, refused.value.problems[0].code) == (field, code)
    assert _db.session.scalar(select(func.count(Document.id))) == 0
    assert _db.session.scalar(select(func.count(Upload.id))) == 0
    assert reload(Placement, placement.id).version == placement.version


def test_a_seekers_paper_is_never_uploaded_on_the_item(placement, staff):
    with pytest.raises(ChecklistRefused) as refused:
        predeparture.record_placement_paper(placement, "passport", PlacementPaper(SCAN), Actor.for_user(staff))
    assert refused.value.problems[0].code == gate.NOT_UPLOADABLE


@pytest.mark.parametrize("stage", ["accepted", "departed", "cancelled"])
def test_the_checklist_is_closed_outside_the_pre_departure_stages(staff, stage):
    placement = signed_placement(stage) if stage != "cancelled" else signed_placement("applied")
    if stage == "cancelled":
        placement.stage = "cancelled"
        _db.session.commit()
    with pytest.raises(ChecklistRefused) as refused:
        predeparture.record_placement_paper(placement, "placement_agreement", PlacementPaper(SCAN),
                                            Actor.for_user(staff))
    assert refused.value.problems[0].code == gate.CHECKLIST_CLOSED


# --- rejecting ----------------------------------------------------------------------------------------


def test_rejecting_a_verified_item_needs_a_reason_and_un_verifies_it(placement, staff):
    predeparture.record_placement_paper(placement, "placement_agreement", PlacementPaper(SCAN), Actor.for_user(staff))
    with pytest.raises(ChecklistRefused):
        predeparture.reject_item(placement, "placement_agreement", "  ", Actor.for_user(staff))
    predeparture.reject_item(placement, "placement_agreement", "Signed by the wrong company", Actor.for_user(staff))
    item = item_of(placement, "placement_agreement")
    assert (item.status, item.note) == ("rejected", "Signed by the wrong company")
    assert item.document_id is not None   # what was rejected stays referenced
    assert "placement_agreement" in predeparture.missing_items(placement)
    entry = actions("predeparture_item_rejected")[0]
    assert "Signed by the wrong company" not in str(entry.details)   # the audit log holds codes and ids only


# --- two coordinators at once ----------------------------------------------------------------------------


def test_every_decision_raises_the_placement_version(placement, staff):
    before = placement.version
    predeparture.record_placement_paper(placement, "placement_agreement", PlacementPaper(SCAN), Actor.for_user(staff))
    assert reload(Placement, placement.id).version == before + 1


def test_of_two_coordinators_deciding_on_the_same_page_one_wins_and_the_other_is_told(placement, staff):
    other = coordinator()
    seen = placement.version
    predeparture.record_placement_paper(placement, "placement_agreement", PlacementPaper(SCAN), Actor.for_user(staff),
                                        expected_version=seen)
    with pytest.raises(ChecklistChanged):
        predeparture.reject_item(placement, "placement_agreement", "Blurred", Actor.for_user(other),
                                 expected_version=seen)
    item = item_of(placement, "placement_agreement")
    assert (item.status, item.verified_by_id) == ("verified", staff.id)   # the first decision is not lost
    assert actions("predeparture_item_rejected") == []


def test_a_departure_decided_on_a_page_that_showed_an_item_verified_is_refused_once_it_was_rejected(staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff)
    seen = reload(Placement, placement.id).version
    predeparture.reject_item(placement, "work_visa", "The embassy cancelled it", Actor.for_user(coordinator()))
    with pytest.raises(PlacementChanged):
        applications.move(placement, "departed", staff, expected_version=seen)
    assert reload(Placement, placement.id).stage == "documents_verified"


def test_a_departure_that_races_an_item_being_rejected_in_the_database_is_refused(staff, monkeypatch):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff)
    placement = reload(Placement, placement.id)
    real_gate = predeparture.departure_problems

    def gate_then_other_coordinator_rejects(checked):
        answer = real_gate(checked)   # every item verified, as this coordinator's page said
        with _db.engine.begin() as other:
            other.execute(text("UPDATE pre_departure_items SET status = 'rejected' "
                               "WHERE placement_id = :id AND item = 'passport'"), {"id": checked.id})
            other.execute(text("UPDATE placements SET version = version + 1 WHERE id = :id"), {"id": checked.id})
        return answer

    monkeypatch.setattr(predeparture, "departure_problems", gate_then_other_coordinator_rejects)
    with pytest.raises(PlacementChanged):
        applications.move(placement, "departed", staff)
    stored = reload(Placement, placement.id)
    assert stored.stage == "documents_verified" and stored.departure_date is None


def test_an_item_decision_that_races_a_departure_in_the_database_is_refused(staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff)
    second = Actor.for_user(coordinator())
    placement = reload(Placement, placement.id)   # this coordinator's page: still documents_verified
    with _db.engine.begin() as other:   # another coordinator records the departure meanwhile
        other.execute(text("UPDATE placements SET stage = 'departed', version = version + 1 WHERE id = :id"),
                      {"id": placement.id})
    with pytest.raises(ChecklistChanged):
        predeparture.reject_item(placement, "passport", "Lost", second)
    assert item_of(placement, "passport").status == "verified"
    assert reload(Placement, placement.id).stage == "departed"


# --- what the seeker sees --------------------------------------------------------------------------------


def test_the_journey_is_found_only_for_its_own_seeker(placement):
    other = signed_placement()
    assert predeparture_reads.journey(placement.seeker_id, placement.id).placement.id == placement.id
    assert predeparture_reads.journey(other.seeker_id, placement.id) is None


def test_the_journey_names_the_coordinator_who_last_worked_on_the_placement(placement, staff):
    assert predeparture_reads.journey(placement.seeker_id, placement.id).coordinator_name is None
    paper = verified_paper(placement.seeker, "passport", expires_on=far_expiry(placement.opening))
    predeparture.attach_paper(placement, "passport", paper.id, Actor.for_user(staff))
    assert predeparture_reads.journey(placement.seeker_id, placement.id).coordinator_name == staff.display_name
