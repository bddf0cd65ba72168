"""The pre-departure checklist through the coordinator's pages: verify each item, flag, reject, and depart."""
import io
import re

import pytest
from sqlalchemy import select

from app.domain import predeparture as gate
from app.extensions import db as _db
from app.models import Placement, PreDepartureItem
from tests.services.helpers_applications import reload
from tests.services.helpers_papers import PDF
from tests.services.helpers_predeparture import (
    clear_every_item,
    coordinator,
    far_expiry,
    signed_placement,
    verified_paper,
)


@pytest.fixture
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def staff(db, login_as):
    user = coordinator()
    login_as(user)
    return user


def page_of(client, placement) -> str:
    return client.get(f"/coordinator/placements/{placement.id}").get_data(as_text=True)


def version_of(placement) -> int:
    return reload(Placement, placement.id).version


def status_of(placement, kind) -> str | None:
    _db.session.expire_all()
    return _db.session.scalar(select(PreDepartureItem.status).where(PreDepartureItem.placement_id == placement.id,
                                                                    PreDepartureItem.item == kind))


def flashes(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(r'<p class="flash [^"]*"[^>]*>(.*?)</p>', html, re.S)]


def contract_form(placement, **changes):
    opening = placement.opening
    form = {"version": version_of(placement), "job_title": opening.title, "monthly_wage": str(opening.monthly_wage),
            "currency": opening.currency, "hours_per_week": opening.hours_per_week,
            "contract_months": opening.contract_months, "scan": (io.BytesIO(PDF), "kontrak.pdf"), "note": ""}
    return {**form, **changes}


def test_the_placement_page_shows_every_item_of_the_checklist_with_links(english, staff):
    placement = signed_placement()
    html = page_of(english, placement)
    assert 'id="checklist"' in html and "0 of 9 verified" in html
    for kind in gate.ITEMS:
        assert f"/coordinator/placements/{placement.id}/checklist/{kind}" in html
    assert "Family permission acknowledged by the lurah" in html
    assert "The passport must be valid until at least" in html


def test_a_coordinator_attaches_a_verified_paper_and_the_page_says_who_and_when(english, staff):
    placement = signed_placement()
    paper = verified_paper(placement.seeker, "passport", expires_on=far_expiry(placement.opening))
    item_page = english.get(f"/coordinator/placements/{placement.id}/checklist/passport").get_data(as_text=True)
    assert "Confirm and attach" in item_page and "Needed until at least" in item_page
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/passport/attach",
                            data={"version": version_of(placement), "document_id": paper.id})
    assert response.status_code == 302 and response.headers["Location"].endswith("#checklist")
    assert status_of(placement, "passport") == "verified"
    html = page_of(english, placement)
    assert "1 of 9 verified" in html and staff.display_name in html
    assert "Verified: Passport." in flashes(html)


def test_a_passport_too_short_for_the_contract_is_rejected_with_the_dates(english, staff):
    placement = signed_placement()
    opening = placement.opening
    short = gate.add_months(opening.start_date, opening.contract_months)   # no six months' margin
    paper = verified_paper(placement.seeker, "passport", expires_on=short)
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/passport/attach",
                            data={"version": version_of(placement), "document_id": paper.id},
                            follow_redirects=True)
    messages = flashes(response.get_data(as_text=True))
    assert status_of(placement, "passport") == "rejected"
    assert any("The passport must be valid until at least" in m and "It expires on" in m for m in messages)


def test_a_contract_that_differs_is_flagged_and_its_differences_are_shown(english, staff):
    placement = signed_placement()
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/employment_contract/upload",
                            data=contract_form(placement, monthly_wage="150000", hours_per_week="48"),
                            content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert status_of(placement, "employment_contract") == "flagged"
    assert "Differs on: Monthly wage, Hours per week" in re.sub(r"\s+", " ", html)
    item_page = english.get(f"/coordinator/placements/{placement.id}/checklist/employment_contract")
    assert "Where the contract differs from the opening" in item_page.get_data(as_text=True)


def test_a_matching_contract_is_verified_from_its_page(english, staff):
    placement = signed_placement()
    english.post(f"/coordinator/placements/{placement.id}/checklist/employment_contract/upload",
                 data=contract_form(placement), content_type="multipart/form-data")
    assert status_of(placement, "employment_contract") == "verified"


def test_a_contract_without_its_terms_is_shown_again_with_the_problem(english, staff):
    placement = signed_placement()
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/employment_contract/upload",
                            data=contract_form(placement, currency="", monthly_wage=""),
                            content_type="multipart/form-data")
    assert response.status_code == 200
    assert "Enter every term as the contract states it" in response.get_data(as_text=True)
    assert status_of(placement, "employment_contract") is None


