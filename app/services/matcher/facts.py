"""What the matcher knows, loaded from the database in bulk: candidates as columns, openings as facts.

One query per table for every candidate (or for a chunk of changed ones), never one per seeker.
Only what the gates and features read is loaded: no name, NIK, gender, religion or kelurahan.
Stored skill terms are mapped through today's vocabulary (normalised, alias -> canonical term), so
a spelling the coordinators add later counts at the next rebuild.
"""
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.domain.eligibility import LanguageNeed, OpeningFacts
from app.domain.matching.features import experience_tenths
from app.domain.matching.matrix import NEVER, CandidateColumns, Keys, MatchReference, Pairs
from app.domain.skills import normalise_term
from app.domain.vocab import PLACED_STAGES
from app.extensions import db
from app.models import (
    Certification,
    CertificationScheme,
    Cohort,
    Consent,
    EducationLevel,
    Employer,
    Enrolment,
    Experience,
    LanguageLevel,
    Opening,
    Placement,
    PreferredCountry,
    PreferredSector,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
    Skill,
    SkillAlias,
    TrainingProgramme,
)

CHUNK = 500  # ids per IN (...): well under SQLite's limit on bound parameters
IMPORTANCE_ORDER = ("must", "important", "nice")


@dataclass(frozen=True)
class Vocabulary:
    """The reference data the matcher reads, and the skill spellings mapped to canonical terms."""
    reference: MatchReference
    aliases: dict[str, str]

    def canonical(self, term: str) -> str:
        normal = normalise_term(term)
        return self.aliases.get(normal, normal)


def load_vocabulary(session: Session | None = None) -> Vocabulary:
    """Education ranks, language levels, schemes' KKNI levels and sectors, skill aliases."""
    session = session or db.session
    reference = MatchReference(
        education_ranks=dict(session.execute(select(EducationLevel.code, EducationLevel.rank)).all()),
        level_codes={(test, rank): code for test, rank, code in session.execute(
            select(LanguageLevel.test_code, LanguageLevel.rank, LanguageLevel.code))},
        schemes={code: (level, sector) for code, level, sector in session.execute(
            select(CertificationScheme.code, CertificationScheme.kkni_level, CertificationScheme.sector_code))},
    )
    aliases = dict(session.execute(select(SkillAlias.alias, Skill.term).join(Skill)).all())
    aliases |= {term: term for term in session.scalars(select(Skill.term))}
    return Vocabulary(reference, aliases)


def vocabulary_stamp(session: Session) -> tuple:
    """Changes whenever the reference data the matrix depends on changes (the cache is then rebuilt)."""
    parts = []
    for model, key in ((Skill, Skill.id), (SkillAlias, SkillAlias.id), (LanguageLevel, LanguageLevel.id),
                       (EducationLevel, EducationLevel.rank), (CertificationScheme, CertificationScheme.kkni_level)):
        parts += [select(func.count()).select_from(model).scalar_subquery(), select(func.max(key)).scalar_subquery()]
    return tuple(session.execute(select(*parts)).one())


