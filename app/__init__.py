"""Jembatan: an official, monitored channel to work abroad through partner cities."""
import os

from flask import Flask

from app.config import config_from_environment


def create_app(config_class=None, settings: dict | None = None) -> Flask:
    """Build the app; reads like a table of contents."""
    instance = os.environ.get("JEMBATAN_INSTANCE_PATH")
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True,
                instance_path=os.path.abspath(instance) if instance else None)
    config_class = config_class or config_from_environment()
    app.config.from_object(config_class)
    app.config.update(settings or {})
    config_class.init_app(app)
    from app.security.planted import check_allowed
    check_allowed(app)
    register_converters(app)
    register_extensions(app)
    register_database_events(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    register_logging(app)
    register_proxy(app)
    return app


def register_proxy(app):
    """Behind TRUSTED_PROXIES reverse proxies, the visitor's address is the one they put in X-Forwarded-For.

    Without it every visitor would share the proxy's address, and so one budget of every per-address
    rate limit (login, Cek Tawaran, opening codes). Only that many hops are trusted: a header a visitor
    forges themselves is never believed beyond them."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)


def register_converters(app):
    from app.web.converters import BoundedIntConverter
    app.url_map.converters["int"] = BoundedIntConverter


def register_extensions(app):
    from app import models  # noqa: F401  (registers every table with the metadata)
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.security.headers import init_security_headers
    from app.web.i18n import select_locale, select_timezone

    db.init_app(app)
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=migrations, render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    limiter.init_app(app)
    init_security_headers(app)
    from app.web.auth.sessions import init_login_manager
    init_login_manager(login_manager)


def register_database_events(app):
    from app.services.database import configure_engine_events
    from app.services.matcher.changes import install_change_tracking
    with app.app_context():
        configure_engine_events(app)
    install_change_tracking()


def register_blueprints(app):
    from app.web import register_all
    register_all(app)


def register_error_handlers(app):
    from app.web.errors import register
    register(app)


def register_template_helpers(app):
    from app.web.template_helpers import register
    register(app)


def register_commands(app):
    from app.cli import register
    register(app)


def register_logging(app):
    from app.security.logging import configure_logging
    configure_logging(app)
