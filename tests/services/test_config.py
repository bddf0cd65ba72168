"""Configuration: development keeps its keys in instance/, production refuses to start without its own."""
import pytest

from app import create_app
from app.config import DevelopmentConfig, ProductionConfig, normalise_database_url


def test_development_generates_its_keys_once_and_every_process_shares_them(tmp_path, monkeypatch):
    monkeypatch.setenv("JEMBATAN_INSTANCE_PATH", str(tmp_path))
    for name in ("SECRET_KEY", "DATA_KEY", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    first, second = create_app(DevelopmentConfig), create_app(DevelopmentConfig)
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert first.config["DATA_KEY"] == second.config["DATA_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'jembatan.db'}"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATA_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_each_required_variable(missing, monkeypatch, tmp_path):
    monkeypatch.setenv("JEMBATAN_INSTANCE_PATH", str(tmp_path))
    values = {"SECRET_KEY": "s" * 64, "DATA_KEY": "ZWv0nz9F25cuH9D2eqUh40xZDLfFNsJ_NZlEUi1iAgI=",
              "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    with pytest.raises(RuntimeError, match=missing):
        create_app(ProductionConfig)


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("JEMBATAN_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATA_KEY", "ZWv0nz9F25cuH9D2eqUh40xZDLfFNsJ_NZlEUi1iAgI=")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    app = create_app(ProductionConfig)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]


@pytest.mark.parametrize("url, expected", [
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_database_urls_use_the_shipped_driver(url, expected):
    assert normalise_database_url(url) == expected
