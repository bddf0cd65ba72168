"""What would close each gate a seeker fails for an opening: the seeker's "what can I do?".

Pure: the failed gates (app.domain.eligibility), the seeker's situation and the opening's dates in;
for each failure the steps that would close it, as codes with their data, never words. A gate
about the opening itself closes for nobody, whatever the seeker does; TOO_OLD closes for nobody
either, and the steps say so rather than invent a way round the law.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.eligibility import OPENING_GATES, Failure, Gate


class Step(StrEnum):
    TRAINING_COHORT = "TRAINING_COHORT"  # a cohort that ends in the certificate (or teaches the language)
    ASK_COORDINATOR = "ASK_COORDINATOR"  # no cohort is planned: Disnaker can say when one will be
    CERT_AWAITS_VERIFICATION = "CERT_AWAITS_VERIFICATION"  # they uploaded one; it counts once verified
    CERT_UPLOAD = "CERT_UPLOAD"  # already hold one? upload it for verification (again, if it was refused)
    CERT_RENEW = "CERT_RENEW"  # theirs expires before the job starts
    LANGUAGE_LEVEL = "LANGUAGE_LEVEL"  # the level of the test the opening asks for
    LANGUAGE_RESULT = "LANGUAGE_RESULT"  # already passed it? add the result to the profile
    EDUCATION_NEEDED = "EDUCATION_NEEDED"  # the minimum; a profile out of date can be corrected
    OLD_ENOUGH_ON = "OLD_ENOUGH_ON"  # the day they reach the age, and whether that is in time
    NOTHING_CLOSES = "NOTHING_CLOSES"  # above the employer's age limit: said kindly, with no false hope
    GIVE_CONSENT = "GIVE_CONSENT"
    PLACED = "PLACED"  # one placement at a time
    CLOSED_TO_ALL = "CLOSED_TO_ALL"  # the opening itself fails a gate: nobody can take it now


@dataclass(frozen=True)
class Remedy:
    code: Step
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CohortOption:
    """An upcoming cohort (planned or open, not started) a seeker could join."""
    cohort_id: int
    programme: str
    starts_on: date
    ends_on: date
    status: str
    seats_left: int
    mine: str | None = None  # the seeker's own enrolment status there (enrolled, waitlisted), if any


@dataclass(frozen=True)
class Situation:
    """What the steps depend on, beyond the failure's own data."""
    today: date
    certificate_statuses: Mapping[str, frozenset[str]] = field(default_factory=dict)  # scheme → unverified statuses
    cohorts_by_scheme: Mapping[str, tuple[CohortOption, ...]] = field(default_factory=dict)  # soonest first
    cohorts_by_test: Mapping[str, tuple[CohortOption, ...]] = field(default_factory=dict)  # language courses


@dataclass(frozen=True)
class OpeningDates:
    start_date: date | None = None
    deadline: date | None = None


@dataclass(frozen=True)
class Gap:
    """One failed gate and the steps that would close it."""
    failure: Failure
    remedies: tuple[Remedy, ...]


LANGUAGE_COHORTS_SHOWN = 2


def close_gaps(failures: list[Failure], situation: Situation, dates: OpeningDates) -> list[Gap]:
    """Every failure with its steps, in the order the gates gave them."""
    return [Gap(f, tuple(remedies_for(f, situation, dates))) for f in failures]


def closes_for_nobody(failures: list[Failure]) -> bool:
    """Whether the opening fails a gate of its own: then no step of the seeker's opens it."""
    return any(f.code in OPENING_GATES for f in failures)


