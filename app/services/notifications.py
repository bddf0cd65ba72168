"""Telling people what happened: in the app, and by e-mail when they have one.

Messages are stored as a kind and parameters and worded when shown, in the reader's language.
"""
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Notification, User
from app.services.mail import send_mail

MESSAGES = {
    "certification_verified": _l("Your certificate %(scheme)s no. %(number)s is verified."),
    "certification_rejected": _l("Your certificate %(scheme)s no. %(number)s was not accepted: %(reason)s"),
    "document_verified": _l("Your document \"%(kind)s\" is verified."),
    "document_rejected": _l("Your document \"%(kind)s\" was not accepted: %(reason)s"),
    "erasure_confirmed": _l("Your account and personal data have been erased, as you asked."),
    "erasure_refused": _l("Your request to erase your account was not carried out: %(reason)s"),
    "stage_changed": _l("Your application for \"%(opening)s\" is now: %(stage)s."),
}
SUBJECT = _l("News from Jembatan")


def message_text(kind: str, params: dict) -> str:
    template = MESSAGES.get(kind)
    return str(template) % params if template else kind


def notify(user: User, kind: str, params: dict | None = None, link: str | None = None) -> Notification:
    """Add a notification (the calling service commits) and mail it if the user has an e-mail."""
    params = params or {}
    notification = Notification(user_id=user.id, kind=kind, params=params, link=link)
    db.session.add(notification)
    if user.email:
        with force_locale(user.locale or "id"):
            send_mail(user.email, str(SUBJECT), message_text(kind, params))
    return notification
