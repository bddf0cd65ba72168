"""Reference look-ups the ranking pages need to word explanations: skill labels and level ranks."""
from sqlalchemy import select

from app.extensions import db
from app.models import EducationLevel, LanguageLevel, Skill


def skill_labels() -> dict[str, str]:
    """Each canonical skill term with its Indonesian label."""
    return dict(db.session.execute(select(Skill.term, Skill.label_id)).all())


def language_ranks() -> dict[tuple[str, str], int]:
    """(test code, level code) -> the level's rank among the test's levels."""
    return {(test, code): rank for test, code, rank in db.session.execute(
        select(LanguageLevel.test_code, LanguageLevel.code, LanguageLevel.rank))}


def education_ranks() -> dict[str, int]:
    return dict(db.session.execute(select(EducationLevel.code, EducationLevel.rank)).all())
