"""Employers: verification by a coordinator, suspension, their details and their several users."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.domain.clock import utcnow
from app.domain.vocab import EMPLOYER_STATUSES, Role
from app.extensions import db
from app.models import AuditEntry, Employer, Opening, User
from app.services import audit, partners
from app.services.accounts import AccountError, create_user, make_reset_token
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.mail import send_mail
from app.services.registration import Problem

# Which status each decision starts from, and where it leads.
MOVES = {
    "verify": (("pending", "rejected"), "verified", "employer_verified"),
    "reject": (("pending",), "rejected", "employer_rejected"),
    "suspend": (("verified",), "suspended", "employer_suspended"),
    "reinstate": (("suspended",), "verified", "employer_reinstated"),
}
# An organisation may change its own details, and add colleagues, only while it is in good standing.
EDITABLE_STATUSES = ("pending", "verified")
CLOSED_BY_SUSPENSION = ("submitted", "approved")
DETAILS = ("legal_name", "registration_number", "address", "sector_code", "contact_person", "contact_email",
           "contact_phone", "website")


class EmployerRefused(Exception):
    """`code` is WRONG_STATUS, REASON_REQUIRED, NOT_EDITABLE or EMAIL_TAKEN; the web layer words it."""

    def __init__(self, code: str, problems: list[Problem] | None = None):
        super().__init__(code)
        self.code = code
        self.problems = problems or [Problem("", code)]


@dataclass
class OrganisationInput:
    legal_name: str
    registration_number: str | None = None
    address: str | None = None
    sector_code: str | None = None
    contact_person: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    website: str | None = None


def can_submit(employer: Employer, on: date | None = None) -> bool:
    """Whether the employer may submit openings: verified, under an agreement in force."""
    return employer.is_verified and partners.can_post(employer, on or local_today())


def counts_by_status() -> dict[str, int]:
    counts = dict(db.session.execute(select(Employer.status, func.count()).group_by(Employer.status)).all())
    return {status: counts.get(status, 0) for status in EMPLOYER_STATUSES}


def list_employers(status: str | None = None) -> list[Employer]:
    """Employers with their partner city, oldest registration first (the queue order)."""
    query = select(Employer).options(joinedload(Employer.partner_city)).order_by(Employer.created_at, Employer.id)
    if status:
        query = query.where(Employer.status == status)
    return list(db.session.scalars(query))


def users_of(employer: Employer) -> list[User]:
    return list(db.session.scalars(select(User).where(User.employer_id == employer.id, User.role == Role.EMPLOYER)
                                   .order_by(User.created_at, User.id)))


def openings_by_status(employer: Employer) -> dict[str, int]:
    return dict(db.session.execute(select(Opening.status, func.count()).where(Opening.employer_id == employer.id)
                                   .group_by(Opening.status)).all())


def history(employer: Employer) -> list[AuditEntry]:
    """What happened to this employer, newest first (look-ups of the record are left out)."""
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.object_type == Employer.__tablename__,
                                                            AuditEntry.object_id == str(employer.id),
                                                            AuditEntry.action != "employer_record_viewed")
                                   .order_by(AuditEntry.id.desc())))


def record_viewed(employer: Employer, by: Actor) -> None:
    """The record shows the names and e-mails of the employer's staff: the look-up is audited."""
    audit.record_now(by, "employer_record_viewed", employer)


def verify(employer: Employer, by: Actor) -> None:
    """Verify an organisation: its users can then submit openings (under an active agreement)."""
    _decide(employer, "verify", by, reason=None)


def reject(employer: Employer, reason: str, by: Actor) -> None:
    """Refuse to verify an organisation, saying why."""
    _decide(employer, "reject", by, reason=_required(reason))


def suspend(employer: Employer, reason: str, by: Actor) -> list[Opening]:
    """Suspend an organisation and close its submitted and approved openings to new applications."""
    reason = _required(reason)
    _check_move(employer, "suspend")
    closed = list(db.session.scalars(select(Opening).where(Opening.employer_id == employer.id,
                                                           Opening.status.in_(CLOSED_BY_SUSPENSION))))
    for opening in closed:
        previous, opening.status, opening.closed_reason = opening.status, "closed", "employer_suspended"
        audit.record(by, "opening_closed", opening, reason="employer_suspended", previous_status=previous)
    _decide(employer, "suspend", by, reason=reason, closed_openings=[o.id for o in closed])
    return closed


def reinstate(employer: Employer, by: Actor) -> None:
    """Lift a suspension; openings the suspension closed stay closed."""
    _decide(employer, "reinstate", by, reason=None)


