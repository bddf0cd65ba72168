"""The ranking model page: the serving model, every trained version beside the default, promotion and rollback."""
import pytest
from sqlalchemy import select

from app.domain.matching.scoring import DEFAULT_WEIGHTS
from app.extensions import db as _db
from app.models import AuditEntry, RankingModel
from app.services.matcher.scorers import EXTENSION, serving_scorer
from tests.services.helpers_models import make_model

WORSE = {"EXPERIENCE_YEARS": 1.0}


@pytest.fixture(autouse=True)
def models_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "RANKING_MODELS_FOLDER", str(tmp_path / "models"))
    app.extensions.pop(EXTENSION, None)
    yield
    app.extensions.pop(EXTENSION, None)


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator", locale="en", display_name="Rina Coordinator")


def page(client) -> str:
    response = client.get("/coordinator/ranking-model")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def promote(client, model_id: int, serving: str) -> str:
    response = client.post(f"/coordinator/ranking-model/{model_id}/promote", data={"serving": serving},
                           follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_without_a_model_the_page_says_the_default_serves_and_how_a_model_is_trained(client, db, coordinator):
    html = page(client)
    assert "Serving now: the default weights (default-v1)" in html
    assert "No model has been trained yet." in html and "flask match train" in html
    assert "NDCG@10 says, from 0 to 1" in html


def test_each_trained_version_shows_its_metrics_and_its_weights_beside_the_default(client, db, coordinator):
    make_model("learned-20260601-1", DEFAULT_WEIGHTS | {"PREFERENCE_FIT": 0.14})
    html = page(client)
    assert "learned-20260601-1" in html and "Trained" in html
    assert "30 graded applications on 5 openings" in html and "Held-out openings" in html
    assert "Required skills" in html and "Experience in the occupation" in html
    assert "36.0%" in html  # the default weight of the required skills, as a share
    assert "Promote learned-20260601-1" in html and 'name="csrf_token"' in html
    assert 'name="serving" value="default-v1"' in html


def test_promoting_a_model_no_worse_than_the_default_makes_it_serve_and_is_shown_with_who_and_when(
        client, db, coordinator):
    model = make_model("learned-20260601-1", DEFAULT_WEIGHTS)
    html = promote(client, model.id, "default-v1")
    assert "learned-20260601-1 now orders every ranking" in html
    assert "Serving now: learned-20260601-1" in html and "Promoted by Rina Coordinator" in html
    assert "Promoted learned-20260601-1 in place of default-v1" in html and "Roll back" in html
    assert serving_scorer().name == "learned-20260601-1"
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "ranking_model_promoted"))
    assert entry.actor_id == coordinator


def test_a_model_worse_than_the_serving_one_is_not_promoted_and_the_page_says_why(client, db, coordinator):
    model = make_model("learned-20260601-1", WORSE)
    html = promote(client, model.id, "default-v1")
    assert "learned-20260601-1 was not promoted" in html and "below the" in html
    assert "Serving now: the default weights" in html
    assert _db.session.get(RankingModel, model.id).status == "trained"


def test_rolling_back_returns_to_the_default_and_is_listed_among_the_changes(client, db, coordinator):
    model = make_model("learned-20260601-1", DEFAULT_WEIGHTS)
    promote(client, model.id, "default-v1")
    response = client.post("/coordinator/ranking-model/rollback", data={"serving": "learned-20260601-1"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Rolled back: default-v1 orders every ranking again." in html
    assert "Rolled back learned-20260601-1 to default-v1." in html and "Retired" in html
    assert serving_scorer().name == "default-v1"


def test_a_stale_page_changes_nothing(client, db, coordinator):
    first, second = make_model("learned-20260601-1", DEFAULT_WEIGHTS), make_model("learned-20260601-2",
                                                                                   DEFAULT_WEIGHTS)
    promote(client, first.id, "default-v1")
    html = promote(client, second.id, "default-v1")  # from a page opened before the first promotion
    assert "the serving model changed meanwhile (it is now learned-20260601-1)" in html
    assert serving_scorer().name == "learned-20260601-1"


def test_an_unknown_model_is_not_found(client, db, coordinator):
    assert client.post("/coordinator/ranking-model/999/promote", data={"serving": "default-v1"}).status_code == 404
