"""What would close each gate: one table row per gate (and per situation that changes the answer)."""
from datetime import date

import pytest

from app.domain.eligibility import CANDIDATE_GATES, OPENING_GATES, Failure, Gate
from app.domain.remedies import (
    CohortOption,
    OpeningDates,
    Remedy,
    Situation,
    Step,
    close_gaps,
    closes_for_nobody,
    remedies_for,
)

TODAY = date(2026, 6, 1)
START = date(2027, 4, 1)
DEADLINE = date(2027, 1, 15)
DATES = OpeningDates(START, DEADLINE)
SOON = CohortOption(7, "Pengelasan SMAW", date(2026, 7, 1), date(2026, 10, 1), "open", 4)
LATE = CohortOption(8, "Pengelasan SMAW", date(2027, 2, 1), date(2027, 5, 1), "planned", 16)
FULL = CohortOption(9, "Tata Graha dan Bahasa Jepang", date(2026, 8, 1), date(2026, 11, 1), "open", 0)
NOTHING = Situation(TODAY)
TRAINING = Situation(TODAY, cohorts_by_scheme={"SKKNI-SMAW": (SOON, LATE)}, cohorts_by_test={"JLPT": (FULL,)})


def codes(remedies: list[Remedy]) -> list[Step]:
    return [r.code for r in remedies]


def missing(scheme="SKKNI-SMAW") -> Failure:
    return Failure(Gate.CERT_MISSING, {"scheme": scheme})


EXPIRING = Failure(Gate.CERT_EXPIRES_BEFORE_START, {"scheme": "SKKNI-SMAW", "expires_on": date(2027, 1, 1),
                                                    "start": START})
LANGUAGE = Failure(Gate.LANGUAGE_BELOW, {"test": "JLPT", "has": "N5", "needs": "N4"})


@pytest.mark.parametrize(("failure", "situation", "expected"), [
    # A missing certificate: upload one you hold, and the next cohort of that scheme (or ask Disnaker).
    (missing(), TRAINING, [Step.CERT_UPLOAD, Step.TRAINING_COHORT]),
    (missing(), NOTHING, [Step.CERT_UPLOAD, Step.ASK_COORDINATOR]),
    (missing("OTHER"), TRAINING, [Step.CERT_UPLOAD, Step.ASK_COORDINATOR]),
    # One already uploaded and waiting: no need to upload again.
    (missing(), Situation(TODAY, certificate_statuses={"SKKNI-SMAW": frozenset({"pending"})}),
     [Step.CERT_AWAITS_VERIFICATION, Step.ASK_COORDINATOR]),
    (missing(), Situation(TODAY, certificate_statuses={"SKKNI-SMAW": frozenset({"pending", "rejected"})}),
     [Step.CERT_AWAITS_VERIFICATION, Step.ASK_COORDINATOR]),
    # Expiring before the start: renew it, with the next cohort.
    (EXPIRING, TRAINING, [Step.CERT_RENEW, Step.TRAINING_COHORT]),
    (EXPIRING, NOTHING, [Step.CERT_RENEW, Step.ASK_COORDINATOR]),
    (EXPIRING, Situation(TODAY, certificate_statuses={"SKKNI-SMAW": frozenset({"pending"})}),
     [Step.CERT_RENEW, Step.CERT_AWAITS_VERIFICATION, Step.ASK_COORDINATOR]),
    # Language: the level needed, adding a result, and courses in that language if any.
    (LANGUAGE, TRAINING, [Step.LANGUAGE_LEVEL, Step.LANGUAGE_RESULT, Step.TRAINING_COHORT]),
    (LANGUAGE, NOTHING, [Step.LANGUAGE_LEVEL, Step.LANGUAGE_RESULT]),
    (Failure(Gate.EDUCATION_BELOW, {"has": "SMP", "needs": "SMA"}), NOTHING, [Step.EDUCATION_NEEDED]),
    (Failure(Gate.TOO_OLD, {"age_on_start": 36, "max_age": 35}), TRAINING, [Step.NOTHING_CLOSES]),
    (Failure(Gate.NO_CONSENT), NOTHING, [Step.GIVE_CONSENT]),
    (Failure(Gate.ALREADY_PLACED), NOTHING, [Step.PLACED]),
    (Failure(Gate.TOO_YOUNG, {"age_on_start": 17, "min_age": 18, "eligible_from": date(2027, 5, 2)}), NOTHING,
     [Step.OLD_ENOUGH_ON]),
])
def test_each_candidate_gate_has_the_steps_that_close_it(failure, situation, expected):
    assert codes(remedies_for(failure, situation, DATES)) == expected


