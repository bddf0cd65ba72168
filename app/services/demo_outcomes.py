"""Demo decisions on applications to the demo openings, so that `flask match train` has outcomes to learn from.

Invented, like the rest of the demo: every decision event's note starts with "DEMO". The demo
loader calls `add_demo_outcomes` after it has made its own placements, inside its transaction.

How the decisions are made, so that anyone can check what a model trained on them should find:

- For each approved demo opening, demo seekers apply who pass the checks an application must
  pass (adult on the start date and inside the age range, consenting to matching, not placed,
  no application yet): every legally eligible one (nine in ten of them), then others whose
  wishes or skills point at the opening, up to 8 to 14 applicants.
- The coordinator screens against the legal gates: an applicant who fails one (certificate,
  language, education) is rejected with requirements_not_met; a few are still waiting.
- The invented employer judges the eligible applicants by TASTE (feature weights unlike the
  default on purpose: this employer cares more about proof of the trade and languages) plus
  noise: the better half is shortlisted, the better half of those interviewed, the best one
  interviewed gets an offer (never accepted: nobody is placed by this), the others are
  rejected as not_selected.

The seeded random source is its own (seed + 1), so the rest of the demo stays as it was.
"""
import math
import random
from datetime import date, datetime, time

from sqlalchemy import select

from app.domain.eligibility import Gate, failed_gates
from app.domain.matching.features import applies, evaluate
from app.domain.matching.matrix import Keys, Segment, facts_from_columns
from app.domain.matching.ranking import idf_of
from app.domain.matching.scoring import LinearScorer
from app.extensions import db
from app.models import Opening, Placement, PlacementEvent, SeekerProfile, User
from app.services.destination_rules import rules_facts
from app.services.matcher.facts import load_candidates, load_vocabulary, opening_facts

DEMO_DOMAIN = "demo.jembatan.id"
DOCUMENTED_SEEKER = f"seeker@{DEMO_DOMAIN}"
EMPLOYER_ACCOUNT = f"employer@{DEMO_DOMAIN}"
CANNOT_APPLY = {Gate.NO_CONSENT, Gate.ALREADY_PLACED, Gate.TOO_YOUNG, Gate.TOO_OLD}
APPLICANTS = (8, 14)
WAITING_SHARE = 0.1
NOISE = 0.08
TASTE = LinearScorer.from_mapping("demo-employer-taste", {
    "REQUIRED_SKILLS": 0.25, "SKILL_SIMILARITY": 0.05, "PREFERRED_SKILLS": 0.05, "CERT_LEVEL": 0.05,
    "LANGUAGE_MARGIN": 0.15, "EDUCATION_MARGIN": 0.02, "EXPERIENCE_YEARS": 0.08, "RELEVANT_EXPERIENCE": 0.25,
    "SECTOR_TRAINING": 0.08, "PREFERENCE_FIT": 0.02})
NOTE = "DEMO: keputusan contoh (fiktif) untuk demonstrasi model peringkat."