def _required(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise EmployerRefused("REASON_REQUIRED", [Problem("reason", "REASON_REQUIRED")])
    return reason


def _check_move(employer: Employer, move: str) -> None:
    if employer.status not in MOVES[move][0]:
        raise EmployerRefused("WRONG_STATUS")


def _decide(employer: Employer, move: str, by: Actor, reason: str | None, **details) -> None:
    _check_move(employer, move)
    _sources, status, action = MOVES[move]
    previous = employer.status
    employer.status, employer.status_reason = status, reason
    employer.reviewed_by_id, employer.reviewed_at = by.user_id, utcnow()
    audit.record(by, action, employer, previous_status=previous, **details)
    db.session.commit()
    _tell_users(employer, move)


def _tell_users(employer: Employer, move: str) -> None:
    """E-mail each of the organisation's users, in their own language."""
    for user in users_of(employer):
        if user.email and user.is_enabled:
            with force_locale(user.locale or "id"):
                subject, body = _decision_mail(employer, move)
                send_mail(user.email, subject, body)


def _decision_mail(employer: Employer, move: str) -> tuple[str, str]:
    name, reason = employer.legal_name, employer.status_reason or ""
    if move == "verify":
        return (_("%(name)s is verified on Jembatan", name=name),
                _("A coordinator of Pemerintah Kota Pangkalpinang has verified %(name)s. You can now submit "
                  "openings for approval.", name=name))
    if move == "reject":
        return (_("%(name)s was not verified on Jembatan", name=name),
                _("A coordinator of Pemerintah Kota Pangkalpinang did not verify %(name)s.\n\nReason: %(reason)s",
                  name=name, reason=reason))
    if move == "suspend":
        return (_("%(name)s is suspended on Jembatan", name=name),
                _("A coordinator of Pemerintah Kota Pangkalpinang has suspended %(name)s. Its submitted and "
                  "approved openings are closed to new applications.\n\nReason: %(reason)s",
                  name=name, reason=reason))
    return (_("%(name)s is verified again on Jembatan", name=name),
            _("A coordinator of Pemerintah Kota Pangkalpinang has lifted the suspension of %(name)s. Openings "
              "closed by the suspension stay closed; submit them again if they are still needed.", name=name))


def update_organisation(employer: Employer, data: OrganisationInput, by: Actor) -> None:
    """An employer's user changes the organisation's details; the audit names the changed fields."""
    if employer.status not in EDITABLE_STATUSES:
        raise EmployerRefused("NOT_EDITABLE")
    changed = []
    for name in DETAILS:
        value = (getattr(data, name) or "").strip() or None
        if name == "contact_email" and value:
            value = value.lower()
        if name == "legal_name" and not value:
            raise EmployerRefused("REQUIRED", [Problem("legal_name", "REQUIRED")])
        if getattr(employer, name) != value:
            setattr(employer, name, value)
            changed.append(name)
    if changed:
        audit.record(by, "employer_details_changed", employer, changed=changed)
    db.session.commit()


def invite_colleague(employer: Employer, email: str, display_name: str, locale: str, by: Actor,
                     make_link: Callable[[str], str]) -> User:
    """Add a user to the organisation, with no password, and mail them a link to choose one."""
    if employer.status not in EDITABLE_STATUSES:
        raise EmployerRefused("NOT_EDITABLE")
    try:
        user = create_user(email, None, Role.EMPLOYER, display_name.strip(), employer_id=employer.id, locale=locale)
    except AccountError as refused:
        raise EmployerRefused("EMAIL_TAKEN", [Problem("email", "EMAIL_TAKEN")]) from refused
    db.session.flush()
    audit.record(by, "employer_user_invited", employer, user_id=user.id)
    db.session.commit()
    with force_locale(locale):
        send_mail(user.email, _("You are invited to Jembatan"),
                  _("%(inviter)s has added you to %(name)s on Jembatan, the official channel of Pemerintah Kota "
                    "Pangkalpinang for work abroad.\n\nTo choose your password, open this link within one hour:\n"
                    "%(link)s\n\nIf the link has expired, use \"Forgot your password?\" on the login page with "
                    "this e-mail address.", inviter=_inviter_name(by), name=employer.legal_name,
                    link=make_link(make_reset_token(user))))
    return user


def _inviter_name(by: Actor) -> str:
    user = db.session.get(User, by.user_id) if by.user_id else None
    return user.display_name if user else "Jembatan"
