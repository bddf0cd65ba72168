"""A user's own preferences."""
from app.extensions import db
from app.models import User


def set_locale(user: User, locale: str) -> None:
    """Remember the interface language a user chose, for every device they log in from."""
    user.locale = locale
    db.session.commit()