def _batches(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


class _Reader:
    """Runs a statement for every candidate, or for the requested ones a chunk at a time."""

    def __init__(self, session: Session, ids: Sequence[int] | None):
        self.session, self.ids = session, ids

    def __call__(self, statement: Select, seeker_column) -> Iterator:
        if self.ids is None:
            yield from self.session.execute(statement)
            return
        for chunk in _batches(self.ids):
            yield from self.session.execute(statement.where(seeker_column.in_(chunk)))


class _Placer:
    """Row numbers of seeker ids in the loaded batch; rows of seekers not in it are dropped."""

    def __init__(self, seeker_ids: np.ndarray):
        self.ids = seeker_ids

    def pairs(self, triples: list[tuple[int, int, int]]) -> Pairs:
        if not triples or not len(self.ids):
            return Pairs()
        array = np.asarray(triples, dtype=np.int64).reshape(-1, 3)
        at = np.minimum(np.searchsorted(self.ids, array[:, 0]), len(self.ids) - 1)
        known = self.ids[at] == array[:, 0]
        return Pairs(at[known], array[known, 1], array[known, 2])

    def flags(self, seeker_ids: Iterable[int]) -> np.ndarray:
        flags = np.zeros(len(self.ids), dtype=bool)
        wanted = np.fromiter(seeker_ids, dtype=np.int64)
        if len(wanted) and len(self.ids):
            at = np.minimum(np.searchsorted(self.ids, wanted), len(self.ids) - 1)
            flags[at[self.ids[at] == wanted]] = True
        return flags


def load_candidates(keys: Keys, vocabulary: Vocabulary, seeker_ids: Sequence[int] | None = None,
                    session: Session | None = None) -> CandidateColumns:
    """Every seeker not erased (or only these), as columns; a requested seeker who is gone is simply absent."""
    read = _Reader(session or db.session, sorted(set(seeker_ids)) if seeker_ids is not None else None)
    profiles = sorted(read(select(SeekerProfile.id, SeekerProfile.birth_date, SeekerProfile.education_code,
                                   SeekerProfile.experience_years).where(SeekerProfile.erased_at.is_(None)),
                            SeekerProfile.id))
    ranks = vocabulary.reference.education_ranks
    place = _Placer(np.array([p[0] for p in profiles], dtype=np.int64))
    consenting = (s for (s,) in read(select(Consent.seeker_id).where(Consent.purpose == "matching",
                                                                      Consent.withdrawn_at.is_(None)),
                                      Consent.seeker_id))
    placed = (s for (s,) in read(select(Placement.seeker_id).where(Placement.stage.in_(PLACED_STAGES)),
                                  Placement.seeker_id))
    return CandidateColumns(
        seeker_ids=place.ids,
        birth=np.array([p[1].toordinal() for p in profiles], dtype=np.int32),
        education=np.array([keys.educations.add(p[2]) if p[2] else -1 for p in profiles], dtype=np.int16),
        education_rank=np.array([ranks.get(p[2], 0) if p[2] else 0 for p in profiles], dtype=np.int8),
        consent=place.flags(consenting), placed=place.flags(placed),
        experience_tenths=np.array([experience_tenths(p[3] or 0) for p in profiles], dtype=np.int16),
        **_sets(keys, vocabulary, place, read),
    )


def _sets(keys: Keys, vocabulary: Vocabulary, place: _Placer, read: _Reader) -> dict[str, Pairs]:
    canonical: dict[str, int] = {}

    def term_key(term: str) -> int:
        if term not in canonical:
            canonical[term] = keys.terms.add(vocabulary.canonical(term))
        return canonical[term]

    trained = (select(Enrolment.seeker_id, CertificationScheme.sector_code)
               .join(Cohort, Enrolment.cohort_id == Cohort.id)
               .join(TrainingProgramme, Cohort.programme_id == TrainingProgramme.id)
               .join(CertificationScheme, TrainingProgramme.scheme_code == CertificationScheme.code)
               .where(Enrolment.status == "completed", Enrolment.passed.is_(True),
                      CertificationScheme.sector_code.is_not(None)))
    return {
        "languages": place.pairs([(s, keys.tests.add(test), rank) for s, test, rank in read(
            select(SeekerLanguage.seeker_id, LanguageLevel.test_code, LanguageLevel.rank).join(LanguageLevel),
            SeekerLanguage.seeker_id)]),
        "skills": place.pairs([(s, term_key(term), 1) for s, term in read(
            select(SeekerSkill.seeker_id, SeekerSkill.term), SeekerSkill.seeker_id)]),
        "certificates": place.pairs([(s, keys.schemes.add(scheme), NEVER if until is None else until.toordinal())
                                     for s, scheme, until in read(
            select(Certification.seeker_id, Certification.scheme_code, Certification.expires_on)
            .where(Certification.status == "verified"), Certification.seeker_id)]),
        "experience": place.pairs([(s, keys.occupations.add(code), months) for s, code, months in read(
            select(Experience.seeker_id, Experience.occupation_code, Experience.months)
            .where(Experience.occupation_code.is_not(None)), Experience.seeker_id)]),
        "trained": place.pairs([(s, keys.sectors.add(sector), 1) for s, sector in read(
            trained, Enrolment.seeker_id)]),
        "countries": place.pairs([(s, keys.countries.add(code.upper()), 1) for s, code in read(
            select(PreferredCountry.seeker_id, PreferredCountry.country_code), PreferredCountry.seeker_id)]),
        "sectors": place.pairs([(s, keys.sectors.add(code), 1) for s, code in read(
            select(PreferredSector.seeker_id, PreferredSector.sector_code), PreferredSector.seeker_id)]),
    }


# --- openings -----------------------------------------------------------------------------------

def opening_facts(opening: Opening, vocabulary: Vocabulary, today: date) -> OpeningFacts:
    """An opening's requirements and channel, with its skills mapped to canonical terms."""
    from app.services.partners import can_post
    reference = vocabulary.reference
    skills: dict[str, str] = {}
    for row in sorted(opening.skills, key=lambda s: (IMPORTANCE_ORDER.index(s.importance), s.id or 0)):
        skills.setdefault(vocabulary.canonical(row.term), row.importance)  # two spellings of one skill: the higher
    schemes = tuple(sorted(c.scheme_code for c in opening.certifications))
    levels = [reference.schemes.get(code, (None, None))[0] for code in schemes]
    level = opening.language_level
    return OpeningFacts(
        opening_id=opening.id, status=opening.status, employer_verified=opening.employer.is_verified,
        agreement_active=can_post(opening.employer, today), country_code=(opening.country_code or "").upper(),
        sector_code=opening.sector_code, start_date=opening.start_date, min_age=opening.min_age,
        max_age=opening.max_age, worker_costs_idr=opening.worker_costs_idr or 0,
        caution_justification=opening.caution_justification, schemes=schemes,
        language=LanguageNeed(level.test_code, level.code, level.rank) if level else None,
        min_education_code=opening.min_education_code,
        min_education_rank=reference.education_ranks.get(opening.min_education_code, 0)
        if opening.min_education_code else 0,
        occupation_code=opening.occupation_code, skills=tuple(skills.items()),
        required_kkni_level=max((lv for lv in levels if lv is not None), default=None),
        ref=opening.ref, code=opening.code,
    )


def approved_openings() -> list[Opening]:
    """Every approved opening, with what opening_facts reads loaded in a few queries."""
    return list(db.session.scalars(
        select(Opening).where(Opening.status == "approved").order_by(Opening.id)
        .options(selectinload(Opening.skills), selectinload(Opening.certifications),
                 selectinload(Opening.language_level),
                 selectinload(Opening.employer).selectinload(Employer.partner_city))))


def find_opening(identifier: str) -> Opening | None:
    """An opening by its ref or its public verification code (typed in any case, with or without hyphens)."""
    from app.domain.codes import normalise_code
    text = (identifier or "").strip()
    opening = db.session.scalar(select(Opening).where(Opening.ref == text)) if text else None
    code = normalise_code(text)
    if opening is None and code:
        opening = db.session.scalar(select(Opening).where(Opening.code == code))
    return opening


FALLBACK_REF = "seeker:{id}"


def find_seeker(identifier: str) -> SeekerProfile | None:
    """A seeker by the office's ref, or by `seeker:<id>` for those registered on the web (who have no ref)."""
    text = (identifier or "").strip()
    seeker = db.session.scalar(select(SeekerProfile).where(SeekerProfile.ref == text)) if text else None
    if seeker is None and text.startswith("seeker:") and text[7:].isdigit():
        seeker = db.session.get(SeekerProfile, int(text[7:]))
    return seeker if seeker is not None and seeker.erased_at is None else None


def seeker_refs(seeker_ids: Sequence[int]) -> dict[int, str]:
    """The ref to show for each seeker: the office's ref, else the stable `seeker:<id>`."""
    refs: dict[int, str] = {}
    for chunk in _batches(list(seeker_ids)):
        refs.update(db.session.execute(select(SeekerProfile.id, SeekerProfile.ref)
                                       .where(SeekerProfile.id.in_(chunk))).all())
    return {i: refs.get(i) or FALLBACK_REF.format(id=i) for i in seeker_ids}
