"""What would make a seeker eligible: their situation read from the database, the steps from app.domain.remedies.

Read-only. The seeker's unverified certificates, the upcoming cohorts by certification scheme and the
courses taught in each test's language are read once per page, whatever the number of openings.
"""
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from app.domain import remedies
from app.domain.eligibility import Failure
from app.domain.remedies import CohortOption, Gap, OpeningDates, Situation
from app.domain.training import seats_left
from app.extensions import db
from app.models import Certification, Cohort, LanguageTest, Opening
from app.services.training_roster import seats_of, upcoming_cohorts


def situation_of(seeker_id: int, today: date) -> Situation:
    """The seeker's unverified certificates, and the cohorts that could close a certificate or language gap."""
    statuses: dict[str, set[str]] = defaultdict(set)
    for scheme, status in db.session.execute(
            select(Certification.scheme_code, Certification.status)
            .where(Certification.seeker_id == seeker_id, Certification.status != "verified")).all():
        statuses[scheme].add(status)
    by_scheme: dict[str, list[CohortOption]] = defaultdict(list)
    by_language: dict[str, list[CohortOption]] = defaultdict(list)
    for cohort in upcoming_cohorts(today=today):
        option = _option(cohort, seeker_id)
        by_scheme[cohort.programme.scheme_code].append(option)
        for language in _languages_taught(cohort.programme.language):
            by_language[language].append(option)
    by_test = {test: tuple(by_language[_first_word(language)])
               for test, language in db.session.execute(select(LanguageTest.code, LanguageTest.language)).all()
               if by_language.get(_first_word(language))}
    return Situation(today=today, certificate_statuses={k: frozenset(v) for k, v in statuses.items()},
                     cohorts_by_scheme={k: tuple(v) for k, v in by_scheme.items()}, cohorts_by_test=by_test)


def gaps_for(opening: Opening, failures: list[Failure], situation: Situation) -> list[Gap]:
    """Each failed gate of this opening with the steps that would close it."""
    return remedies.close_gaps(failures, situation, OpeningDates(opening.start_date, opening.deadline))


def _option(cohort: Cohort, seeker_id: int) -> CohortOption:
    mine = next((e.status for e in cohort.enrolments
                 if e.seeker_id == seeker_id and e.status in ("enrolled", "waitlisted")), None)
    return CohortOption(cohort_id=cohort.id, programme=cohort.programme.name, starts_on=cohort.starts_on,
                        ends_on=cohort.ends_on, status=cohort.status,
                        seats_left=seats_left(cohort.capacity, seats_of(cohort)), mine=mine)


def _first_word(language: str | None) -> str:
    """ "Chinese (Mandarin)" → "chinese": the key a test's language and a course's language meet on."""
    words = (language or "").replace("(", " ").replace(",", " ").split()
    return words[0].lower() if words else ""


def _languages_taught(instruction: str | None) -> set[str]:
    """The languages a programme is taught in ("Indonesian, Japanese"), as keys; Indonesian teaches no test."""
    return {_first_word(part) for part in (instruction or "").split(",")} - {"", "indonesian"}