def remedies_for(failure: Failure, situation: Situation, dates: OpeningDates) -> list[Remedy]:
    """The steps that would close one failed gate."""
    code, data = failure.code, failure.data
    if code in OPENING_GATES:
        return [Remedy(Step.CLOSED_TO_ALL)]
    if code in (Gate.CERT_MISSING, Gate.CERT_EXPIRES_BEFORE_START):
        return _certificate(failure, situation, dates)
    if code == Gate.LANGUAGE_BELOW:
        return _language(data, situation, dates)
    if code == Gate.EDUCATION_BELOW:
        return [Remedy(Step.EDUCATION_NEEDED, {"has": data.get("has"), "needs": data.get("needs")})]
    if code == Gate.TOO_YOUNG:
        return [_old_enough(data, situation, dates)]
    if code == Gate.TOO_OLD:
        return [Remedy(Step.NOTHING_CLOSES, {"max_age": data.get("max_age"), "age_on_start": data.get("age_on_start")})]
    if code == Gate.NO_CONSENT:
        return [Remedy(Step.GIVE_CONSENT)]
    if code == Gate.ALREADY_PLACED:
        return [Remedy(Step.PLACED)]
    raise ValueError(f"no remedy known for gate {code}")


def _certificate(failure: Failure, situation: Situation, dates: OpeningDates) -> list[Remedy]:
    scheme = failure.data["scheme"]
    steps = []
    if failure.code == Gate.CERT_EXPIRES_BEFORE_START:
        steps.append(Remedy(Step.CERT_RENEW, {"scheme": scheme, "expires_on": failure.data.get("expires_on"),
                                              "start": failure.data.get("start")}))
    statuses = situation.certificate_statuses.get(scheme, frozenset())
    if "pending" in statuses:
        steps.append(Remedy(Step.CERT_AWAITS_VERIFICATION, {"scheme": scheme}))
    elif failure.code == Gate.CERT_MISSING:
        steps.append(Remedy(Step.CERT_UPLOAD, {"scheme": scheme, "again": "rejected" in statuses}))
    cohorts = situation.cohorts_by_scheme.get(scheme, ())
    if cohorts:
        steps.append(_cohort_step(cohorts[0], dates, scheme=scheme))
    else:
        steps.append(Remedy(Step.ASK_COORDINATOR, {"scheme": scheme}))
    return steps


def _language(data: dict, situation: Situation, dates: OpeningDates) -> list[Remedy]:
    test = data["test"]
    steps = [Remedy(Step.LANGUAGE_LEVEL, {"test": test, "has": data.get("has"), "needs": data.get("needs")}),
             Remedy(Step.LANGUAGE_RESULT, {"test": test})]
    cohorts = situation.cohorts_by_test.get(test, ())[:LANGUAGE_COHORTS_SHOWN]
    steps += [_cohort_step(cohort, dates, test=test) for cohort in cohorts]
    return steps


def _cohort_step(cohort: CohortOption, dates: OpeningDates, **about) -> Remedy:
    # Training ends in a competency test: it helps for this opening only if it ends before the job starts.
    in_time = None if dates.start_date is None else cohort.ends_on < dates.start_date
    return Remedy(Step.TRAINING_COHORT, {**about, "cohort_id": cohort.cohort_id, "programme": cohort.programme,
                                         "starts_on": cohort.starts_on, "ends_on": cohort.ends_on,
                                         "status": cohort.status, "seats_left": cohort.seats_left,
                                         "mine": cohort.mine, "in_time": in_time})


def _old_enough(data: dict, situation: Situation, dates: OpeningDates) -> Remedy:
    """The day they reach the age asked, and whether it comes in time for this opening.

    The gate judges age on the start date, so with a start date the day always falls after it:
    this opening is out of reach, later ones are not. Without one, the deadline decides.
    """
    on = data["eligible_from"]
    before_start = None if dates.start_date is None else on <= dates.start_date
    before_deadline = None if dates.deadline is None else on <= dates.deadline
    in_time = before_start if before_start is not None else before_deadline
    return Remedy(Step.OLD_ENOUGH_ON, {"on": on, "age": data.get("min_age"), "start": dates.start_date,
                                       "deadline": dates.deadline, "before_start": before_start,
                                       "before_deadline": before_deadline, "in_time": in_time,
                                       "days": (on - situation.today).days})