@pytest.mark.parametrize("gate", OPENING_GATES)
def test_a_gate_of_the_opening_itself_closes_for_nobody(gate):
    failure = Failure(gate)
    assert codes(remedies_for(failure, TRAINING, DATES)) == [Step.CLOSED_TO_ALL]
    assert closes_for_nobody([missing(), failure])


def test_candidate_gates_alone_can_be_closed_by_the_seeker():
    assert not closes_for_nobody([missing(), LANGUAGE, Failure(Gate.TOO_OLD, {"max_age": 35})])


def test_every_gate_has_a_remedy_row():
    for gate in CANDIDATE_GATES + OPENING_GATES:
        data = {"scheme": "X", "test": "JLPT", "eligible_from": TODAY}
        assert remedies_for(Failure(gate, data), NOTHING, DATES), gate


def test_a_refused_certificate_is_uploaded_again():
    situation = Situation(TODAY, certificate_statuses={"SKKNI-SMAW": frozenset({"rejected"})})
    upload = remedies_for(missing(), situation, DATES)[0]
    assert upload == Remedy(Step.CERT_UPLOAD, {"scheme": "SKKNI-SMAW", "again": True})
    assert remedies_for(missing(), NOTHING, DATES)[0].data["again"] is False


@pytest.mark.parametrize(("start", "in_time"), [
    (date(2026, 10, 2), True),  # the cohort ends (1 October) before the job starts
    (date(2026, 10, 1), False),  # ends on the start date: the test comes too late
    (None, None),  # no start date yet: nobody can say
])
def test_the_next_cohort_says_whether_it_ends_before_the_job_starts(start, in_time):
    step = remedies_for(missing(), TRAINING, OpeningDates(start, None))[-1]
    assert step.code == Step.TRAINING_COHORT
    assert step.data["cohort_id"] == SOON.cohort_id  # the soonest, not the later one
    assert step.data["in_time"] is in_time
    assert step.data["scheme"] == "SKKNI-SMAW"


def test_a_language_course_carries_its_seats_and_the_test():
    step = remedies_for(LANGUAGE, TRAINING, DATES)[-1]
    assert step.data["test"] == "JLPT" and step.data["seats_left"] == 0 and step.data["cohort_id"] == FULL.cohort_id


@pytest.mark.parametrize(("dates", "before_start", "before_deadline", "in_time"), [
    # With a start date the gate judged age on it, so the 18th birthday always falls after it.
    (OpeningDates(date(2027, 5, 1), date(2027, 6, 1)), False, True, False),
    (OpeningDates(date(2027, 5, 2), None), True, None, True),
    # Without a start date age is judged today: the deadline decides.
    (OpeningDates(None, date(2027, 5, 2)), None, True, True),
    (OpeningDates(None, date(2027, 5, 1)), None, False, False),
    (OpeningDates(None, None), None, None, None),
])
def test_too_young_gives_the_day_they_turn_18_and_whether_it_is_in_time(dates, before_start, before_deadline,
                                                                       in_time):
    failure = Failure(Gate.TOO_YOUNG, {"age_on_start": 17, "min_age": 18, "eligible_from": date(2027, 5, 2)})
    step = remedies_for(failure, NOTHING, dates)[0]
    assert step.data["on"] == date(2027, 5, 2) and step.data["age"] == 18
    assert (step.data["before_start"], step.data["before_deadline"], step.data["in_time"]) == (
        before_start, before_deadline, in_time)
    assert step.data["days"] == (date(2027, 5, 2) - TODAY).days


def test_too_old_promises_nothing():
    step = remedies_for(Failure(Gate.TOO_OLD, {"age_on_start": 36, "max_age": 35}), TRAINING, DATES)
    assert step == [Remedy(Step.NOTHING_CLOSES, {"max_age": 35, "age_on_start": 36})]


def test_gaps_keep_the_order_of_the_failures():
    failures = [Failure(Gate.NO_CONSENT), missing(), LANGUAGE]
    gaps = close_gaps(failures, TRAINING, DATES)
    assert [g.failure for g in gaps] == failures
    assert all(g.remedies for g in gaps)


def test_an_unknown_gate_fails_loudly():
    with pytest.raises(ValueError):
        remedies_for(Failure("SOMETHING_NEW"), NOTHING, DATES)