@pytest.mark.parametrize("visa_type,status", [("work", "verified"), ("tourist", "rejected"), ("visit", "rejected")])
def test_a_tourist_or_visit_visa_is_refused_with_a_clear_reason(english, staff, visa_type, status):
    placement = signed_placement()
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/work_visa/upload",
                            data={"version": version_of(placement), "visa_type": visa_type,
                                  "scan": (io.BytesIO(PDF), "visa.pdf")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert status_of(placement, "work_visa") == status
    said = " ".join(flashes(response.get_data(as_text=True)))
    assert ("A tourist or visit visa is never a work visa" in said) is (status == "rejected")


def test_the_departure_is_refused_with_the_missing_items_named_then_recorded(english, staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff, skip=("work_visa", "bpjs"))
    html = page_of(english, placement)
    assert "to_stage\" value=\"departed" not in html   # the generic move form no longer offers it
    assert "Still to verify:" in html and f"/coordinator/placements/{placement.id}/depart" in html
    response = english.post(f"/coordinator/placements/{placement.id}/depart",
                            data={"version": version_of(placement)}, follow_redirects=True)
    assert "Departure refused. Still to verify: Work visa, BPJS Ketenagakerjaan." in flashes(
        response.get_data(as_text=True))
    assert reload(Placement, placement.id).stage == "documents_verified"
    clear_every_item(placement, staff, skip=tuple(k for k in gate.ITEMS if k not in ("work_visa", "bpjs")))
    response = english.post(f"/coordinator/placements/{placement.id}/depart",
                            data={"version": version_of(placement), "note": "GA 123 via Jakarta"})
    assert response.status_code == 302
    stored = reload(Placement, placement.id)
    assert stored.stage == "departed" and stored.events[-1].note == "GA 123 via Jakarta"
    assert "The checklist is closed" in page_of(english, placement)


def test_a_decision_on_a_page_that_is_out_of_date_is_refused_and_nothing_changes(english, staff):
    placement = signed_placement()
    seen = version_of(placement)
    english.post(f"/coordinator/placements/{placement.id}/checklist/placement_agreement/upload",
                 data={"version": seen, "scan": (io.BytesIO(PDF), "pp.pdf")}, content_type="multipart/form-data")
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/placement_agreement/reject",
                            data={"version": seen, "reason": "Blurred"}, follow_redirects=True)
    assert any("changed meanwhile" in m for m in flashes(response.get_data(as_text=True)))
    assert status_of(placement, "placement_agreement") == "verified"


def test_a_departure_from_a_page_seen_before_an_item_was_rejected_is_refused(english, staff):
    placement = signed_placement("documents_verified")
    clear_every_item(placement, staff)
    seen = version_of(placement)
    english.post(f"/coordinator/placements/{placement.id}/checklist/bpjs/reject",
                 data={"version": seen, "reason": "Card is not active"})
    response = english.post(f"/coordinator/placements/{placement.id}/depart", data={"version": seen},
                            follow_redirects=True)
    assert any("changed meanwhile" in m for m in flashes(response.get_data(as_text=True)))
    assert reload(Placement, placement.id).stage == "documents_verified"


def test_a_rejection_needs_a_reason(english, staff):
    placement = signed_placement()
    clear_every_item(placement, staff, skip=tuple(k for k in gate.ITEMS if k != "bpjs"))
    response = english.post(f"/coordinator/placements/{placement.id}/checklist/bpjs/reject",
                            data={"version": version_of(placement), "reason": ""})
    assert response.status_code == 200 and "Say why the item is rejected." in response.get_data(as_text=True)
    assert status_of(placement, "bpjs") == "verified"


@pytest.mark.parametrize("url", ["/coordinator/placements/{id}/checklist/ktp",
                                 "/coordinator/placements/999999/checklist/passport"])
def test_an_unknown_item_or_placement_is_not_found(english, staff, url):
    placement = signed_placement()
    assert english.get(url.format(id=placement.id)).status_code == 404


def test_opening_an_item_page_is_audited_as_a_read_of_personal_data(english, staff):
    from app.models import AuditEntry
    placement = signed_placement()
    english.get(f"/coordinator/placements/{placement.id}/checklist/health_certificate")
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "predeparture_item_viewed"))
    assert entry.actor_id == staff.id and entry.details == {"seeker_id": placement.seeker_id,
                                                            "item": "health_certificate"}
