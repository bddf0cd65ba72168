"""Configuration classes: development (default), production and tests."""
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at the psycopg 3 driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    APP_NAME = "Jembatan"
    LANGUAGES = ("id", "en")
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "fixed-window"
    LOGIN_RATE_LIMIT = "5 per minute"
    RESET_RATE_LIMIT = "5 per hour"
    PASSWORD_MIN_LENGTH = 12
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 (a hash method's name, not a password)
    PASSWORD_RESET_MAX_AGE = 3600
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "jembatan@localhost")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_OUTBOX = None  # a folder: mails are written there as files instead of sent
    NIK_EXCHANGE_KEY = os.environ.get("NIK_EXCHANGE_KEY", "")
    FORCE_HTTPS = False
    PLANTED_BUG = None  # only TestConfig may set this; see app/security/planted.py

    @classmethod
    def init_app(cls, app):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config.setdefault("UPLOAD_FOLDER", os.path.join(app.instance_path, "uploads"))


def _instance_secret(instance: Path, name: str, make) -> str:
    """Read a key kept in instance/, creating it once so every process shares it."""
    path = instance / name
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
    return path.read_text().strip()


class DevelopmentConfig(Config):
    DEBUG = False
    SHOW_DEMO_BANNER = True  # `make run` loads demo data: say so on every page

    @classmethod
    def init_app(cls, app):
        super().init_app(app)
        instance = Path(app.instance_path)
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _instance_secret(
            instance, "secret_key", lambda: secrets.token_hex(32))
        app.config["DATA_KEY"] = os.environ.get("DATA_KEY") or _instance_secret(
            instance, "data_key", lambda: Fernet.generate_key().decode())
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'jembatan.db'}"
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
        app.config["MAIL_OUTBOX"] = str(instance / "outbox")
        app.config.setdefault("NIK_EXCHANGE_KEY", "development-exchange-key")


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "0") == "1"
    SHOW_DEMO_BANNER = os.environ.get("SHOW_DEMO_BANNER", "0") == "1"
    REQUIRED = ("SECRET_KEY", "DATA_KEY", "DATABASE_URL")

    @classmethod
    def init_app(cls, app):
        missing = [name for name in cls.REQUIRED if not os.environ.get(name)]
        if missing:
            raise RuntimeError("Production needs these environment variables: " + ", ".join(missing))
        super().init_app(app)
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
        app.config["DATA_KEY"] = os.environ["DATA_KEY"]
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(os.environ["DATABASE_URL"])
        if os.environ.get("UPLOAD_FOLDER"):
            app.config["UPLOAD_FOLDER"] = os.environ["UPLOAD_FOLDER"]
        if os.environ.get("MAIL_OUTBOX"):
            app.config["MAIL_OUTBOX"] = os.environ["MAIL_OUTBOX"]


class TestConfig(Config):
    CONFIG_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105 (TestConfig only)
    DATA_KEY = "ZWv0nz9F25cuH9D2eqUh40xZDLfFNsJ_NZlEUi1iAgI="
    NIK_EXCHANGE_KEY = "test-exchange-key"
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105 (fast in tests; production keeps scrypt)
    RATELIMIT_ENABLED = True

    @classmethod
    def init_app(cls, app):
        super().init_app(app)
        url = os.environ.get("TEST_DATABASE_URL") or "sqlite:///" + os.path.join(app.instance_path, "test.db")
        app.config.setdefault("SQLALCHEMY_DATABASE_URI", normalise_database_url(url))
        if not app.config.get("MAIL_OUTBOX"):  # tests never send real mail
            app.config["MAIL_OUTBOX"] = os.path.join(app.instance_path, "outbox")


def config_from_environment():
    """The config class named by APP_ENV: development unless it says production."""
    return ProductionConfig if os.environ.get("APP_ENV") == "production" else DevelopmentConfig
