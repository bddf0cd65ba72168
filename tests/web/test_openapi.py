"""The OpenAPI document is served publicly and stays true: real responses, including generated odd requests,
are checked against it, and no request makes the server fail."""
import json
from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.catalogue import local_today
from app.web.api.openapi import DOCUMENT_PATH
from tests.services.helpers_applications import make_opening
from tests.services.helpers_immigration import bearer, make_token, make_traveller
from tests.web.openapi_check import operation_for, problems, response_problems, unsupported_keywords

DOCUMENT = json.loads(DOCUMENT_PATH.read_text())
PREFIX = "/api/v1"


def test_the_document_is_served_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json() == DOCUMENT
    assert DOCUMENT["openapi"].startswith("3.0")


def test_the_human_readable_page_documents_every_endpoint_with_curl_examples(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "curl" in page and "Authorization: Bearer" in page and "/api/v1/openapi.json" in page
    for template in DOCUMENT["paths"]:
        if template not in ("/openapi.json", "/health"):
            assert PREFIX + template.split("{")[0] in page


def test_the_checker_understands_every_keyword_the_document_uses():
    assert unsupported_keywords(DOCUMENT) == set()


GOOD_ANSWER = {"registered": True, "consent_to_share": True, "active_placement": True, "stage": "departed",
               "destination_country": "JP", "destination_city": "Toyama", "employer": "X", "opening_code": "JBT-A",
               "departure_date": "2026-04-02"}


@pytest.mark.parametrize("change", [
    {"address": "Jl. Merdeka 1"},            # a key the answer must never have
    {"registered": None},                    # not nullable
    {"registered": "yes"},
    {"stage": "teleported"},
    {"departure_date": "02/04/2026"},
    {"destination_country": "Japan"},
])
def test_the_checker_refuses_what_the_document_forbids(change):
    schema = {"$ref": "#/components/schemas/LookupAnswer"}
    assert problems(DOCUMENT, schema, GOOD_ANSWER) == []
    assert problems(DOCUMENT, schema, {**GOOD_ANSWER, **change}) != []
    assert problems(DOCUMENT, schema, {k: v for k, v in GOOD_ANSWER.items() if k != "employer"}) != []


def test_every_api_route_is_documented_and_every_documented_path_exists(app):
    routes = {(method, rule.rule.removeprefix(PREFIX).replace("<", "{").replace(">", "}"))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.") and rule.endpoint != "api.docs"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(method.upper(), template) for template, item in DOCUMENT["paths"].items() for method in item}
    assert routes == documented


def test_the_examples_in_the_document_follow_its_own_schemas():
    request = DOCUMENT["paths"]["/lookup"]["post"]["requestBody"]["content"]["application/json"]
    for example in request["examples"].values():
        assert problems(DOCUMENT, request["schema"], example["value"]) == []


@pytest.fixture
def world(db):
    today = local_today()
    traveller = make_traveller("documents_verified", departure_date=today + timedelta(days=3))
    silent = make_traveller("departed", consent=False)
    unplaced = make_traveller(stage=None)
    tokens = {"all": make_token(), "none": make_token("openings", "departures"), "openings": make_token("openings")}
    return {"traveller": traveller, "silent": silent, "unplaced": unplaced, "tokens": tokens,
            "opening": traveller.placement.opening, "closed": make_opening(status="closed")}


def scenarios(world):
    t, tokens = world["traveller"], world["tokens"]
    full = bearer(tokens["all"])
    return [
        ("POST", "/api/v1/lookup", full, {"nik": t.nik}),
        ("POST", "/api/v1/lookup", full, {"nik_hash": t.nik_hash}),
        ("POST", "/api/v1/lookup", full, {"passport_number": t.passport}),
        ("POST", "/api/v1/lookup", full, {"nik": world["silent"].nik}),
        ("POST", "/api/v1/lookup", full, {"nik": world["unplaced"].nik}),
        ("POST", "/api/v1/lookup", full, {"nik": "1971010203049999"}),
        ("POST", "/api/v1/lookup", full, {"nik": "123"}),
        ("POST", "/api/v1/lookup", full, None),
        ("POST", "/api/v1/lookup", {}, {"nik": t.nik}),
        ("POST", "/api/v1/lookup", bearer("jbt_nope"), {"nik": t.nik}),
        ("POST", "/api/v1/lookup", bearer(tokens["none"]), {"nik": t.nik}),
        ("GET", "/api/v1/departures", full, None),
        ("GET", "/api/v1/departures?from=2020-01-01&to=2020-01-31", full, None),
        ("GET", "/api/v1/departures?from=yesterday", full, None),
        ("GET", "/api/v1/departures?per_page=500", full, None),
        ("GET", "/api/v1/departures", bearer(tokens["openings"]), None),
        ("GET", f"/api/v1/openings/{world['opening'].code}", full, None),
        ("GET", f"/api/v1/openings/{world['closed'].code}", full, None),
        ("GET", "/api/v1/openings/JBT-AAAA-AAAA", full, None),
        ("GET", "/api/v1/openings/nonsense", full, None),
        ("GET", "/api/v1/openings/JBT-AAAA-AAAA", {}, None),
        ("GET", "/api/v1/health", {}, None),
        ("GET", "/api/v1/openapi.json", {}, None),
    ]


def test_real_responses_match_the_document(client, world):
    statuses = set()
    for method, url, headers, body in scenarios(world):
        response = client.open(url, method=method, headers=headers, json=body)
        statuses.add(response.status_code)
        assert response_problems(DOCUMENT, method, url, response) == [], (method, url, response.get_json())
    assert statuses == {200, 400, 401, 403}


def test_a_rate_limited_answer_matches_the_document(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "1 per minute")
    headers = bearer(world["tokens"]["all"])
    client.get("/api/v1/departures", headers=headers)
    response = client.get("/api/v1/departures", headers=headers)
    assert response.status_code == 429
    assert response_problems(DOCUMENT, "GET", "/api/v1/departures", response) == []


# --- generated requests, in the spirit of schemathesis ----------------------------------------------

PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
texts = st.text(max_size=80)
values = st.one_of(st.none(), texts, st.integers(), st.booleans(), st.lists(st.integers(), max_size=2),
                   st.from_regex(r"\A[0-9]{16}\Z"), st.from_regex(r"\A[0-9a-f]{64}\Z"),
                   st.from_regex(r"\A[A-Z][0-9]{7}\Z"))
bodies = st.one_of(st.none(), values, st.dictionaries(
    st.sampled_from(["nik", "nik_hash", "passport_number", "name", ""]), values, max_size=3))
dates = st.one_of(st.dates().map(str), texts)
queries = st.dictionaries(st.sampled_from(["from", "to", "page", "per_page", "other"]),
                          st.one_of(dates, st.integers(-5, 200_000).map(str)), max_size=4)
codes = st.one_of(texts.filter(lambda c: c.strip("/") == c and "/" not in c and c not in ("", ".", "..")),
                  st.from_regex(r"\AJBT-[3-9A-Z]{4}-[3-9A-Z]{4}\Z"))


@pytest.fixture
def generous(app, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "100000 per minute")


def conforms(response, method: str, url: str) -> None:
    assert response.status_code < 500, (method, url)
    assert response_problems(DOCUMENT, method, url, response) == [], (method, url, response.get_data()[:300])


@PROPERTY
@given(body=bodies)
def test_no_lookup_body_breaks_the_server_or_the_document(client, world, generous, body):
    headers = {**bearer(world["tokens"]["all"]), "Content-Type": "application/json"}
    response = client.post("/api/v1/lookup", headers=headers, data=json.dumps(body))
    conforms(response, "POST", "/api/v1/lookup")


@PROPERTY
@given(query=queries)
def test_no_departures_query_breaks_the_server_or_the_document(client, world, generous, query):
    url = "/api/v1/departures?" + urlencode(query)
    conforms(client.get(url, headers=bearer(world["tokens"]["all"])), "GET", url)


@PROPERTY
@given(code=codes)
def test_no_opening_code_breaks_the_server_or_the_document(client, world, generous, code):
    url = "/api/v1/openings/" + quote(code, safe="")
    assert operation_for(DOCUMENT, "GET", url.removeprefix(PREFIX)) is not None
    conforms(client.get(url, headers=bearer(world["tokens"]["all"])), "GET", url)
