"""A seeker's profile: education and phone, work experience, skills; every save audited and committed here."""
from dataclasses import dataclass, field

from sqlalchemy import select

from app.domain.experience import MAX_MONTHS_PER_ENTRY, MAX_TOTAL_MONTHS, experience_years
from app.domain.phone import normalise_phone
from app.domain.skill_terms import canonical_terms, split_terms
from app.domain.skills import normalise_term
from app.extensions import db
from app.models import EducationLevel, Experience, SeekerProfile, SeekerSkill, Skill, SkillAlias
from app.services import audit
from app.services.audit import Actor

TERM_MAX = 120  # SeekerSkill.term
SUGGESTION_LIMIT = 10


@dataclass
class Problem:
    field: str
    code: str
    data: dict = field(default_factory=dict)


class ProfileRefused(Exception):
    """Input the profile cannot take; `problems` say which field and why (codes, worded by the web layer)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class NotTheirs(LookupError):
    """The object does not exist or belongs to someone else: the web layer answers 404 either way."""


def _saved(profile: SeekerProfile, actor: Actor, part: str, **details) -> None:
    audit.record(actor, "profile_updated", profile, part=part, **details)
    db.session.commit()


def education_levels() -> list[EducationLevel]:
    """Education levels, lowest first; SMA and SMK share a rank but stay two levels."""
    return list(db.session.scalars(select(EducationLevel).order_by(EducationLevel.rank, EducationLevel.code)))


def update_basics(profile: SeekerProfile, education_code: str | None, phone: str | None, actor: Actor) -> None:
    """Set the education level and the mobile phone (normalised to E.164)."""
    problems = []
    if education_code and db.session.get(EducationLevel, education_code) is None:
        problems.append(Problem("education_code", "UNKNOWN_EDUCATION"))
    normalised = normalise_phone(phone) if phone and phone.strip() else None
    if phone and phone.strip() and normalised is None:
        problems.append(Problem("phone", "PHONE_INVALID"))
    if problems:
        raise ProfileRefused(problems)
    profile.education_code = education_code or None
    profile.phone = normalised
    _saved(profile, actor, "basics")


def add_experience(profile: SeekerProfile, title: str, place: str | None, months: int, actor: Actor) -> Experience:
    """Add a work experience entry; the profile's experience in years follows the entries."""
    total = sum(e.months for e in profile.experiences) + months
    if not 1 <= months <= MAX_MONTHS_PER_ENTRY:
        raise ProfileRefused([Problem("months", "MONTHS_RANGE", {"max": MAX_MONTHS_PER_ENTRY})])
    if total > MAX_TOTAL_MONTHS:
        raise ProfileRefused([Problem("months", "EXPERIENCE_TOO_LONG", {"years": MAX_TOTAL_MONTHS // 12})])
    entry = Experience(title=title.strip(), place=(place or "").strip() or None, months=months)
    profile.experiences.append(entry)
    profile.experience_years = experience_years(e.months for e in profile.experiences)
    db.session.flush()
    _saved(profile, actor, "experience", added=entry.id)
    return entry


def delete_experience(profile: SeekerProfile, experience_id: int, actor: Actor) -> None:
    """Remove one of the seeker's own experience entries."""
    entry = db.session.scalar(select(Experience).where(Experience.id == experience_id,
                                                       Experience.seeker_id == profile.id))
    if entry is None:
        raise NotTheirs(experience_id)
    profile.experiences.remove(entry)
    profile.experience_years = experience_years(e.months for e in profile.experiences)
    _saved(profile, actor, "experience", removed=experience_id)


def resolve_skill_terms(raw_terms) -> list[tuple[str, int | None]]:
    """Typed skills as (canonical or normalised free term, skill id when in the vocabulary), once each."""
    spellings = {normalise_term(t) for t in raw_terms} - {""}
    if not spellings:
        return []
    alias_map = dict(db.session.execute(select(SkillAlias.alias, Skill.term).join(Skill)
                                        .where(SkillAlias.alias.in_(spellings))).all())
    # A canonical term means itself even when no alias row says so (a term a coordinator added).
    alias_map |= {term: term for term in db.session.scalars(select(Skill.term).where(Skill.term.in_(spellings)))}
    terms = canonical_terms(raw_terms, alias_map)
    ids = dict(db.session.execute(select(Skill.term, Skill.id).where(Skill.term.in_(terms))).all())
    return [(term, ids.get(term)) for term in terms]


def add_skills(profile: SeekerProfile, text: str, actor: Actor) -> list[SeekerSkill]:
    """Add the skills typed in one box (comma-separated); ones the seeker already has are skipped."""
    pieces = split_terms(text)
    too_long = [p.strip() for p in pieces if len(normalise_term(p)) > TERM_MAX]
    if too_long:
        raise ProfileRefused([Problem("skills", "SKILL_TOO_LONG", {"max": TERM_MAX})])
    resolved = resolve_skill_terms(pieces)
    if not resolved:
        raise ProfileRefused([Problem("skills", "SKILL_EMPTY")])
    held = {s.term for s in profile.skills}
    added = [SeekerSkill(term=term, skill_id=skill_id) for term, skill_id in resolved if term not in held]
    profile.skills.extend(added)
    db.session.flush()
    _saved(profile, actor, "skills", added=[s.id for s in added])
    return added


def remove_skill(profile: SeekerProfile, seeker_skill_id: int, actor: Actor) -> None:
    """Remove one of the seeker's own skills."""
    skill = db.session.scalar(select(SeekerSkill).where(SeekerSkill.id == seeker_skill_id,
                                                        SeekerSkill.seeker_id == profile.id))
    if skill is None:
        raise NotTheirs(seeker_skill_id)
    profile.skills.remove(skill)
    _saved(profile, actor, "skills", removed=seeker_skill_id)


def skill_label(skill: Skill | None, term: str, locale: str) -> str:
    """How a skill reads in the interface: the Indonesian label in Indonesian, the term otherwise."""
    return skill.label_id if skill is not None and locale == "id" else term


def labelled_skills(profile: SeekerProfile, locale: str) -> list[tuple[SeekerSkill, str]]:
    """The seeker's skills with the label to show, in label order."""
    ids = {s.skill_id for s in profile.skills if s.skill_id}
    vocabulary = {s.id: s for s in db.session.scalars(select(Skill).where(Skill.id.in_(ids)))} if ids else {}
    pairs = [(s, skill_label(vocabulary.get(s.skill_id), s.term, locale)) for s in profile.skills]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def skill_vocabulary(locale: str) -> list[str]:
    """Every vocabulary skill as the interface names it, for an autocomplete list that needs no script."""
    return sorted({skill_label(s, s.term, locale) for s in db.session.scalars(select(Skill))}, key=str.casefold)


def _closeness(alias: str, needle: str) -> int:
    """0 the whole spelling, 1 its start, 2 the start of a later word, 3 anywhere inside."""
    if alias == needle:
        return 0
    if alias.startswith(needle):
        return 1
    return 2 if f" {needle}" in alias else 3


def skill_suggestions(query: str, locale: str, limit: int = SUGGESTION_LIMIT) -> list[dict]:
    """Vocabulary skills one of whose spellings contains the query, closest matches first."""
    needle = normalise_term(query or "")
    if not needle:
        return []
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.session.execute(select(SkillAlias.alias, Skill).join(Skill)
                              .where(SkillAlias.alias.like(f"%{escaped}%", escape="\\"))
                              .order_by(SkillAlias.alias).limit(200)).all()
    best: dict[int, tuple[int, str, Skill]] = {}
    for alias, skill in rows:
        rank = (_closeness(alias, needle), alias, skill)
        if skill.id not in best or rank[:2] < best[skill.id][:2]:
            best[skill.id] = rank
    ordered = sorted(best.values(), key=lambda r: (r[0], skill_label(r[2], r[2].term, locale).casefold()))
    return [{"term": s.term, "label": skill_label(s, s.term, locale), "matched": alias}
            for _closeness_rank, alias, s in ordered[:limit]]
