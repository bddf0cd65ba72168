"""Flask-Login wiring: the session cookie carries a login-session token, checked on every request."""
from sqlalchemy import select

from app.domain.clock import utcnow
from app.extensions import db
from app.models import LoginSession


def load_user_from_session_token(token: str):
    login = db.session.scalar(select(LoginSession).where(LoginSession.token == token))
    if login is None or login.revoked_at is not None or not login.user.is_enabled:
        return None
    user = login.user
    user.current_session = login
    now = utcnow()
    if (now - login.last_seen_at).total_seconds() > 300:
        login.last_seen_at = now
        db.session.commit()
    return user


def init_login_manager(login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_from_session_token)
