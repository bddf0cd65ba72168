"""Fill an empty, migrated database (reference data loaded) with the load test's world.

    APP_ENV=production DATABASE_URL=... SECRET_KEY=... DATA_KEY=... .venv/bin/python -m tests.load.seed

Writes, in one transaction: 3 staff accounts; 6 partner cities with active agreements (Japan, Korea,
Taiwan); 100 verified employers, each with one employer account; 1,000 approved openings (10 per
employer) made from the demo's opening templates for the employer's country and sector; 100,000
seekers with logins (see seed_seekers.py); 1,500 placements at every stage from applied to
arrived; and an audit entry `load_seeded` with the parameters. Every password is
identities.PASSWORD. The same parameters give the same rows (one seeded `random.Random`), except
timestamps, which follow today's date. run.sh calls it only for a new template database.
"""
import argparse
import random
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.codes import new_opening_code
from app.domain.vocab import ACTIVE_STAGES, Role
from app.extensions import db
from app.models import (
    Consent,
    Employer,
    LanguageLevel,
    Opening,
    OpeningCertification,
    OpeningSkill,
    PartnerCity,
    PartnerCitySector,
    Placement,
    PlacementEvent,
    SeekerProfile,
    Skill,
    User,
)
from app.services import audit
from app.services.accounts import hash_password
from app.services.audit import Actor
from app.services.demo import CONTRACT_TERMS, OPENINGS
from tests.load import identities
from tests.load.seed_seekers import SeekerWriter, numbered

CITIES = (  # name, country, sectors the agreement covers
    ("Kitakyushu (LOAD)", "JP", ("care", "manufacturing", "hospitality")),
    ("Fukuoka (LOAD)", "JP", ("care", "manufacturing", "hospitality")),
    ("Changwon (LOAD)", "KR", ("fisheries", "agriculture")),
    ("Busan (LOAD)", "KR", ("fisheries", "agriculture")),
    ("Taichung (LOAD)", "TW", ("construction",)),
    ("Kaohsiung (LOAD)", "TW", ("construction",)),
)
STAGE_WEIGHTS = {"applied": 45, "shortlisted": 15, "interview": 10, "offered": 5, "accepted": 5,
                 "contract_signed": 5, "documents_verified": 5, "departed": 5, "arrived": 5}


