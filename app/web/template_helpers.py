"""Values and filters every template can use."""
from flask import current_app
from flask_babel import format_currency as babel_currency
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from app.security.crypto import mask
from app.web.labels import label


def format_money(amount, currency: str | None) -> str:
    if amount is None:
        return "—"
    if not currency:
        return format_decimal(amount)
    return babel_currency(amount, currency)


def register(app) -> None:
    app.jinja_env.filters.update(
        date=lambda value, fmt="medium": format_date(value, fmt) if value else "—",
        datetime=lambda value, fmt="medium": format_datetime(value, fmt) if value else "—",
        number=lambda value: format_decimal(value) if value is not None else "—",
        mask=mask,
    )
    app.jinja_env.globals.update(format_money=format_money, label=label,
                              has_endpoint=lambda name: name in current_app.view_functions)

    def unread_notifications() -> int:
        from flask_login import current_user

        from app.services.notifications import unread_count
        return unread_count(current_user) if current_user.is_authenticated else 0

    app.jinja_env.globals.update(unread_notifications=unread_notifications)

    @app.context_processor
    def inject_locale():
        return {"current_locale": str(get_locale()), "languages": current_app.config["LANGUAGES"]}
