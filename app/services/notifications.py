"""Telling people what happened: in the app, and by e-mail when they have one.

Messages are stored as a kind and parameters and worded when shown, in the reader's language.
"""
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.domain.clock import utcnow
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
    "opening_approved": _l("Your opening \"%(title)s\" is approved. Its verification code is %(code)s: print it "
                           "on every offer."),
    "opening_changes_requested": _l("A coordinator asked for changes to your opening \"%(title)s\". See the "
                                    "reasons on its page."),
    "stage_changed": _l("Your application for \"%(opening)s\" is now: %(stage)s."),
    "checkin_due": _l("It is time to report your condition. It takes one minute."),
    "checkin_reminder": _l("Reminder: please report your condition. If you need help, choose \"I need help\"."),
    "training_enrolled": _l("You are enrolled in the training \"%(programme)s\". It starts on %(starts)s."),
    "training_waitlisted": _l("The training \"%(programme)s\" is full. You are number %(position)s on the "
                              "waiting list; we will tell you when a place opens."),
    "training_promoted": _l("A place opened: you are now enrolled in the training \"%(programme)s\". It starts "
                            "on %(starts)s."),
    "training_passed": _l("You passed the training \"%(programme)s\". Your certificate %(scheme)s no. "
                          "%(number)s is recorded and verified."),
    "training_failed": _l("You did not pass the training \"%(programme)s\" this time. Ask Disnaker about the "
                          "next cohort."),
    "invited_to_apply": _l("An employer in %(city)s would like you to apply for \"%(title)s\". Read the "
                           "opening and apply if you want the job: nothing is decided until you apply."),
    "review_answered": _l("A person at Disnaker checked your matches, as you asked. Read the answer on the "
                          "\"My matches\" page."),
}
SUBJECT = _l("News from Jembatan")


def recent_for(user: User, limit: int = 50) -> list[Notification]:
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id.desc()).limit(limit)).all()


def unread_count(user: User) -> int:
    return db.session.scalar(select(func.count(Notification.id))
                             .where(Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_all_read(user: User) -> None:
    """Mark the user's notifications read (only their own: the query is scoped to them)."""
    db.session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                       .values(read_at=utcnow()))
    db.session.commit()


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