def add_demo_outcomes(today: date, seed: int) -> int:
    """Record the demo applications and decisions (flushed, not committed); returns how many applications."""
    rng = random.Random(seed + 1)  # noqa: S311 (repeatable demo data, not a secret)
    now = datetime.combine(today, time(10, 0))
    vocabulary, rules = load_vocabulary(db.session), rules_facts()
    users = _applicant_users()
    keys = Keys()
    columns = load_candidates(keys, vocabulary, sorted(users), session=db.session)
    candidates = facts_from_columns(columns, keys, vocabulary.reference)
    segment = Segment.build(columns, keys)
    coordinator = db.session.scalar(select(User).where(User.role == "coordinator").order_by(User.id).limit(1))
    employer = db.session.scalar(select(User).where(User.email == EMPLOYER_ACCOUNT))
    openings = db.session.scalars(select(Opening).where(Opening.is_demo.is_(True), Opening.status == "approved")
                                  .order_by(Opening.id)).all()
    placements = []
    for opening in openings:
        facts = opening_facts(opening, vocabulary, today)
        idf = idf_of([term for term, _i in facts.skills], [segment], keys)
        judged = [(c, {f.code for f in failed_gates(c, facts, rules, today)}) for c in candidates]
        eligible = [c for c, gates in judged if not gates and rng.random() < 0.9]
        others = [c for c, gates in judged if gates and not gates & CANNOT_APPLY and _interested(c, facts)]
        count = rng.randint(*APPLICANTS)
        applicants = eligible + rng.sample(others, max(0, min(len(others), count - len(eligible))))
        taste = {c.seeker_id: TASTE.score([v for v, _d in evaluate(c, facts, idf, today)], applies(facts))
                 + rng.gauss(0, NOISE) for c in eligible}
        decider = employer if employer is not None and opening.employer_id == employer.employer_id else coordinator
        for path in _paths(applicants, {c.seeker_id for c in eligible}, taste, rng):
            seeker_id, stages = path
            placements.append(_placement(opening, seeker_id, stages, users[seeker_id], decider, coordinator, now,
                                         rng))
    db.session.add_all(placements)
    db.session.flush()
    return len(placements)


def _applicant_users() -> dict[int, User]:
    """Demo seekers with an account who have no application yet (the documented seeker keeps their own story)."""
    taken = select(Placement.seeker_id)
    rows = db.session.execute(select(SeekerProfile.id, User).join(User, SeekerProfile.user_id == User.id)
                              .where(User.email.like(f"%@{DEMO_DOMAIN}"), User.email != DOCUMENTED_SEEKER,
                                     SeekerProfile.id.not_in(taken)))
    return {seeker_id: user for seeker_id, user in rows}


def _interested(candidate, opening) -> bool:
    asked = {term for term, _importance in opening.skills}
    return (opening.sector_code in candidate.preferred_sectors or opening.country_code in candidate.preferred_countries
            or bool(asked & candidate.skills))


def _paths(applicants, eligible: set[int], taste: dict[int, float], rng: random.Random) -> list[tuple[int, list]]:
    """(seeker id, stages after `applied`) for each applicant: the decisions described in the module docstring."""
    ranked = sorted(eligible & {c.seeker_id for c in applicants}, key=lambda s: (-taste[s], s))
    shortlisted = ranked[:math.ceil(len(ranked) / 2)]
    interviewed = shortlisted[:math.ceil(len(shortlisted) / 2)]
    paths = []
    for candidate in applicants:
        s = candidate.seeker_id
        if s in eligible:
            stages = (["shortlisted", "interview", "offered"][:1 + (s in interviewed) + (s == interviewed[0])]
                      if s in shortlisted else [("rejected", "not_selected")])
        else:
            stages = [] if rng.random() < WAITING_SHARE else [("rejected", "requirements_not_met")]
        paths.append((s, stages))
    return paths


def _placement(opening: Opening, seeker_id: int, stages: list, applicant: User, decider: User, coordinator: User,
               now: datetime, rng: random.Random) -> Placement:
    at = (opening.approved_at + (now - opening.approved_at) * rng.uniform(0.1, 0.5)).replace(microsecond=0)
    placement = Placement(seeker_id=seeker_id, opening_id=opening.id, stage="applied", created_at=at)
    placement.events.append(PlacementEvent(from_stage=None, to_stage="applied", actor_id=applicant.id,
                                           actor_label=f"seeker:{applicant.id}", at=at))
    previous = "applied"
    for step in stages:
        stage, reason = step if isinstance(step, tuple) else (step, None)
        at = (at + (now - at) * rng.uniform(0.2, 0.45)).replace(microsecond=0)
        actor = coordinator if reason == "requirements_not_met" else decider
        placement.events.append(PlacementEvent(from_stage=previous, to_stage=stage, actor_id=actor.id,
                                               actor_label=f"{actor.role}:{actor.id}", reason_code=reason, note=NOTE,
                                               at=at))
        placement.stage, placement.closed_reason, previous = stage, reason, stage
    placement.updated_at = at
    return placement

