"""Every legal gate reads as a plain sentence with its data, and has a short name for lists."""
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.domain.eligibility import Failure, Gate
from app.web.gate_words import LABELS, SENTENCES, gate_label, gate_sentence


@pytest.fixture
def english(app):
    with app.test_request_context(), force_locale("en"):
        yield


CASES = [
    (Gate.TOO_YOUNG, {"age_on_start": 17, "min_age": 18, "eligible_from": date(2027, 3, 4)},
     "You will be 17 on the start date; the minimum age is 18. You turn 18 on March 4, 2027."),
    (Gate.TOO_OLD, {"age_on_start": 36, "max_age": 35},
     "You will be 36 on the start date; the maximum age for this job is 35."),
    (Gate.CERT_MISSING, {"scheme": "LSP-CAREGIVER"},
     "This job needs a verified certificate \"Skema Caregiver / Kaigo\". You do not have one yet."),
    (Gate.CERT_EXPIRES_BEFORE_START, {"scheme": "LSP-HOUSEKEEPING", "expires_on": date(2027, 1, 31),
                                      "start": date(2027, 2, 1)},
     "Your certificate \"Skema Housekeeping / Tata Graha\" expires on January 31, 2027, before the start date "
     "(February 1, 2027). Renew it first."),
    (Gate.LANGUAGE_BELOW, {"test": "JLPT", "has": "N5", "needs": "N4"}, "This job needs JLPT N4. You have JLPT N5."),
    (Gate.LANGUAGE_BELOW, {"test": "JLPT", "has": None, "needs": "N4"},
     "This job needs JLPT N4. You have no JLPT result yet."),
    (Gate.EDUCATION_BELOW, {"has": "SMP", "needs": "SMA"},
     "This job needs at least: Senior secondary school. Your education: Junior secondary school."),
    (Gate.EDUCATION_BELOW, {"has": None, "needs": "SMA"},
     "This job needs at least: Senior secondary school. Your education is not in your profile yet."),
    (Gate.DESTINATION_BLOCKED, {"country": "MM", "sector": None, "status": "blocked", "rule": 1,
                                "on": date(2027, 1, 5)},
     "Working in Myanmar (Burma) (MM) is not allowed on January 5, 2027."),
    (Gate.DESTINATION_BLOCKED, {"country": "SA", "sector": "manufacturing", "status": "blocked", "rule": 5,
                                "on": date(2027, 1, 5)},
     "Working in Saudi Arabia (SA) in the sector Manufacturing is not allowed on January 5, 2027."),
    (Gate.DESTINATION_BLOCKED, {"country": "LA", "sector": None, "status": "caution", "rule": 3,
                                "on": date(2027, 1, 5)},
     "Laos (LA) needs caution on January 5, 2027: a coordinator must first justify this opening in writing."),
    (Gate.EMPLOYER_NOT_VERIFIED, {}, "The employer is not verified yet."),
    (Gate.AGREEMENT_INACTIVE, {}, "The partner city's agreement is not in force."),
    (Gate.OPENING_NOT_APPROVED, {"status": "submitted"}, "The opening is not approved (its status: Submitted)."),
    (Gate.WORKER_FEE, {"amount": Decimal("2500000")},
     "The opening would charge the worker IDR2,500,000.00. The law allows no placement fee."),
    (Gate.NO_CONSENT, {}, "You have not agreed to matching. You can agree on your privacy page."),
    (Gate.ALREADY_PLACED, {}, "You already accepted a job offer, so you are not matched to others."),
]


def test_every_gate_has_a_sentence_a_label_and_a_test_case():
    assert set(SENTENCES) == set(Gate) and set(LABELS) == set(Gate)
    assert {code for code, _data, _words in CASES} == set(Gate)


@pytest.mark.parametrize(("code", "data", "words"), CASES)
def test_failed_gate_reads_as_a_plain_sentence(english, code, data, words):
    assert gate_sentence(Failure(code, data)) == words


@pytest.mark.parametrize("code", list(Gate))
def test_every_gate_has_a_short_name_from_its_code_or_its_string(english, code):
    assert gate_label(code) == gate_label(str(code)) and gate_label(code)


def test_sentences_follow_the_reader_language(app):
    with app.test_request_context(), force_locale("id"):
        indonesian = gate_sentence(Failure(Gate.EDUCATION_BELOW, {"has": "SMP", "needs": "SMA"}))
    assert "Sekolah Menengah Atas (SMA)" in indonesian and "Sekolah Menengah Pertama (SMP)" in indonesian
