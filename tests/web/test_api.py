"""The API over HTTP: bearer tokens and scopes, the rate limit per client, the fixed answer shape, JSON errors,
and the whole flow with a token made by `flask api-clients create`."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import Alert, AuditEntry
from app.services.catalogue import local_today
from tests.services.helpers_applications import make_opening
from tests.services.helpers_immigration import bearer, make_token, make_traveller

LOOKUP_KEYS = ["registered", "consent_to_share", "active_placement", "stage", "destination_country",
               "destination_city", "employer", "opening_code", "departure_date"]
ROUTES = [("POST", "/api/v1/lookup", "lookup"), ("GET", "/api/v1/departures", "departures"),
          ("GET", "/api/v1/openings/JBT-AAAA-AAAA", "openings")]


def call(client, method, url, token=None, **kwargs):
    headers = bearer(token) if token else {}
    return client.open(url, method=method, headers=headers, json={"nik": "1971010203040001"}
                       if method == "POST" else None, **kwargs)


@pytest.mark.parametrize("method, url, scope", ROUTES)
@pytest.mark.parametrize("header", [None, "Bearer", "Bearer jbt_wrong", "Basic dXNlcjpwYXNz", "jbt_token-alone"])
def test_without_a_valid_token_the_answer_is_401_with_a_bearer_challenge(client, db, method, url, scope, header):
    make_token()
    headers = {"Authorization": header} if header else {}
    response = client.open(url, method=method, headers=headers, json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("method, url, scope", ROUTES)
def test_a_revoked_token_is_401(client, db, runner, method, url, scope):
    token = make_token(name="Kanim")
    runner.invoke(args=["api-clients", "revoke", "Kanim"])
    assert call(client, method, url, token).status_code == 401


@pytest.mark.parametrize("method, url, scope", ROUTES)
def test_a_token_without_the_scope_is_403(client, db, method, url, scope):
    others = [s for s in ("lookup", "departures", "openings") if s != scope]
    response = call(client, method, url, make_token(*others))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden" and scope in response.get_json()["error"]["message"]
    assert call(client, method, url, make_token(scope)).status_code == 200


def test_a_logged_in_officer_without_a_token_is_still_refused(client, db, login_as):
    login_as("officer")
    assert call(client, "POST", "/api/v1/lookup").status_code == 401


def test_each_client_has_its_own_rate_limit_across_the_api(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", "3 per minute")
    busy, other = make_token(), make_token()
    statuses = [call(client, method, url, busy).status_code for method, url, _ in ROUTES]
    refused = call(client, "POST", "/api/v1/lookup", busy)
    assert statuses == [200, 200, 200] and refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert call(client, "POST", "/api/v1/lookup", other).status_code == 200


# --- look-ups ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["nik", "nik_hash", "passport_number"])
def test_a_look_up_by_each_identifier_answers_the_agreed_keys(client, db, kind):
    traveller = make_traveller("documents_verified", departure_date=local_today() + timedelta(days=9))
    value = {"nik": traveller.nik, "nik_hash": traveller.nik_hash, "passport_number": traveller.passport}[kind]
    response = client.post("/api/v1/lookup", headers=bearer(make_token("lookup")), json={kind: value})
    assert response.status_code == 200
    body = response.get_json()
    assert sorted(body) == sorted(LOOKUP_KEYS)
    assert body == {"registered": True, "consent_to_share": True, "active_placement": True,
                    "stage": "documents_verified", "destination_country": "JP", "destination_city": "Toyama",
                    "employer": "Toyama Care Ltd", "opening_code": traveller.placement.opening.code,
                    "departure_date": (local_today() + timedelta(days=9)).isoformat()}
    assert response.headers["Cache-Control"] == "no-store"


def test_unknown_people_and_people_who_did_not_consent_get_the_same_keys(client, db):
    silent, token = make_traveller("departed", consent=False), make_token("lookup")
    unknown = client.post("/api/v1/lookup", headers=bearer(token), json={"nik": "1971010203049999"}).get_json()
    hidden = client.post("/api/v1/lookup", headers=bearer(token), json={"nik": silent.nik}).get_json()
    assert sorted(unknown) == sorted(hidden) == sorted(LOOKUP_KEYS)
    assert unknown == {**dict.fromkeys(LOOKUP_KEYS), "registered": False, "active_placement": False}
    assert hidden == {**dict.fromkeys(LOOKUP_KEYS), "registered": True, "consent_to_share": False,
                      "active_placement": False}


@pytest.mark.parametrize("body, code", [
    (None, "bad_request"),
    ([], "bad_request"),
    ({}, "bad_request"),
    ({"nik": "1971010203040001", "passport_number": "E1234567"}, "bad_request"),
    ({"nik": "12345"}, "bad_nik"),
    ({"nik_hash": "xyz"}, "bad_nik_hash"),
    ({"passport_number": "?"}, "bad_passport_number"),
])
def test_a_malformed_look_up_is_400_json_saying_what_to_fix(client, db, body, code):
    response = client.post("/api/v1/lookup", headers=bearer(make_token("lookup")), json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code and response.get_json()["error"]["message"]


def test_a_body_that_is_not_json_is_400_json(client, db):
    response = client.post("/api/v1/lookup", headers={**bearer(make_token("lookup")), "Content-Type": "text/plain"},
                           data="nik=1971010203040001")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"


def test_a_hash_look_up_without_an_exchange_key_says_so(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "NIK_EXCHANGE_KEY", "")
    response = client.post("/api/v1/lookup", headers=bearer(make_token("lookup")), json={"nik_hash": "a" * 64})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "nik_hash_not_supported"


def test_a_look_up_of_a_registered_seeker_without_a_placement_alerts_coordinators_once(client, db):
    traveller = make_traveller(stage=None)
    token = make_token("lookup")
    for _ in range(2):
        client.post("/api/v1/lookup", headers=bearer(token), json={"passport_number": traveller.passport})
    raised = db.session.scalars(select(Alert)).all()
    assert [(a.kind, a.seeker_id) for a in raised] == [("immigration_lookup", traveller.seeker.id)]


# --- departures and openings ---------------------------------------------------------------------

def test_departures_are_listed_in_the_window_and_paged(client, db):
    opening = make_opening(positions=10)
    today = local_today()
    travellers = [make_traveller("documents_verified", departure_date=today + timedelta(days=d), opening=opening)
                  for d in (1, 2, 3)]
    token = make_token("departures")
    response = client.get(f"/api/v1/departures?from={today}&to={today + timedelta(days=2)}&per_page=1&page=2",
                          headers=bearer(token))
    body = response.get_json()
    assert response.status_code == 200
    assert (body["page"], body["per_page"], body["total"]) == (2, 1, 2)
    assert [item["nik_hash"] for item in body["items"]] == [travellers[1].nik_hash]
    assert sorted(body["items"][0]) == sorted([*LOOKUP_KEYS, "nik_hash"])
    default = client.get("/api/v1/departures", headers=bearer(token)).get_json()
    assert default["total"] == 3 and default["per_page"] == 100


@pytest.mark.parametrize("query, code", [
    ("from=2026-02-30", "bad_date"), ("to=soon", "bad_date"), ("from=2026-03-10&to=2026-03-01", "bad_window"),
    ("from=2026-01-01&to=2028-01-01", "bad_window"), ("page=0", "bad_page"), ("page=x", "bad_page"),
    ("per_page=101", "bad_page"), ("per_page=-1", "bad_page"), ("page=99999999999999999999", "bad_page"),
])
def test_bad_departures_parameters_are_400_json(client, db, query, code):
    response = client.get(f"/api/v1/departures?{query}", headers=bearer(make_token("departures")))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code


def test_an_opening_code_is_verified_and_an_unknown_one_is_not_valid(client, db):
    opening = make_opening()
    token = make_token("openings")
    found = client.get(f"/api/v1/openings/{opening.code.lower()}", headers=bearer(token)).get_json()
    assert found == {"valid": True, "code": opening.code, "status": "approved",
                     "employer": opening.employer.legal_name, "city": "Toyama", "country": "JP"}
    unknown = client.get("/api/v1/openings/JBT-AAAA-AAAA", headers=bearer(token))
    assert unknown.status_code == 200 and unknown.get_json()["valid"] is False
    assert unknown.get_json()["status"] == "unknown"


# --- the whole flow, as `curl` would do it --------------------------------------------------------

def test_a_token_from_the_command_line_works_end_to_end_and_every_call_is_audited(client, db, runner):
    result = runner.invoke(args=["api-clients", "create", "--name", "Kanim Pangkalpinang",
                                 "--scopes", "lookup,departures,openings"])
    token = result.stdout.splitlines()[-1]
    traveller = make_traveller("documents_verified", departure_date=local_today() + timedelta(days=4))
    unplaced = make_traveller(stage=None)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    answers = [
        client.post("/api/v1/lookup", headers=headers, json={"nik": traveller.nik}),
        client.post("/api/v1/lookup", headers=headers, json={"nik_hash": traveller.nik_hash}),
        client.post("/api/v1/lookup", headers=headers, json={"passport_number": unplaced.passport}),
        client.get("/api/v1/departures", headers=headers),
        client.get(f"/api/v1/openings/{traveller.placement.opening.code}", headers=headers),
    ]
    assert [r.status_code for r in answers] == [200] * 5
    assert answers[0].get_json()["active_placement"] and answers[1].get_json() == answers[0].get_json()
    assert answers[2].get_json()["active_placement"] is False
    assert answers[3].get_json()["total"] == 1 and answers[4].get_json()["valid"]
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.actor_label.like("api:%"))
                                 .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["api_lookup", "api_lookup", "alert_raised", "api_lookup",
                                           "api_departures", "api_opening"]
    assert db.session.scalar(select(Alert.seeker_id)) == unplaced.seeker.id
    logged = json.dumps([e.details for e in db.session.scalars(select(AuditEntry))])
    for secret in (token, traveller.nik, traveller.nik_hash, traveller.passport, unplaced.passport, unplaced.nik):
        assert secret not in logged
