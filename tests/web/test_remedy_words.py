"""Every step that closes a gap has words, and a link only where the reader can take it."""
from datetime import date

import pytest

from app.domain.eligibility import Failure, Gate
from app.domain.remedies import CohortOption, Gap, OpeningDates, Remedy, Situation, Step, close_gaps
from app.web import remedy_words
from app.web.remedy_words import COORDINATOR, SEEKER, gap_texts, step_text

COHORT = {"cohort_id": 7, "programme": "Pengelasan SMAW", "starts_on": date(2026, 7, 1), "ends_on": date(2026, 10, 1),
          "status": "open", "seats_left": 3, "mine": None, "in_time": True, "scheme": "SKKNI-SMAW"}
STEPS = [
    (Remedy(Step.TRAINING_COHORT, COHORT), "/seeker/training?scheme=SKKNI-SMAW#cohort-7",
     "/coordinator/training/cohorts/7"),
    (Remedy(Step.ASK_COORDINATOR, {"scheme": "SKKNI-SMAW"}), None, None),
    (Remedy(Step.CERT_AWAITS_VERIFICATION, {"scheme": "SKKNI-SMAW"}), "/seeker/papers", None),
    (Remedy(Step.CERT_UPLOAD, {"scheme": "SKKNI-SMAW", "again": False}), "/seeker/papers/certifications/new", None),
    (Remedy(Step.CERT_UPLOAD, {"scheme": "SKKNI-SMAW", "again": True}), "/seeker/papers/certifications/new", None),
    (Remedy(Step.CERT_RENEW, {"scheme": "SKKNI-SMAW", "expires_on": date(2027, 1, 1), "start": date(2027, 4, 1)}),
     None, None),
    (Remedy(Step.LANGUAGE_LEVEL, {"test": "JLPT", "has": "N5", "needs": "N4"}), None, None),
    (Remedy(Step.LANGUAGE_LEVEL, {"test": "EPS-TOPIK", "has": None, "needs": "pass"}), None, None),
    (Remedy(Step.LANGUAGE_RESULT, {"test": "JLPT"}), "/seeker/profile/languages", None),
    (Remedy(Step.EDUCATION_NEEDED, {"has": "SMP", "needs": "SMA"}), "/seeker/profile/education", None),
    (Remedy(Step.OLD_ENOUGH_ON, {"on": date(2027, 5, 2), "age": 18, "start": date(2027, 4, 1), "deadline": None,
                                 "before_start": False, "before_deadline": None, "in_time": False, "days": 300}),
     None, None),
    (Remedy(Step.NOTHING_CLOSES, {"max_age": 35, "age_on_start": 36}), None, None),
    (Remedy(Step.GIVE_CONSENT), "/seeker/privacy#consent-matching", None),
    (Remedy(Step.PLACED), None, None),
    (Remedy(Step.CLOSED_TO_ALL), None, None),
]


@pytest.fixture
def english(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize(("remedy", "seeker_link", "coordinator_link"), STEPS)
def test_each_step_has_words_and_the_right_link_for_each_reader(english, remedy, seeker_link, coordinator_link):
    mine, theirs = step_text(remedy, SEEKER), step_text(remedy, COORDINATOR)
    assert mine.sentence and theirs.sentence
    assert (mine.link, theirs.link) == (seeker_link, coordinator_link)
    assert bool(mine.link_label) == bool(seeker_link)


def test_every_step_code_is_in_the_table_and_has_words():
    assert {remedy.code for remedy, _mine, _theirs in STEPS} == set(Step) == set(remedy_words.STEPS)


@pytest.mark.parametrize(("data", "words"), [
    ({"in_time": True, "deadline": date(2027, 6, 1), "before_start": None, "before_deadline": True},
     "before the deadline"),
    ({"in_time": False, "start": date(2027, 4, 1), "before_start": False, "before_deadline": None},
     "after this job starts"),
    ({"in_time": False, "deadline": date(2027, 4, 1), "before_start": None, "before_deadline": False},
     "after the deadline"),
    ({"in_time": None, "before_start": None, "before_deadline": None}, "you can be matched"),
])
def test_the_18th_birthday_is_put_against_the_start_or_the_deadline(english, data, words):
    remedy = Remedy(Step.OLD_ENOUGH_ON, {"on": date(2027, 5, 2), "age": 18, "start": None, "deadline": None,
                                         "days": 1, **data})
    assert words in step_text(remedy).sentence


def test_the_openings_own_gates_make_one_entry_with_one_step(english):
    failures = [Failure(Gate.EMPLOYER_NOT_VERIFIED), Failure(Gate.AGREEMENT_INACTIVE),
                Failure(Gate.CERT_MISSING, {"scheme": "SKKNI-SMAW"})]
    situation = Situation(date(2026, 6, 1), cohorts_by_scheme={"SKKNI-SMAW": (
        CohortOption(7, "Pengelasan SMAW", date(2026, 7, 1), date(2026, 10, 1), "open", 3),)})
    texts = gap_texts(close_gaps(failures, situation, OpeningDates(date(2027, 4, 1))))
    assert [len(t.sentences) for t in texts] == [2, 1]
    assert len(texts[0].steps) == 1 and "Nobody can take this opening" in texts[0].steps[0].sentence
    assert texts[1].label == "Certificate missing" and len(texts[1].steps) == 2


def test_the_consent_gap_links_to_the_consent(english):
    gap = Gap(Failure(Gate.NO_CONSENT), (Remedy(Step.GIVE_CONSENT),))
    assert gap_texts([gap])[0].steps[0].link == "/seeker/privacy#consent-matching"
