"""The seeker follows their case on one page: stage, next step, checklist, contract summary, contacts."""
import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.extensions import db as _db
from app.models import Placement
from app.services import predeparture
from app.services.audit import Actor
from tests.services.helpers_applications import reload
from tests.services.helpers_predeparture import SCAN, coordinator, matching_terms, signed_placement, verified_paper

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def english(client, db):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def journey_placement(stage="contract_signed") -> Placement:
    placement = signed_placement(stage, annual_leave_days=12, insurance="National health insurance and accident "
                                 "cover", accommodation="Shared dormitory, free", monthly_wage=Decimal("180000"))
    employer = placement.opening.employer
    employer.contact_person, employer.contact_phone = "Hanako Sato", "+81 76 000 0000"
    _db.session.commit()
    return placement


def test_the_seeker_sees_stage_next_step_checklist_contract_and_contacts(english, login_as):
    placement = journey_placement()
    staff = coordinator()
    predeparture.record_placement_paper(placement, "employment_contract",
                                        predeparture.PlacementPaper(SCAN, terms=matching_terms(placement.opening)),
                                        Actor.for_user(staff), note="Employer's HR phoned twice; INTERNAL ONLY")
    login_as(placement.seeker.user)
    response = english.get(f"/seeker/journey/{placement.id}")
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    assert "Contract signed" in page and "Bring your pre-departure documents to Disnaker" in page
    assert "Still needed: 8 of 9 items." in page
    assert "Signed employment contract Verified" in page and "Passport Not yet" in page
    assert "INTERNAL ONLY" not in page                      # coordinators' notes never reach the seeker
    assert "¥180,000 a month" in page and "40 hours a week" in page and "12 days a year" in page
    assert "24 months" in page and "Shared dormitory, free" in page and "accident cover" in page
    assert "Dinas Tenaga Kerja Kota Pangkalpinang" in page and staff.display_name in page
    assert "Hanako Sato" in page and "+81 76 000 0000" in page
    assert "Download my signed contract" in page


def test_the_page_is_in_indonesian_by_default_with_money_in_the_indonesian_format(client, db, login_as):
    placement = journey_placement()
    login_as(placement.seeker.user)
    page = text_of(client.get(f"/seeker/journey/{placement.id}").get_data(as_text=True))
    assert 'lang="id"' in client.get(f"/seeker/journey/{placement.id}").get_data(as_text=True)
    assert re.search(r"JP¥\s?180\.000", page) or "¥180.000" in page


@pytest.mark.parametrize("stage,shown", [("offered", False), ("accepted", True), ("arrived", True)])
def test_the_employers_contact_is_shown_only_after_the_offer_is_accepted(english, login_as, stage, shown):
    placement = journey_placement(stage)
    login_as(placement.seeker.user)
    page = english.get(f"/seeker/journey/{placement.id}").get_data(as_text=True)
    assert ("Hanako Sato" in page) is shown
    assert ("Documents before departure" in page) is shown


def test_a_seeker_paper_waiting_for_review_is_explained(english, login_as):
    placement = journey_placement()
    verified_paper(placement.seeker, "bpjs", status="pending", reviewed_at=None)
    login_as(placement.seeker.user)
    page = text_of(english.get(f"/seeker/journey/{placement.id}").get_data(as_text=True))
    assert "You uploaded it. Disnaker is checking it." in page
    assert "Upload it on the \"Certificates and documents\" page." in page or "Upload it on the &#34;" in page


def test_a_flagged_contract_is_explained_without_the_coordinators_note(english, login_as):
    placement = journey_placement()
    terms = matching_terms(placement.opening, monthly_wage=Decimal("90000"))
    paper = predeparture.PlacementPaper(SCAN, terms=terms)
    predeparture.record_placement_paper(placement, "employment_contract", paper, Actor.for_user(coordinator()),
                                        note="Agent pressured her, INTERNAL")
    login_as(placement.seeker.user)
    page = text_of(english.get(f"/seeker/journey/{placement.id}").get_data(as_text=True))
    assert "Being checked" in page and "differs from the job you accepted" in page
    assert "INTERNAL" not in page and "Download my signed contract" not in page


@pytest.mark.parametrize("kind,words", [
    ("work_visa", "A tourist or visit visa does not allow work."),
    ("passport", "Your passport must stay valid until six months after your contract ends."),
])
def test_a_rejected_paper_is_explained_by_its_rule(english, login_as, kind, words):
    placement = journey_placement()
    by = Actor.for_user(coordinator())
    if kind == "work_visa":
        predeparture.record_placement_paper(placement, kind, predeparture.PlacementPaper(SCAN, visa_type="tourist"), by)
    else:
        short = verified_paper(placement.seeker, "passport", expires_on=placement.opening.start_date)
        predeparture.attach_paper(placement, "passport", short.id, by)
    login_as(placement.seeker.user)
    page = text_of(english.get(f"/seeker/journey/{placement.id}").get_data(as_text=True))
    assert "Not accepted" in page and words in page


def test_seeker_b_cannot_open_seeker_as_journey(english, login_as):
    placement = journey_placement()
    other = signed_placement()
    login_as(other.seeker.user)
    assert english.get(f"/seeker/journey/{placement.id}").status_code == 404
    assert english.get(f"/seeker/journey/{other.id}").status_code == 200
    assert english.get("/seeker/journey/999999").status_code == 404


def test_the_applications_page_links_to_each_journey(english, login_as):
    placement = journey_placement("applied")
    login_as(placement.seeker.user)
    assert f"/seeker/journey/{placement.id}" in english.get("/seeker/applications").get_data(as_text=True)


def test_a_closed_placement_says_why_and_hides_the_employer(english, login_as):
    placement = journey_placement("applied")
    placement.stage, placement.closed_reason = "rejected", "position_filled"
    _db.session.commit()
    login_as(reload(Placement, placement.id).seeker.user)
    page = text_of(english.get(f"/seeker/journey/{placement.id}").get_data(as_text=True))
    assert "This placement is closed: The position is filled" in page and "Hanako Sato" not in page


# --- on a 360 px phone ---------------------------------------------------------------------------------
