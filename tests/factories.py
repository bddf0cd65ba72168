"""Factories for tests: each makes a valid object with overridable fields and commits it."""
import itertools
from datetime import date

from app.domain.vocab import Role
from app.extensions import db
from app.models import Consent, Employer, PartnerCity, SeekerProfile, User
from app.security.crypto import encrypt, keyed_hash
from app.services.accounts import hash_password

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)
# Every NIK, passport number and password the factories hand out: the log check looks for them.
SENSITIVE: set[str] = {PASSWORD}


def nik_for(birth_date: date, gender: str, serial: int, district: str = "197101") -> str:
    day = birth_date.day + (40 if gender == "F" else 0)
    nik = f"{district}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
    SENSITIVE.add(nik)
    return nik


def make_partner_city(**overrides) -> PartnerCity:
    n = next(_counter)
    fields = {"name": f"Test City {n}", "country_code": "JP", "agreement_status": "active",
              "agreement_kind": "Test agreement", "agreement_signed_on": date(2025, 1, 1), "is_demo": True}
    city = PartnerCity(**{**fields, **overrides})
    db.session.add(city)
    db.session.commit()
    return city


def make_employer(partner_city: PartnerCity | None = None, **overrides) -> Employer:
    n = next(_counter)
    city = partner_city or make_partner_city()
    fields = {"legal_name": f"Test Employer {n} Ltd", "partner_city_id": city.id, "status": "verified",
              "contact_person": "Test Contact", "contact_email": f"org{n}@example.com"}
    employer = Employer(**{**fields, **overrides})
    db.session.add(employer)
    db.session.commit()
    return employer


def make_seeker_profile(user: User | None = None, **overrides) -> SeekerProfile:
    n = next(_counter)
    birth_date = overrides.pop("birth_date", date(2000, 5, 17))
    gender = overrides.pop("gender", "M")
    nik = overrides.pop("nik", nik_for(birth_date, gender, n))
    fields = {"full_name": f"Seeker {n}", "birth_date": birth_date, "gender": gender,
              "kelurahan_code": "19.71.01.1004", "nik_encrypted": encrypt(nik), "nik_hash": keyed_hash(nik, "nik")}
    profile = SeekerProfile(user=user, **{**fields, **overrides})
    profile.consents.append(Consent(purpose="matching"))
    db.session.add(profile)
    db.session.commit()
    return profile


def make_user(role: str = "seeker", **overrides) -> User:
    n = next(_counter)
    employer = overrides.pop("employer", None)
    if role == Role.EMPLOYER and "employer_id" not in overrides:
        employer = employer or make_employer()
        overrides["employer_id"] = employer.id
    fields = {"email": f"{role}{n}@example.com", "role": role, "display_name": f"{role.title()} {n}",
              "password_hash": hash_password(overrides.pop("password", PASSWORD))}
    user = User(**{**fields, **overrides})
    db.session.add(user)
    db.session.commit()
    if role == Role.SEEKER:
        make_seeker_profile(user)
    return user
