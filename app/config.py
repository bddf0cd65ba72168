"""Configuration classes: development (default), production, tests, and the security scans' target."""
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

BASE_DIR = Path(__file__).resolve().parent.parent
SCAN_PLANTED_BUG_VARIABLE = "SCAN_PLANTED_BUG"  # read by ScanConfig alone; production refuses to start with it


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
    # The Disnaker office's contact, shown to seekers and on Cek Tawaran only when set (no number is made up).
    DISNAKER_ADDRESS = os.environ.get("DISNAKER_ADDRESS")
    DISNAKER_PHONE = os.environ.get("DISNAKER_PHONE")
    DISNAKER_EMAIL = os.environ.get("DISNAKER_EMAIL")
    DISNAKER_HOURS = os.environ.get("DISNAKER_HOURS")
    KP2MI_HOTLINE = os.environ.get("KP2MI_HOTLINE")
    # How many reverse proxies in front of gunicorn add X-Forwarded-For (0: none, the address is the peer's).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0") or 0)
    FORCE_HTTPS = False
    PLANTED_BUG = None  # only the test and scan configurations may set this; see app/security/planted.py

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
        if os.environ.get(SCAN_PLANTED_BUG_VARIABLE):
            raise RuntimeError(f"Production refuses to start with {SCAN_PLANTED_BUG_VARIABLE} set")
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


def _is_scan_database(url: str) -> bool:
    """A database made for the scans: its name (or SQLite file name) says "scan"."""
    try:
        name = make_url(url).database or ""
    except ArgumentError:
        return False
    return "scan" in Path(name).name.lower()


class ScanConfig(DevelopmentConfig):
    """The target of `make security` (tests/scans/run.sh): a throwaway instance that sqlmap attacks.

    CSRF and rate limits are off so that every probe reaches the code behind the form, and
    passwords hash fast; everything else is the development configuration. Chosen only by
    APP_ENV=scan, it refuses to start on a database whose name does not say "scan", so it can
    never be pointed at a real one. Only here can the environment plant a defect (SCAN_PLANTED_BUG),
    to prove the scanner finds one; production refuses to start when that variable is set.
    """
    CONFIG_NAME = "scan"
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105 (throwaway scan database only)
    SHOW_DEMO_BANNER = True

    @classmethod
    def init_app(cls, app):
        if not _is_scan_database(os.environ.get("DATABASE_URL", "")):
            raise RuntimeError('The scan configuration needs DATABASE_URL naming a database with "scan" in its name')
        super().init_app(app)
        app.config["PLANTED_BUG"] = os.environ.get(SCAN_PLANTED_BUG_VARIABLE) or None


def config_from_environment():
    """The config class named by APP_ENV: development unless it says production (or scan, for `make security`)."""
    return {"production": ProductionConfig, "scan": ScanConfig}.get(os.environ.get("APP_ENV", ""), DevelopmentConfig)
