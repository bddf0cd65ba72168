"""Coordinators extend the skills vocabulary: new canonical skills and new spellings of known ones."""
from sqlalchemy import func, select

from app.domain.skills import normalise_term
from app.extensions import db
from app.models import Sector, Skill, SkillAlias, User
from app.services import audit
from app.services.audit import Actor


class VocabularyRefused(Exception):
    """`problems` is a list of (field, code) pairs the web layer words."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(", ".join(code for _, code in problems))
        self.problems = problems


def list_skills(query: str = "") -> list[Skill]:
    statement = select(Skill).order_by(Skill.term)
    needle = normalise_term(query)
    if needle:
        statement = statement.where(Skill.id.in_(select(SkillAlias.skill_id).where(SkillAlias.alias.contains(needle)))
                                    | Skill.term.contains(needle))
    return db.session.scalars(statement).all()


def _taken(alias: str) -> bool:
    return db.session.scalar(select(func.count(SkillAlias.id)).where(SkillAlias.alias == alias)) > 0


def _clean_aliases(raw: str) -> list[str]:
    return list(dict.fromkeys(a for a in (normalise_term(part) for part in (raw or "").split(",")) if a))


def add_skill(term: str, label_id: str, sector_code: str | None, aliases: str, by: User) -> Skill:
    """Add a canonical skill with its Indonesian label and spellings; every spelling must be new."""
    canonical = normalise_term(term)
    spellings = list(dict.fromkeys([canonical, normalise_term(label_id), *_clean_aliases(aliases)]))
    problems = []
    if not canonical:
        problems.append(("term", "REQUIRED"))
    if sector_code and db.session.get(Sector, sector_code) is None:
        problems.append(("sector_code", "UNKNOWN_SECTOR"))
    problems += [("aliases" if s not in (canonical,) else "term", "SPELLING_TAKEN") for s in spellings if _taken(s)]
    if problems:
        raise VocabularyRefused(problems)
    skill = Skill(term=canonical, label_id=label_id.strip(), sector_code=sector_code or None, added_by_id=by.id,
                  aliases=[SkillAlias(alias=s) for s in spellings if s])
    db.session.add(skill)
    db.session.flush()
    audit.record(Actor.for_user(by), "skill_added", skill, aliases=len(skill.aliases))
    db.session.commit()
    return skill


def add_aliases(skill: Skill, aliases: str, by: User) -> list[str]:
    """Add spellings to a known skill (a typing variant, an Indonesian or English synonym)."""
    spellings = _clean_aliases(aliases)
    if not spellings:
        raise VocabularyRefused([("aliases", "REQUIRED")])
    taken = [s for s in spellings if _taken(s)]
    if taken:
        raise VocabularyRefused([("aliases", "SPELLING_TAKEN")])
    skill.aliases.extend(SkillAlias(alias=s) for s in spellings)
    audit.record(Actor.for_user(by), "skill_aliases_added", skill, count=len(spellings))
    db.session.commit()
    return spellings
