"""The scan configuration (CSRF and rate limits off, for `make security`) can never be what production runs,
and the planted SQL injection that proves the scan lives only in the test and scan configurations."""
import pytest
from cryptography.fernet import Fernet

from app import create_app
from app.config import DevelopmentConfig, ProductionConfig, ScanConfig, config_from_environment
from app.extensions import limiter
from tests.services.helpers_applications import make_opening

PLANTED = "sql_injection_in_search"


@pytest.fixture(autouse=True)
def limiter_left_as_found():
    """Flask-Limiter keeps `enabled` on its one global object: a scan app switches it off for every app."""
    enabled = limiter.enabled
    yield
    limiter.enabled = enabled


@pytest.fixture
def environment(monkeypatch, tmp_path):
    """A clean environment with keys, an instance folder, and a database URL to choose."""
    for name in ("APP_ENV", "SCAN_PLANTED_BUG", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JEMBATAN_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATA_KEY", Fernet.generate_key().decode())

    def database(name: str) -> None:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / name}")
    return monkeypatch, database


@pytest.mark.parametrize("app_env, chosen", [
    (None, DevelopmentConfig), ("production", ProductionConfig), ("scan", ScanConfig), ("Scan", DevelopmentConfig),
    ("test", DevelopmentConfig),
])
def test_only_app_env_scan_chooses_the_scan_configuration(environment, app_env, chosen):
    monkeypatch, _ = environment
    if app_env:
        monkeypatch.setenv("APP_ENV", app_env)
    assert config_from_environment() is chosen


def test_production_and_development_keep_csrf_and_rate_limits_on(environment):
    monkeypatch, database = environment
    database("jembatan.db")
    for config in (ProductionConfig, DevelopmentConfig):
        app = create_app(config)
        assert app.config["WTF_CSRF_ENABLED"] is True
        assert app.config.get("RATELIMIT_ENABLED", True) is True and app.config["PLANTED_BUG"] is None


def test_the_scan_configuration_turns_off_csrf_and_rate_limits_only_for_itself(environment):
    monkeypatch, database = environment
    database("jembatan_scan.db")
    app = create_app(ScanConfig)
    assert app.config["WTF_CSRF_ENABLED"] is False and app.config["RATELIMIT_ENABLED"] is False
    assert ProductionConfig.WTF_CSRF_ENABLED is True and DevelopmentConfig.WTF_CSRF_ENABLED is True


@pytest.mark.parametrize("url", ["", "sqlite:///{tmp}/jembatan.db", "postgresql://u@db.example/jembatan",
                                 "postgresql://u@scan.example/jembatan", "not a url"])
def test_the_scan_configuration_refuses_a_database_not_named_for_the_scan(environment, tmp_path, url):
    monkeypatch, _ = environment
    monkeypatch.setenv("DATABASE_URL", url.format(tmp=tmp_path))
    with pytest.raises(RuntimeError, match='"scan" in its name'):
        create_app(ScanConfig)


def test_production_refuses_to_start_when_a_planted_bug_is_asked_for(environment):
    monkeypatch, database = environment
    database("jembatan.db")
    monkeypatch.setenv("SCAN_PLANTED_BUG", PLANTED)
    with pytest.raises(RuntimeError, match="SCAN_PLANTED_BUG"):
        create_app(ProductionConfig)


def test_only_the_scan_configuration_reads_a_planted_bug_from_the_environment(environment):
    monkeypatch, database = environment
    monkeypatch.setenv("SCAN_PLANTED_BUG", PLANTED)
    database("jembatan.db")
    assert create_app(DevelopmentConfig).config["PLANTED_BUG"] is None
    database("scan.db")
    assert create_app(ScanConfig).config["PLANTED_BUG"] == PLANTED
    monkeypatch.setenv("SCAN_PLANTED_BUG", "no_such_bug")
    with pytest.raises(RuntimeError, match="unknown planted bug"):
        create_app(ScanConfig)


@pytest.mark.parametrize("config", [DevelopmentConfig, ProductionConfig])
def test_the_planted_sql_injection_cannot_be_set_in_code_outside_test_and_scan(environment, config):
    monkeypatch, database = environment
    database("jembatan.db")
    with pytest.raises(RuntimeError, match="only allowed in the test configuration or the scan configuration"):
        create_app(config, {"PLANTED_BUG": PLANTED})


# --- the planted defect itself: real, and absent unless planted -----------------------------------

INJECTION = "XX' OR '1'='1"


@pytest.fixture
def openings_in_two_countries(db):
    return {make_opening(country_code="JP").code, make_opening(country_code="KR").code}


def test_with_the_planted_bug_the_country_filter_is_injectable(app, client, monkeypatch, openings_in_two_countries):
    monkeypatch.setitem(app.config, "PLANTED_BUG", PLANTED)
    page = client.get("/openings", query_string={"country": INJECTION}).get_data(as_text=True)
    assert all(code in page for code in openings_in_two_countries)  # every country's openings: the OR won
    assert client.get("/openings", query_string={"country": "XX' AND '1'='2"}).get_data(as_text=True).count("<li>") == 0


def test_without_it_the_same_text_is_only_a_country_that_does_not_exist(client, openings_in_two_countries):
    response = client.get("/openings", query_string={"country": INJECTION})
    assert response.status_code == 200
    assert not any(code in response.get_data(as_text=True) for code in openings_in_two_countries)