class LoadWorld:
    """Builds the rows; `build()` returns the counts and leaves the commit to the caller."""

    def __init__(self, seed: int, today: date, out=sys.stdout):
        self.rng = random.Random(seed)  # noqa: S311 (repeatable synthetic data, not a secret)
        self.seed, self.today, self.out = seed, today, out
        self.now = datetime.combine(today, time(9, 0))
        self.password_hash = hash_password(identities.PASSWORD)  # once: scrypt is slow on purpose

    def say(self, text: str) -> None:
        print(f"[seed {clock.strftime('%H:%M:%S')}] {text}", file=self.out, flush=True)

    def build(self, seekers: int, employers: int, openings_each: int, placements: int) -> dict:
        staff = self._staff()
        self.coordinator = staff["coordinator"]
        self.say("partner cities and employers")
        employer_rows = self._employers(employers)
        self.say(f"{employers * openings_each} openings")
        opening_ids = self._openings(employer_rows, openings_each)
        writer = SeekerWriter(self.rng, self.today, self.password_hash, self.coordinator.id)
        for first, last in numbered(seekers, 20_000):
            writer.write(first, last)
            self.say(f"seekers {last:,} of {seekers:,}")
        writer.finish()
        self.say(f"{placements} placements")
        self._placements(opening_ids, placements)
        counts = {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in (
            ("users", User), ("employers", Employer), ("openings", Opening), ("seekers", SeekerProfile),
            ("placements", Placement))}
        audit.record(Actor.system("load-seed"), "load_seeded", object_type="load", seed=self.seed,
                     seekers=seekers, employers=employers, openings=employers * openings_each, counts=counts)
        return counts

    def _user(self, email: str, role: str, name: str, **fields) -> User:
        return User(email=email, password_hash=self.password_hash, role=role, display_name=name, locale="en",
                    created_at=self.now - timedelta(days=500), updated_at=self.now - timedelta(days=500), **fields)

    def _staff(self) -> dict[str, User]:
        staff = {role: self._user(email, role, f"Load {role}") for role, email in identities.STAFF.items()}
        db.session.add_all(staff.values())
        db.session.flush()
        return staff

    def _employers(self, count: int) -> list[Employer]:
        signed = self.today - timedelta(days=400)
        cities = [PartnerCity(name=name, country_code=country, agreement_kind="Load-test MoU (fictional)",
                              agreement_status="active", agreement_signed_on=signed,
                              agreement_expires_on=signed + timedelta(days=5 * 365), is_demo=True,
                              notes="Fictional partner city of the load-test database.",
                              sectors=[PartnerCitySector(sector_code=s) for s in sectors],
                              created_at=self.now - timedelta(days=420), updated_at=self.now - timedelta(days=420))
                  for name, country, sectors in CITIES]
        employers = []
        for j in range(1, count + 1):
            city = cities[(j - 1) % len(cities)]
            sector = self.rng.choice([s.sector_code for s in city.sectors])
            registered = self.now - timedelta(days=self.rng.randint(200, 390))
            employer = Employer(
                partner_city=city, legal_name=f"{city.name.removesuffix(' (LOAD)')} {sector.title()} Works {j:03d}",
                registration_number=f"LOAD-{city.country_code}-{j:04d}", address=f"{city.name} (load-test address)",
                sector_code=sector, contact_person=f"Recruiter {j:03d}", contact_email=identities.employer_email(j),
                website=f"https://employer-{j:03d}.example", status="verified", reviewed_by_id=self.coordinator.id,
                reviewed_at=registered + timedelta(days=5), is_demo=True, created_at=registered, updated_at=registered)
            employers.append(employer)
        db.session.add_all([*cities, *employers])
        db.session.flush()
        db.session.add_all([self._user(identities.employer_email(j), Role.EMPLOYER.value, f"Recruiter {j:03d}",
                                       employer_id=e.id) for j, e in enumerate(employers, start=1)])
        db.session.flush()
        return employers

    def _openings(self, employers: list[Employer], each: int) -> list[int]:
        skill_ids = dict(db.session.execute(select(Skill.term, Skill.id)).all())
        levels = {(t, c): i for i, t, c in db.session.execute(
            select(LanguageLevel.id, LanguageLevel.test_code, LanguageLevel.code))}
        codes: set[str] = set()
        openings = []
        for employer in employers:
            country = employer.partner_city.country_code
            templates = [o for o in OPENINGS if o["sector"] == employer.sector_code
                         and o["employer"] in _EMPLOYERS_OF[country]]
            for _ in range(each):
                spec = self.rng.choice(templates)
                opening = self._opening(employer, spec, skill_ids, levels, self._code(codes))
                opening.ref = f"LOAD-OPEN-{len(openings) + 1:04d}"
                openings.append(opening)
        db.session.add_all(openings)
        db.session.flush()
        return [o.id for o in openings]

    def _code(self, taken: set[str]) -> str:
        code = new_opening_code(random_choice=self.rng.choice)
        while code in taken:
            code = new_opening_code(random_choice=self.rng.choice)
        taken.add(code)
        return code

    def _opening(self, employer: Employer, spec: dict, skill_ids: dict, levels: dict, code: str) -> Opening:
        rng, terms = self.rng, CONTRACT_TERMS[employer.partner_city.country_code]
        approved = self.now - timedelta(days=rng.randint(1, 150), hours=rng.randint(0, 8))
        deadline = self.today + timedelta(days=rng.randint(120, 400))
        return Opening(
            code=code, employer_id=employer.id, title=spec["title"],
            occupation_code=spec["isco"], sector_code=spec["sector"], city=employer.partner_city.name.split(" (")[0],
            country_code=employer.partner_city.country_code, positions=rng.randint(1, 8),
            language_level_id=levels[spec["language"]] if spec.get("language") else None,
            min_education_code=spec["education"], min_age=spec["ages"][0], max_age=spec["ages"][1],
            start_date=deadline + timedelta(days=rng.randint(30, 120)), contract_months=spec["months"],
            hours_per_week=terms["hours_per_week"], monthly_wage=Decimal(round(spec["wage"] * rng.uniform(0.95, 1.1))),
            currency=terms["currency"], annual_leave_days=terms["annual_leave_days"], insurance=terms["insurance"],
            accommodation=spec["accommodation"], benefits=terms["benefits"], worker_costs_idr=Decimal(0),
            deadline=deadline, description=f"Load-test opening (fictional). {spec['summary']}", status="approved",
            reviewed_by_id=self.coordinator.id, reviewed_at=approved, approved_at=approved, is_demo=True,
            certifications=[OpeningCertification(scheme_code=s) for s in spec["schemes"]],
            skills=[OpeningSkill(term=t, skill_id=skill_ids[t], importance=i) for t, i in spec["skills"]],
            created_at=approved - timedelta(days=10), updated_at=approved)

    def _placements(self, opening_ids: list[int], count: int) -> None:
        """Adults with consent to matching, each placed once, at a stage drawn by STAGE_WEIGHTS."""
        adults = list(db.session.scalars(
            select(SeekerProfile.id).join(Consent, Consent.seeker_id == SeekerProfile.id)
            .where(Consent.purpose == "matching", Consent.withdrawn_at.is_(None),
                   SeekerProfile.birth_date <= self.today - timedelta(days=19 * 366))
            .order_by(SeekerProfile.id)))
        placements = []
        for seeker_id in self.rng.sample(adults, count):
            stage = self.rng.choices(list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values()))[0]
            path = ACTIVE_STAGES[:ACTIVE_STAGES.index(stage) + 1]
            at = self.now - timedelta(days=8 * len(path) + self.rng.randint(1, 20))
            placement = Placement(seeker_id=seeker_id, opening_id=self.rng.choice(opening_ids), stage=stage,
                                  departure_date=(at + timedelta(days=8 * len(path) - 8)).date()
                                  if stage in ("departed", "arrived") else None, created_at=at, updated_at=at)
            previous = None
            for step, to_stage in enumerate(path):
                placement.events.append(PlacementEvent(
                    from_stage=previous, to_stage=to_stage, actor_id=self.coordinator.id,
                    actor_label=f"coordinator:{self.coordinator.id}", at=at + timedelta(days=8 * step)))
                previous = to_stage
            placement.updated_at = placement.events[-1].at
            placements.append(placement)
        db.session.add_all(placements)
        db.session.flush()


_EMPLOYERS_OF = {"JP": ("hibiki", "wakamatsu", "moji"), "KR": ("jinhae", "greenfarm"), "TW": ("buildtech",)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=identities.SEED)
    parser.add_argument("--seekers", type=int, default=identities.SEEKERS)
    parser.add_argument("--employers", type=int, default=identities.EMPLOYERS)
    parser.add_argument("--openings-each", type=int, default=identities.OPENINGS // identities.EMPLOYERS)
    parser.add_argument("--placements", type=int, default=identities.PLACEMENTS)
    args = parser.parse_args(argv)
    from app import create_app
    app = create_app()
    with app.app_context():
        if db.session.scalar(select(User.id).limit(1)) is not None:
            sys.exit("refusing to seed: the database already has users (run.sh seeds a new template database)")
        started = clock.perf_counter()
        world = LoadWorld(args.seed, date.today())
        counts = world.build(args.seekers, args.employers, args.openings_each, args.placements)
        db.session.commit()
        world.say(f"committed in {clock.perf_counter() - started:.0f} s: {counts}")


if __name__ == "__main__":
    main()
