"""Every factor of an explanation reads as a sentence with its data, in the reader's language."""
import pytest
from flask_babel import force_locale

from app.domain.matching.features import CODES
from app.domain.matching.scoring import Factor
from app.web.factor_words import SENTENCES, duration_words, explanation, factor_sentence


@pytest.fixture
def english(app):
    with app.test_request_context(), force_locale("en"):
        yield


CASES = [
    ("REQUIRED_SKILLS", {"matched": 4, "of": 5, "missing": ["welding"]},
     "Has 4 of 5 required skills (missing: welding)"),
    ("REQUIRED_SKILLS", {"matched": 3, "of": 3, "missing": []}, "Has all 3 required skills"),
    ("REQUIRED_SKILLS", {"matched": 0, "of": 1, "missing": ["forklift operation"]},
     "Has 0 of 1 required skill (missing: forklift operation)"),
    ("SKILL_SIMILARITY", {"share": 0.62},
     "Skills cover 62% of all the skills asked, weighted by importance and rarity"),
    ("PREFERRED_SKILLS", {"matched": 1, "of": 2}, "Has 1 of 2 nice-to-have skills"),
    ("CERT_LEVEL", {"has": 3, "needs": 2, "levels_above": 1},
     "Certificate at KKNI level 3, 1 level above the required level 2"),
    ("CERT_LEVEL", {"has": 2, "needs": 2, "levels_above": 0}, "Certificate at KKNI level 2, the required level"),
    ("CERT_LEVEL", {"has": None, "needs": 2, "levels_above": 0},
     "No certificate with a KKNI level in this sector (required: level 2)"),
    ("LANGUAGE_MARGIN", {"test": "JLPT", "has": "N3", "needs": "N4", "levels_above": 1},
     "JLPT N3, 1 level above the minimum (JLPT N4)"),
    # The score stops counting at 2 levels; the sentence still tells the truth (N1 is 3 above N4).
    ("LANGUAGE_MARGIN", {"test": "JLPT", "has": "N1", "needs": "N4", "levels_above": 2},
     "JLPT N1, 3 levels above the minimum (JLPT N4)"),
    ("LANGUAGE_MARGIN", {"test": "JLPT", "has": "N4", "needs": "N4", "levels_above": 0},
     "JLPT N4, the minimum required"),
    ("LANGUAGE_MARGIN", {"test": "EPS-TOPIK", "has": "pass", "needs": "pass", "levels_above": 0},
     "EPS-TOPIK (passed), the minimum required"),
    ("EDUCATION_MARGIN", {"has": "D3", "needs": "SMA", "levels_above": 2},
     "Diploma 3, 3 levels above the minimum (Senior secondary school)"),
    ("EDUCATION_MARGIN", {"has": "SMK", "needs": "SMA", "levels_above": 0},
     "Vocational secondary school, the minimum education"),
    ("EXPERIENCE_YEARS", {"years": 4.5}, "4.5 years of work experience"),
    ("EXPERIENCE_YEARS", {"years": 1.0}, "1 year of work experience"),
    ("EXPERIENCE_YEARS", {"years": 0.0}, "No work experience stated"),
    ("RELEVANT_EXPERIENCE", {"months": 27, "occupation": "7212"}, "2 years 3 months of work in this occupation"),
    ("RELEVANT_EXPERIENCE", {"months": 0, "occupation": "7212"}, "No past work in this occupation"),
    ("SECTOR_TRAINING", {"sector": "manufacturing", "trained": True}, "Completed training in this sector"),
    ("SECTOR_TRAINING", {"sector": "manufacturing", "trained": False}, "No completed training in this sector"),
    ("PREFERENCE_FIT", {"country": True, "sector": True}, "Wants to work in this country and sector"),
    ("PREFERENCE_FIT", {"country": True, "sector": False}, "Wants to work in this country"),
    ("PREFERENCE_FIT", {"country": False, "sector": True}, "Wants to work in this sector"),
    ("PREFERENCE_FIT", {"country": False, "sector": False},
     "Has not listed this country or sector among their wishes"),
]


def test_every_feature_code_has_a_sentence_and_a_test_case():
    assert set(SENTENCES) == set(CODES)
    assert {code for code, _data, _words in CASES} == set(CODES)


@pytest.mark.parametrize(("code", "data", "words"), CASES)
def test_factor_reads_as_a_sentence_with_its_data(english, code, data, words):
    assert factor_sentence(Factor(code, 0.1, data)) == words


def test_durations_read_in_years_and_months(english):
    assert [duration_words(m) for m in (5, 12, 14, 24)] == ["5 months", "1 year", "1 year 2 months", "2 years"]


def test_missing_skills_show_the_indonesian_label_in_indonesian(app):
    with app.test_request_context(), force_locale("id"):
        sentence = factor_sentence(Factor("REQUIRED_SKILLS", 0.2, {"matched": 1, "of": 2, "missing": ["welding"]}))
    assert "pengelasan" in sentence and "welding" not in sentence


def test_explanation_lists_largest_contribution_first_with_its_share(english):
    factors = [Factor("SECTOR_TRAINING", 0.0, {"sector": "care", "trained": False}),
               Factor("REQUIRED_SKILLS", 0.36, {"matched": 2, "of": 2, "missing": []}),
               Factor("PREFERENCE_FIT", 0.06, {"country": True, "sector": True})]
    assert explanation(factors) == [("Has all 2 required skills", 0.36),
                                     ("Wants to work in this country and sector", 0.06),
                                     ("No completed training in this sector", 0.0)]
