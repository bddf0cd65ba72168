"""Accounts: passwords, login sessions, password change and reset."""
import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain.clock import utcnow
from app.domain.nik import normalise_nik
from app.extensions import db
from app.models import LoginSession, SeekerProfile, User
from app.security.crypto import keyed_hash
from app.security.planted import is_planted
from app.services import audit
from app.services.audit import Actor


class AccountError(Exception):
    """A refused account action; `code` says why, the web layer words it."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


# A real hash to compare against when no account matches, so a wrong e-mail costs the same
# time as a wrong password and answers cannot be told apart.
_DUMMY_HASH: dict[str, str] = {}


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH:
        _DUMMY_HASH[method] = generate_password_hash(secrets.token_hex(8), method=method)
    return _DUMMY_HASH[method]


def find_login_user(identifier: str) -> User | None:
    """A user by e-mail, or a seeker by NIK."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return db.session.scalar(select(User).where(User.email == identifier.lower()))
    nik = normalise_nik(identifier)
    if len(nik) == 16 and nik.isdigit():
        seeker = db.session.scalar(select(SeekerProfile).where(SeekerProfile.nik_hash == keyed_hash(nik, "nik")))
        return seeker.user if seeker else None
    return None


def authenticate(identifier: str, password: str, remote_addr: str | None) -> User:
    """Check the password and open a new login session (a fresh token each login)."""
    if is_planted("log_login_identifier"):
        current_app.logger.info("login attempt for %s", identifier)
    user = find_login_user(identifier)
    if user is None or not user.password_hash:
        check_password_hash(_dummy_hash(), password)
        raise AccountError("bad_credentials")
    if not check_password_hash(user.password_hash, password):
        audit.record_now(Actor(user.id, f"{user.role}:{user.id}", remote_addr), "login_failed", user)
        raise AccountError("bad_credentials")
    if not user.is_enabled:
        raise AccountError("disabled")
    return open_session(user, remote_addr)


def open_session(user: User, remote_addr: str | None) -> User:
    """A new login session with a fresh random token: the session id changes at every login.

    Returns the user carrying it, ready for `login_user` (which stores the token in the cookie)."""
    login = LoginSession(token=secrets.token_urlsafe(32), user=user)
    user.last_login_at = utcnow()
    user.current_session = login
    db.session.add(login)
    audit.record(Actor.for_user(user, remote_addr), "login", user)
    db.session.commit()
    return user


def end_session(user: User, remote_addr: str | None) -> None:
    """Revoke this login's token: the old cookie, even if replayed, no longer logs anyone in."""
    if user.current_session is not None:
        user.current_session.revoked_at = utcnow()
    audit.record(Actor.for_user(user, remote_addr), "logout", user)
    db.session.commit()


def change_password(user: User, current: str, new: str, remote_addr: str | None) -> None:
    if not user.password_hash or not check_password_hash(user.password_hash, current):
        raise AccountError("wrong_current_password")
    _set_password(user, new)
    audit.record(Actor.for_user(user, remote_addr), "password_changed", user)
    db.session.commit()


def _set_password(user: User, new: str) -> None:
    user.password_hash = hash_password(new)
    # Every other login of this account ends with a password change.
    for login in db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id,
                                                               LoginSession.revoked_at.is_(None))):
        if login is not user.current_session:
            login.revoked_at = utcnow()


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _password_fingerprint(user: User) -> str:
    # Part of the token: once the password changes, the token no longer matches (single use).
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _reset_serializer().dumps({"u": user.id, "p": _password_fingerprint(user)})


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _reset_serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.is_enabled or data.get("p") != _password_fingerprint(user):
        return None
    return user


def reset_password(token: str, new: str, remote_addr: str | None) -> User:
    user = user_for_reset_token(token)
    if user is None:
        raise AccountError("bad_token")
    _set_password(user, new)
    audit.record(Actor.for_user(user, remote_addr), "password_reset", user)
    db.session.commit()
    return user


def request_password_reset(email: str, make_link) -> None:
    """Mail a reset link if an account has this e-mail; say nothing either way (no account probing)."""
    from flask_babel import gettext as _

    from app.services.mail import send_mail
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None or not user.is_enabled:
        return
    link = make_link(make_reset_token(user))
    send_mail(user.email, _("Reset your Jembatan password"),
              _("Someone asked to reset the password of your Jembatan account.\n\n"
                "To choose a new password, open this link within one hour:\n%(link)s\n\n"
                "If it was not you, ignore this message: your password stays the same.", link=link))
    audit.record_now(Actor.system("password-reset"), "password_reset_requested", user)


def create_user(email: str | None, password: str | None, role: str, display_name: str, **fields) -> User:
    """Add a user to the session (the caller commits); e-mails are stored lower-case."""
    email = email.strip().lower() if email else None
    if email and db.session.scalar(select(User.id).where(User.email == email)):
        raise AccountError("email_taken")
    user = User(email=email, password_hash=hash_password(password) if password else None, role=role,
                display_name=display_name, **fields)
    db.session.add(user)
    return user
