"""Completing a cohort: a pass becomes a verified certificate that counts for eligibility at once."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update

from app.domain import training as rules
from app.domain.certificates import normalise_number, short_scheme_name
from app.domain.clock import utcnow
from app.extensions import db
from app.models import Certification, Cohort, Enrolment
from app.services import audit
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.training_roster import RosterRefused, tell_seeker

NUMBER_LENGTH = 80


@dataclass
class Completion:
    """What completing did: certificates recorded now, people who did not pass, and whether it was done before."""
    certified: list[Certification] = field(default_factory=list)
    failed: int = 0
    already_done: bool = False


def default_number(cohort: Cohort, enrolment: Enrolment) -> str:
    return rules.certificate_number(cohort.programme.provider_kind, cohort.id, enrolment.id)


def complete_cohort(cohort: Cohort, by: Actor, numbers: dict[int, str] | None = None,
                    today: date | None = None) -> Completion:
    """Close a running cohort: each pass records a verified certificate (numbered as entered, or
    generated), each fail is marked; doing it again changes nothing."""
    today = today or local_today()
    if cohort.status == "completed":
        return _finish_certificates(cohort, by, numbers or {})
    seated = [e for e in cohort.enrolments if e.status == "enrolled"]
    codes = rules.completion_blockers(cohort.status, cohort.starts_on, today, [e.passed for e in seated])
    if codes:
        raise RosterRefused(codes, {"missing": sum(1 for e in seated if e.passed is None)})
    numbers = _checked_numbers(cohort, numbers or {})
    if not _claim(cohort, rules.end_date_on_completion(cohort.ends_on, today)):
        db.session.refresh(cohort)
        if cohort.status == "completed":  # another coordinator completed it a moment ago
            return _finish_certificates(cohort, by, {})
        raise RosterRefused([rules.COHORT_NOT_RUNNING])
    db.session.refresh(cohort)
    done = Completion()
    for enrolment in seated:
        enrolment.status = rules.outcome(enrolment.passed)
        if enrolment.passed:
            done.certified.append(_certify(cohort, enrolment, by, numbers.get(enrolment.id)))
        else:
            done.failed += 1
            tell_seeker(enrolment, "training_failed")
    audit.record(by, "cohort_completed", cohort, passed=len(done.certified), failed=done.failed,
                 ends_on=cohort.ends_on.isoformat())
    db.session.commit()
    return done


def _claim(cohort: Cohort, ends_on: date) -> bool:
    """Mark the cohort completed in one conditional UPDATE, so two coordinators cannot both complete it."""
    result = db.session.execute(
        update(Cohort).where(Cohort.id == cohort.id, Cohort.status == "running")
        .values(status="completed", ends_on=ends_on, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _checked_numbers(cohort: Cohort, numbers: dict[int, str]) -> dict[int, str]:
    """Entered certificate numbers, cleaned; refuses one that is too long or given twice."""
    cleaned = {i: normalise_number(n) for i, n in numbers.items() if normalise_number(n)}
    if any(len(n) > NUMBER_LENGTH for n in cleaned.values()):
        raise RosterRefused(["NUMBER_TOO_LONG"], {"limit": NUMBER_LENGTH})
    comparable = ["".join(n.split()).upper() for n in cleaned.values()]
    if len(set(comparable)) != len(comparable):
        raise RosterRefused(["NUMBER_REPEATED"])
    return cleaned


def _finish_certificates(cohort: Cohort, by: Actor, numbers: dict[int, str]) -> Completion:
    """A completed cohort whose passes all hold their certificate: nothing to do (idempotent)."""
    done = Completion(already_done=True)
    missing = db.session.scalars(select(Enrolment).where(
        Enrolment.cohort_id == cohort.id, Enrolment.status == "completed", Enrolment.passed.is_(True),
        Enrolment.certification_id.is_(None)).execution_options(populate_existing=True)).all()
    for enrolment in missing:
        done.certified.append(_certify(cohort, enrolment, by, numbers.get(enrolment.id)))
    if missing:
        db.session.commit()
    return done


def _certify(cohort: Cohort, enrolment: Enrolment, by: Actor, number: str | None) -> Certification:
    programme = cohort.programme
    cert = Certification(
        seeker_id=enrolment.seeker_id, scheme_code=programme.scheme_code, issuer=programme.provider,
        number=number or default_number(cohort, enrolment), issued_on=cohort.ends_on,
        expires_on=rules.certificate_expiry(programme.scheme_code, cohort.ends_on), status="verified",
        source="training", reviewed_by_id=by.user_id, reviewed_at=utcnow())
    db.session.add(cert)
    db.session.flush()
    enrolment.certification_id = cert.id
    audit.record(by, "certification_recorded", cert, seeker_id=enrolment.seeker_id, cohort_id=cohort.id,
                 enrolment_id=enrolment.id, scheme=cert.scheme_code)
    tell_seeker(enrolment, "training_passed", scheme=short_scheme_name(programme.scheme.name), number=cert.number)
    return cert
