"""The load database's 100,000 seekers, each with a login, copied a batch at a time straight into the tables.

Identity (e-mail, gender, birth date, kelurahan, NIK, passport) comes from identities.py so the load
generator can log in as them and look them up; everything else is drawn from one seeded
`random.Random` with the demo data's distributions (app/services/demo.py): a track per seeker
(care, manufacturing, ...) that decides skills from the shipped vocabulary, certification schemes,
countries and sectors wished for; languages for those countries; consent for matching for most.
"""
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.vocab import Role
from app.extensions import db
from app.models import (
    Certification,
    Consent,
    Experience,
    LanguageLevel,
    PreferredCountry,
    PreferredSector,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
    Skill,
    User,
)
from app.security.crypto import encrypt, keyed_hash
from app.services.demo import (
    EDUCATION_WEIGHTS,
    FAMILY_NAMES,
    GENERAL_SKILLS,
    GIVEN_NAMES,
    LANGUAGE_OPTIONS,
    NAME_GROUPS,
    TRACK_WEIGHTS,
    TRACKS,
    VALIDITY_YEARS,
)
from app.services.matcher.changes import record_seeker_changes
from tests.load import identities

BATCH = 5000
# What people type that the vocabulary does not know (the matcher must live with them).
FREE_TERMS = ("bisa naik motor", "jualan online", "bengkel motor", "nelayan tradisional", "jaga toko",
              "tukang las listrik", "masak masakan padang", "servis hp", "potong rambut", "kebun lada putih")
OCCUPATIONS = {"care": "5322", "manufacturing": "7212", "construction": "7114", "hospitality": "9112",
               "fisheries": "6222", "agriculture": "9211"}
JOB_TITLES = {"care": "Pendamping lansia", "manufacturing": "Operator las", "construction": "Tukang bangunan",
              "hospitality": "Housekeeping hotel", "fisheries": "ABK kapal ikan", "agriculture": "Buruh kebun"}


def copy_rows(model, rows: list[dict]) -> None:
    """Rows into the model's table with PostgreSQL's COPY (every row carries the same keys), in the
    session's transaction: ten times the speed of INSERT for the million rows of a load database."""
    if not rows:
        return
    columns = list(rows[0])
    statement = f"COPY {model.__table__.name} ({', '.join(columns)}) FROM STDIN"
    raw = db.session.connection().connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def reset_sequence(model) -> None:
    """After rows were written with explicit ids, the next id the database hands out follows them."""
    table = model.__table__
    highest = select(func.coalesce(func.max(table.c.id), 1)).scalar_subquery()
    db.session.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest)))


