"""The whole story in one browser journey, in Indonesian, the seeker on a 360-pixel phone.

A young woman from Pangkalpinang signs up with her NIK and a certificate no demo seeker holds; a new employer
in a partner city posts an opening for exactly that certificate; the coordinator verifies both; she applies,
is offered the job and accepts; the coordinator refuses the departure while the work visa is missing, then
records it; abroad she asks for help and the coordinator sees it; an immigration officer finds her placement;
and a member of the public checks a Myanmar offer on Cek Tawaran and is told it is dangerous.
The steps live in story_*.py, one module per audience; each is a sentence about what that person does.
"""
from tests.e2e import story_coordinator as coordinator
from tests.e2e import story_employer as employer
from tests.e2e import story_officer as officer
from tests.e2e import story_public as public
from tests.e2e import story_seeker as seeker
from tests.e2e.story_browser import COORDINATOR, OFFICER, log_in
from tests.e2e.story_cast import Story


def test_a_seeker_goes_from_sign_up_to_a_monitored_placement_abroad(make_page):
    story = Story()
    phone, office, company, border = make_page(phone=True), make_page(), make_page(), make_page()
    log_in(office, COORDINATOR)
    log_in(border, OFFICER)

    seeker.signs_up_with_her_nik(phone, story)
    seeker.builds_her_profile(phone, story)
    seeker.consents_to_immigration_sharing(phone)
    seeker.uploads_her_certificate(phone, story)

    employer.registers_under_a_partner_city(company, story)
    coordinator.verifies_the_employer(office, story)
    employer.posts_and_submits_the_opening(company, story)
    coordinator.approves_the_opening(office, story)
    coordinator.verifies_the_certificate(office, story)

    employer.shortlists_her_from_the_ranked_anonymous_candidates(company, story)
    seeker.sees_the_invitation_among_her_matches_and_applies(phone, story)
    employer.moves_the_application_to_an_offer(company, story)
    seeker.accepts_the_offer(phone, story)

    coordinator.records_the_signed_contract(office, story)
    seeker.brings_her_departure_papers(phone, story)
    coordinator.verifies_every_paper_but_the_visa(office, story)
    coordinator.is_refused_departure_without_the_visa(office, story)
    coordinator.records_the_departure_once_the_visa_is_verified(office, story)

    seeker.asks_for_help_from_abroad(phone, story)
    coordinator.sees_the_call_for_help(office, story)
    officer.finds_the_worker_in_a_registered_placement(border, story)

    public.checks_a_myanmar_offer_and_is_told_it_is_dangerous(make_page(phone=True))
