"""Self-registration of job seekers and employers."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.domain.clock import utcnow, whole_years_between
from app.domain.nik import check_nik, normalise_nik
from app.domain.phone import normalise_phone
from app.domain.vocab import Role
from app.extensions import db
from app.models import Consent, Employer, Kelurahan, PartnerCity, Province, Regency, SeekerProfile, User
from app.security.crypto import encrypt, keyed_hash
from app.services import audit
from app.services.accounts import create_user
from app.services.audit import Actor

MIN_REGISTRATION_AGE = 15
ADULT_AGE = 18


@dataclass
class Problem:
    field: str
    code: str
    data: dict = field(default_factory=dict)


class RegistrationRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


@dataclass
class SeekerSignup:
    nik: str
    full_name: str
    birth_date: date
    gender: str
    password: str
    consent_matching: bool
    kelurahan_code: str | None = None
    regency_code: str | None = None
    phone: str | None = None
    email: str | None = None
    guardian_consent: bool = False
    locale: str | None = None


def province_codes() -> frozenset[str]:
    return frozenset(db.session.scalars(select(Province.code)))


def _seeker_problems(s: SeekerSignup, today: date) -> list[Problem]:
    problems = [Problem("nik", p.code, p.data) for p in check_nik(s.nik, s.birth_date, s.gender, province_codes())]
    age = whole_years_between(s.birth_date, today)
    if age < MIN_REGISTRATION_AGE:
        problems.append(Problem("birth_date", "TOO_YOUNG_TO_REGISTER", {"min_age": MIN_REGISTRATION_AGE}))
    elif age < ADULT_AGE and not s.guardian_consent:
        problems.append(Problem("guardian_consent", "GUARDIAN_CONSENT_NEEDED"))
    if s.kelurahan_code:
        if db.session.get(Kelurahan, s.kelurahan_code) is None:
            problems.append(Problem("kelurahan_code", "UNKNOWN_KELURAHAN"))
    elif not (s.regency_code and db.session.get(Regency, s.regency_code)):
        problems.append(Problem("kelurahan_code", "PLACE_REQUIRED"))
    if s.phone and normalise_phone(s.phone) is None:
        problems.append(Problem("phone", "PHONE_INVALID"))
    if not s.consent_matching:
        problems.append(Problem("consent_matching", "CONSENT_REQUIRED"))
    nik = normalise_nik(s.nik)
    if not any(p.field == "nik" for p in problems) and db.session.scalar(
            select(SeekerProfile.id).where(SeekerProfile.nik_hash == keyed_hash(nik, "nik"))):
        problems.append(Problem("nik", "NIK_TAKEN"))
    if s.email and db.session.scalar(select(User.id).where(User.email == s.email.strip().lower())):
        problems.append(Problem("email", "EMAIL_TAKEN"))
    return problems


def register_seeker(s: SeekerSignup, remote_addr: str | None = None, today: date | None = None) -> User:
    """Create a seeker's account and profile, with their consents; refuses with every problem at once."""
    today = today or utcnow().date()
    problems = _seeker_problems(s, today)
    if problems:
        raise RegistrationRefused(problems)
    nik = normalise_nik(s.nik)
    user = create_user(s.email or None, s.password, Role.SEEKER, s.full_name.strip(), locale=s.locale)
    profile = SeekerProfile(
        user=user, nik_encrypted=encrypt(nik), nik_hash=keyed_hash(nik, "nik"), full_name=s.full_name.strip(),
        birth_date=s.birth_date, gender=s.gender, kelurahan_code=s.kelurahan_code or None,
        regency_code=None if s.kelurahan_code else s.regency_code,
        phone=normalise_phone(s.phone) if s.phone else None,
    )
    db.session.add(profile)
    profile.consents.append(Consent(purpose="matching", given_by="self"))
    if whole_years_between(s.birth_date, today) < ADULT_AGE:
        profile.consents.append(Consent(purpose="guardian", given_by="guardian"))
    db.session.flush()
    audit.record(Actor(user.id, f"seeker:{user.id}", remote_addr), "seeker_registered", profile)
    db.session.commit()
    return user


@dataclass
class EmployerSignup:
    email: str
    password: str
    contact_person: str
    legal_name: str
    partner_city_id: int
    registration_number: str | None = None
    address: str | None = None
    sector_code: str | None = None
    website: str | None = None
    contact_phone: str | None = None
    locale: str | None = None


def register_employer(s: EmployerSignup, remote_addr: str | None = None) -> User:
    """Create an employer organisation, pending verification, and its first user."""
    problems = []
    city = db.session.get(PartnerCity, s.partner_city_id)
    if city is None or city.agreement_status in ("ended",):
        problems.append(Problem("partner_city_id", "UNKNOWN_PARTNER_CITY"))
    if db.session.scalar(select(User.id).where(User.email == s.email.strip().lower())):
        problems.append(Problem("email", "EMAIL_TAKEN"))
    if problems:
        raise RegistrationRefused(problems)
    employer = Employer(
        partner_city=city, legal_name=s.legal_name.strip(), registration_number=s.registration_number,
        address=s.address, sector_code=s.sector_code or None, contact_person=s.contact_person.strip(),
        contact_email=s.email.strip().lower(), contact_phone=s.contact_phone, website=s.website,
    )
    db.session.add(employer)
    db.session.flush()
    user = create_user(s.email, s.password, Role.EMPLOYER, s.contact_person.strip(), employer_id=employer.id,
                       locale=s.locale)
    db.session.flush()
    audit.record(Actor(user.id, f"employer:{user.id}", remote_addr), "employer_registered", employer)
    db.session.commit()
    return user