class SeekerWriter:
    """Writes seekers `first`..`last` with everything attached; the caller commits."""

    def __init__(self, rng: random.Random, today: date, password_hash: str, reviewer_id: int):
        """Seeker `i` gets seeker id `i` and user id `i` + the highest user id so far (staff and employers)."""
        self.rng, self.today, self.password_hash, self.reviewer_id = rng, today, password_hash, reviewer_id
        if db.session.scalar(select(SeekerProfile.id).limit(1)) is not None:
            raise RuntimeError("the seekers table is not empty")
        self.user_offset = db.session.scalar(select(func.max(User.id))) or 0
        self.skill_ids = dict(db.session.execute(select(Skill.term, Skill.id)).all())
        self.levels = {(t, c): i for i, t, c in db.session.execute(
            select(LanguageLevel.id, LanguageLevel.test_code, LanguageLevel.code))}
        self.niks = identities.niks(identities.SEEKERS)

    def write(self, first: int, last: int) -> None:
        for start in range(first, last + 1, BATCH):
            self._batch(range(start, min(start + BATCH, last + 1)))

    def finish(self) -> None:
        """Move the id sequences past the rows written; every seeker's matcher-feed row (a process
        started later builds its matrix from the tables, so the feed only has to exist)."""
        for model in (User, SeekerProfile, SeekerSkill, SeekerLanguage, Certification, Consent, Experience):
            reset_sequence(model)
        record_seeker_changes(db.session, list(db.session.scalars(select(SeekerProfile.id))))

    def _batch(self, numbers: range) -> None:
        drawn = {i: self._draw(i) for i in numbers}
        copy_rows(User, [{"id": self.user_offset + i, **d["user"]} for i, d in drawn.items()])
        copy_rows(SeekerProfile, [{"id": i, "user_id": self.user_offset + i, **d["profile"]}
                                  for i, d in drawn.items()])
        for model in (SeekerSkill, SeekerLanguage, Certification, Consent, PreferredCountry, PreferredSector,
                      Experience):
            copy_rows(model, [{**row, "seeker_id": i} for i, d in drawn.items() for row in d[model.__tablename__]])

    def _draw(self, i: int) -> dict:
        rng, person = self.rng, identities.person(i)
        age = (identities.ANCHOR - person.birth_date).days // 365
        registered = self._registered(person.birth_date)
        track = rng.choices(list(TRACK_WEIGHTS[person.gender]), list(TRACK_WEIGHTS[person.gender].values()))[0]
        nik, passport = self.niks[i - 1], identities.passport(i)
        name = self._name(person.gender)
        stamps = {"created_at": registered, "updated_at": registered}
        countries = rng.sample(TRACKS[track]["countries"], rng.choice((0, 1, 1, 2)))
        sectors = [track] + ([rng.choice([t for t in TRACKS if t != track])] if rng.random() < 0.3 else [])
        minor_at_signup = (registered.date() - person.birth_date).days < 18 * 365.25
        return {
            "user": {"email": identities.seeker_email(i), "password_hash": self.password_hash,
                     "role": Role.SEEKER.value, "display_name": name, "locale": "id", "is_enabled": True, **stamps},
            "profile": {
                "ref": None, "nik_encrypted": encrypt(nik), "nik_hash": keyed_hash(nik, "nik"), "full_name": name,
                "birth_date": person.birth_date, "gender": person.gender, "kelurahan_code": person.kelurahan_code,
                "regency_code": None, "phone": f"+62812{rng.randint(10_000_000, 99_999_999)}",
                "education_code": self._education(age),
                "experience_years": Decimal(str(round(rng.uniform(0, min(12, age - 19)), 1))) if age >= 20 else 0,
                "passport_encrypted": encrypt(passport) if passport else None,
                "passport_hash": keyed_hash(passport, "passport") if passport else None,
                "passport_expires_on": self.today + timedelta(days=rng.randint(400, 1800)) if passport else None,
                "safe_word_hash": None, "erased_at": None, **stamps},
            "seeker_skills": self._skills(track),
            "seeker_languages": self._languages(countries or [TRACKS[track]["countries"][0]]),
            "certifications": self._certifications(track, age, registered) if age >= 18 else [],
            "consents": self._consents(registered, minor_at_signup),
            "seeker_preferred_countries": [{"country_code": c} for c in countries],
            "seeker_preferred_sectors": [{"sector_code": s} for s in sectors],
            "seeker_experiences": self._experience(track) if age >= 19 and rng.random() < 0.35 else [],
        }

    def _registered(self, birth: date) -> datetime:
        """Within the last 18 months, never before the seeker turned 15."""
        since_15 = (self.today - birth).days - int(15 * 365.25)
        days = self.rng.randint(1, max(2, min(540, since_15)))
        at = time(self.rng.randint(0, 23), self.rng.randint(0, 59))
        return datetime.combine(self.today - timedelta(days=days), at)

    def _name(self, gender: str) -> str:
        group = self.rng.choices([g for g, _w in NAME_GROUPS], [w for _g, w in NAME_GROUPS])[0]
        given = self.rng.choice(GIVEN_NAMES[(group, gender)])
        family = self.rng.choice(FAMILY_NAMES[(group, gender)])
        return given if group == "javanese" and self.rng.random() < 0.2 else f"{given} {family}"

    def _education(self, age: int) -> str:
        if age < 19:
            return self.rng.choice(("SMP", "SMA", "SMK"))
        return self.rng.choices(list(EDUCATION_WEIGHTS), list(EDUCATION_WEIGHTS.values()))[0]

    def _skills(self, track: str) -> list[dict]:
        count = self.rng.randint(2, 6)
        terms = self.rng.sample(TRACKS[track]["skills"], count - 1 if count > 2 else count)
        if count > 2:
            terms.append(self.rng.choice(GENERAL_SKILLS))
        if self.rng.random() < 0.1:
            terms.append(self.rng.choice(FREE_TERMS))
        return [{"term": t, "skill_id": self.skill_ids.get(t)} for t in dict.fromkeys(terms)]

    def _languages(self, countries: list[str]) -> list[dict]:
        rows = []
        for country in countries[:self.rng.choices((0, 1, 2), (45, 40, 15))[0]]:
            test, codes = self.rng.choice(LANGUAGE_OPTIONS[country])
            rows.append({"level_id": self.levels[(test, self.rng.choice(codes))],
                         "tested_on": self.today - timedelta(days=self.rng.randint(20, 700)), "upload_id": None})
        return rows

    def _certifications(self, track: str, age: int, registered: datetime) -> list[dict]:
        rows = []
        count = self.rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0]
        for k, scheme in enumerate(self.rng.sample([*TRACKS[track]["schemes"], "SKK-CPMI"], count)):
            issued = self.today - timedelta(days=self.rng.randint(30, min(1800, max(31, (age - 17) * 365))))
            years = VALIDITY_YEARS.get(scheme, 3)
            status = self.rng.choices(("verified", "pending", "rejected"), (62, 26, 12))[0]
            uploaded = max(registered, datetime.combine(issued, time(9)))
            reviewed = uploaded + timedelta(days=self.rng.randint(1, 12)) if status != "pending" else None
            rows.append({"scheme_code": scheme, "issuer": "LSP (load test)", "number":
                         f"LOAD/{scheme}/{issued.year}/{self.rng.randint(1, 999_999):06d}{k}", "issued_on": issued,
                         "expires_on": _years_after(issued, years) if years else None, "upload_id": None,
                         "status": status,
                         "reviewed_by_id": self.reviewer_id if reviewed else None, "reviewed_at": reviewed,
                         "rejection_reason": "Scan tidak terbaca." if status == "rejected" else None,
                         "source": "self", "created_at": uploaded, "updated_at": reviewed or uploaded})
        return rows

    def _consents(self, registered: datetime, minor: bool) -> list[dict]:
        """Matching for 94% (3% of them withdrew later), sharing with Immigration and employers for 40%."""
        rows = []
        if self.rng.random() < 0.94:
            withdrawn = registered + timedelta(days=3) if self.rng.random() < 0.03 else None
            rows.append(_consent("matching", registered, withdrawn))
        if minor:
            rows.append(_consent("guardian", registered, None, "guardian"))
        for purpose in ("immigration_sharing", "employer_contact"):
            if self.rng.random() < 0.4:
                rows.append(_consent(purpose, registered, None))
        return rows

    def _experience(self, track: str) -> list[dict]:
        return [{"title": JOB_TITLES[track], "place": "Pangkalpinang", "months": self.rng.randint(3, 60),
                 "occupation_code": OCCUPATIONS[track], "verified": False}]


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _consent(purpose: str, granted: datetime, withdrawn: datetime | None, given_by: str = "self") -> dict:
    return {"purpose": purpose, "granted_at": granted, "withdrawn_at": withdrawn, "given_by": given_by}


def numbered(total: int, size: int = BATCH) -> Iterator[tuple[int, int]]:
    """(first, last) seeker numbers of each slice of `total`, for progress reports."""
    for first in range(1, total + 1, size):
        yield first, min(first + size - 1, total)
