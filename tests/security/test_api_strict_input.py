"""The API takes exactly what its OpenAPI document says, and refuses the rest with a documented 400: each case
here is one schemathesis found before the fix (`make security`)."""
import json

import pytest

from app.web.api.openapi import DOCUMENT_PATH
from tests.services.helpers_immigration import bearer, make_token, make_traveller
from tests.web.openapi_check import response_problems

DOCUMENT = json.loads(DOCUMENT_PATH.read_text())


@pytest.fixture
def token(db):
    return make_token()


@pytest.mark.parametrize("query", ["to=", "from=", "from=20260101", "to=2026-W01-1", "from=2026-01-01T00:00"])
def test_a_date_not_written_yyyy_mm_dd_is_refused(client, token, query):
    url = f"/api/v1/departures?{query}"
    response = client.get(url, headers=bearer(token))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_date"
    assert response_problems(DOCUMENT, "GET", url, response) == []


def test_well_written_dates_are_still_answered(client, token):
    response = client.get("/api/v1/departures?from=2026-01-01&to=2026-01-31", headers=bearer(token))
    assert response.status_code == 200


@pytest.mark.parametrize("length, status", [(40, 200), (41, 400)])
def test_an_opening_code_longer_than_documented_is_refused_not_cut(client, token, length, status):
    url = "/api/v1/openings/" + "J" * length
    response = client.get(url, headers=bearer(token))
    assert response.status_code == status
    assert response_problems(DOCUMENT, "GET", url, response) == []


@pytest.mark.parametrize("body, code", [
    ({"nik": "{nik}", "passport_number": None}, "bad_request"),   # a null second identifier is still a second key
    ({"nik": "{nik}", "nik_hash": ""}, "bad_request"),
    ({"nik": " {nik}"}, "bad_nik"),                               # the document's pattern has no spaces
    ({"nik": "{nik}\n"}, "bad_nik"),
    ({"passport_number": "C123-4567"}, "bad_passport_number"),
])
def test_a_body_outside_the_documented_shape_is_refused(client, token, body, code):
    nik = make_traveller().nik
    sent = {key: value.format(nik=nik) if isinstance(value, str) else value for key, value in body.items()}
    response = client.post("/api/v1/lookup", headers=bearer(token), json=sent)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code
    assert response_problems(DOCUMENT, "POST", "/api/v1/lookup", response) == []


def test_the_documented_shapes_are_still_answered(client, token):
    traveller = make_traveller()
    for body in ({"nik": traveller.nik}, {"passport_number": traveller.passport.lower()}):
        response = client.post("/api/v1/lookup", headers=bearer(token), json=body)
        assert response.status_code == 200 and response.get_json()["registered"] is True


@pytest.mark.parametrize("method, url, allowed", [("TRACE", "/api/v1/health", {"GET", "HEAD", "OPTIONS"}),
                                                  ("DELETE", "/api/v1/lookup", {"POST", "OPTIONS"})])
def test_a_method_the_api_does_not_allow_is_405_naming_the_allowed_ones(client, method, url, allowed):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == allowed
