"""Public opening pages: only approved openings, filters and pages, the code checker and the QR."""
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.models import LanguageLevel
from tests.factories import make_employer
from tests.services.helpers_openings import make_opening

EN = {"Accept-Language": "en"}


@pytest.fixture
def employer(db):
    return make_employer(is_demo=False)


def text(client, url) -> str:
    return client.get(url, headers=EN).get_data(as_text=True)


def test_the_list_shows_approved_openings_only(client, employer):
    make_opening(employer, status="approved", title="Approved welder")
    for status in ("draft", "submitted", "changes_requested", "closed"):
        make_opening(employer, status=status, title=f"Hidden {status}")
    page = text(client, "/openings")
    assert "Approved welder" in page and "Hidden" not in page
    assert "1 opening" in page and "Verified employer" in page


def test_the_list_filters_by_the_query(client, db, employer):
    topik = db.session.scalar(select(LanguageLevel.id).where(LanguageLevel.test_code == "TOPIK"))
    make_opening(employer, status="approved", title="Osaka welder", start_date=date.today() + timedelta(days=200))
    make_opening(employer, status="approved", title="Busan cook", country_code="KR", sector_code="food-service",
                 language_level_id=topik, start_date=date.today() + timedelta(days=90))
    assert "Osaka welder" not in text(client, "/openings?country=KR")
    assert "Busan cook" in text(client, "/openings?language=Korean")
    assert "Busan cook" not in text(client, "/openings?sector=manufacturing")
    later = (date.today() + timedelta(days=150)).isoformat()
    page = text(client, f"/openings?start_from={later}")
    assert "Osaka welder" in page and "Busan cook" not in page
    assert "Osaka welder" not in text(client, f"/openings?start_to={later}")


def test_nonsense_filters_are_ignored_not_errors(client, employer):
    make_opening(employer, status="approved", title="Osaka welder")
    page = text(client, "/openings?start_from=yesterday&page=-4&page=x")
    assert "Osaka welder" in page


def test_the_list_has_twenty_openings_a_page(client, employer):
    for n in range(23):
        make_opening(employer, status="approved", title=f"Job number {n:02d}", deadline=None)
    first, second = text(client, "/openings"), text(client, "/openings?page=2")
    assert first.count('class="card opening-card"') == 20 and second.count('class="card opening-card"') == 3
    assert "Page 1 of 2" in first and 'rel="next" href="/openings?page=2"' in first
    assert 'rel="prev"' in second


def test_filters_stay_in_the_page_links(client, employer):
    for n in range(21):
        make_opening(employer, status="approved", title=f"Job {n}", deadline=None)
    page = text(client, "/openings?country=JP")
    assert 'href="/openings?page=2&amp;country=JP"' in page


def test_an_opening_page_shows_the_code_and_the_verified_badge(client, employer):
    opening = make_opening(employer, status="approved")
    page = text(client, f"/openings/{opening.code}")
    assert opening.code in page and "Verified employer" in page and "Approved by Pemerintah Kota Pangkalpinang" in page
    assert f'src="/openings/{opening.code}/qr.svg"' in page
    assert "None: you pay no placement fee." in page
    assert "Demo data" not in page


def test_demo_openings_say_so(client, db):
    opening = make_opening(make_employer(is_demo=True), status="approved")
    assert "Demo data" in text(client, f"/openings/{opening.code}")
    assert "Demo data" in text(client, "/openings")


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "closed"])
def test_an_opening_that_is_not_approved_is_not_found(client, employer, status):
    opening = make_opening(employer, status=status, code="JBT-7K3Q-9M2X")
    assert client.get(f"/openings/{opening.code}").status_code == 404
    assert client.get(f"/openings/{opening.id}").status_code == 404
    assert client.get(f"/openings/{opening.code}/qr.svg").status_code == 404


def test_scanning_the_qr_of_an_opening_under_review_again_says_it_is_not_open(client, employer):
    make_opening(employer, status="submitted", code="JBT-7K3Q-9M2X")
    response = client.get("/openings/JBT-7K3Q-9M2X", headers=EN)
    assert response.status_code == 404
    assert "This opening is not open at the moment" in response.get_data(as_text=True)


def test_a_code_typed_in_lower_case_goes_to_the_right_address(client, employer):
    opening = make_opening(employer, status="approved", code="JBT-7K3Q-9M2X")
    response = client.get("/openings/jbt-7k3q-9m2x")
    assert response.status_code == 301 and response.location.endswith(f"/openings/{opening.code}")


def test_the_public_qr_opens_the_public_page(client, employer):
    opening = make_opening(employer, status="approved")
    response = client.get(f"/openings/{opening.code}/qr.svg")
    assert response.mimetype == "image/svg+xml" and opening.code.encode() in response.data


def test_checking_a_valid_code_goes_to_its_opening(client, employer):
    opening = make_opening(employer, status="approved", code="JBT-7K3Q-9M2X")
    response = client.get("/verify?code=jbt 7k3q 9m2x")
    assert response.status_code == 302 and response.location.endswith(f"/openings/{opening.code}")


@pytest.mark.parametrize("typed", ["JBT-AAAA-AAAA", "hello", "JBT-7K3Q"])
def test_an_unknown_code_is_called_out_as_possibly_fake(client, employer, typed):
    make_opening(employer, status="approved", code="JBT-7K3Q-9M2X")
    page = text(client, f"/verify?code={typed}")
    assert "This code is not valid — the offer may be fake" in page
    assert "Do not pay anything" in page and "Dinas Tenaga Kerja" in page


def test_a_code_of_an_opening_under_review_or_closed_is_not_called_valid(client, employer):
    make_opening(employer, status="closed", code="JBT-7K3Q-9M2X", closed_reason="filled")
    page = text(client, "/verify?code=JBT-7K3Q-9M2X")
    assert "This opening is not open at the moment" in page and "may be fake" not in page


def test_the_checker_starts_with_an_empty_form(client):
    page = text(client, "/verify")
    assert 'name="code"' in page and "may be fake" not in page


def test_the_list_page_costs_the_same_few_queries_however_many_openings(client, db, employer):
    def statements_for_list() -> list:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/openings").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return seen

    make_opening(employer, status="approved", deadline=None)
    few = statements_for_list()
    for n in range(25):
        make_opening(make_employer(), status="approved", title=f"Job {n}", deadline=None)
    assert len(statements_for_list()) == len(few) <= 2  # the page with its total, and the filter choices
