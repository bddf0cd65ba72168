"""A seeker's languages: a test and the level reached, when, and an optional scan of the certificate."""
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.domain.uploads import judge_upload
from app.extensions import db
from app.models import LanguageLevel, LanguageTest, SeekerLanguage, SeekerProfile, Upload
from app.services import audit
from app.services.audit import Actor
from app.services.profile import NotTheirs, Problem, ProfileRefused
from app.services.uploads import UploadRefused, delete_upload, store_upload


def language_tests() -> list[LanguageTest]:
    """Every test with its levels, grouped by language."""
    return list(db.session.scalars(select(LanguageTest).options(selectinload(LanguageTest.levels))
                                   .order_by(LanguageTest.language, LanguageTest.code)))


def level_name(level: LanguageLevel) -> str:
    """"JLPT N4", "TOPIK Level 2 (…)", "HSK 3 (…)": the test's name once, then the level as the test writes it."""
    return level.label if level.label.startswith(level.test_code) else f"{level.test_code} {level.label}"


def _problems(profile: SeekerProfile, level: LanguageLevel | None, tested_on: date | None, today: date):
    if level is None:
        return [Problem("level_id", "UNKNOWN_LANGUAGE_LEVEL")]
    problems = []
    if any(held.level.test_code == level.test_code for held in profile.languages):
        problems.append(Problem("level_id", "LANGUAGE_TEST_TWICE", {"test": level.test_code}))
    if tested_on and tested_on > today:
        problems.append(Problem("tested_on", "DATE_IN_FUTURE"))
    return problems


def add_language(profile: SeekerProfile, level_id: int, tested_on: date | None,
                 certificate: tuple[bytes, str] | None, actor: Actor, today: date) -> SeekerLanguage:
    """Record a language test result; `certificate` is the scan's (bytes, file name), checked by content."""
    level = db.session.get(LanguageLevel, level_id) if level_id else None
    problems = _problems(profile, level, tested_on, today)
    if certificate is not None:  # judged now too, so one answer names every problem
        verdict = judge_upload(certificate[0], current_app.config["UPLOAD_MAX_BYTES"])
        if verdict.problem:
            problems.append(Problem("certificate", "UPLOAD_" + verdict.problem))
    if problems:
        raise ProfileRefused(problems)
    upload = None
    if certificate is not None:
        try:
            upload = store_upload(certificate[0], certificate[1], profile.user)
        except UploadRefused as refused:
            raise ProfileRefused([Problem("certificate", "UPLOAD_" + refused.code)]) from refused
        db.session.flush()
    entry = SeekerLanguage(level_id=level.id, tested_on=tested_on, upload_id=upload.id if upload else None)
    profile.languages.append(entry)
    db.session.flush()
    audit.record(actor, "profile_updated", profile, part="languages", added=entry.id,
                 upload=upload.id if upload else None)
    db.session.commit()
    return entry


def _owned(profile: SeekerProfile, language_id: int) -> SeekerLanguage:
    entry = db.session.scalar(select(SeekerLanguage).where(SeekerLanguage.id == language_id,
                                                           SeekerLanguage.seeker_id == profile.id))
    if entry is None:
        raise NotTheirs(language_id)
    return entry


def delete_language(profile: SeekerProfile, language_id: int, actor: Actor) -> None:
    """Remove one of the seeker's languages and its scan."""
    entry = _owned(profile, language_id)
    upload = db.session.get(Upload, entry.upload_id) if entry.upload_id else None
    profile.languages.remove(entry)
    if upload is not None:
        delete_upload(upload)
    audit.record(actor, "profile_updated", profile, part="languages", removed=language_id)
    db.session.commit()


def language_certificate(profile: SeekerProfile, language_id: int) -> Upload:
    """The scan of one of the seeker's own language certificates."""
    entry = _owned(profile, language_id)
    upload = db.session.get(Upload, entry.upload_id) if entry.upload_id else None
    if upload is None:
        raise NotTheirs(language_id)
    return upload
