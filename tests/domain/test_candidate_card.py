"""The employer's anonymised card: bands, kecamatan-level region, only valid verified certificates."""
from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from app.domain.candidate_card import (
    CandidateCard,
    CandidateFacts,
    HeldCertificate,
    age_band,
    candidate_card,
    identity_visible,
    region,
)
from app.domain.vocab import ACTIVE_STAGES, CLOSED_STAGES

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize("born,band", [
    (date(2008, 3, 1), "18–24"),      # 18 today
    (date(2008, 3, 2), "<18"),        # 18 tomorrow
    (date(2001, 3, 2), "18–24"),      # 24, turning 25 tomorrow
    (date(2001, 3, 1), "25–29"),
    (date(1996, 3, 1), "30–34"),
    (date(1991, 3, 1), "35–39"),
    (date(1986, 3, 2), "35–39"),
    (date(1986, 3, 1), "40+"),
    (date(1960, 1, 1), "40+"),
])
def test_age_is_shown_as_a_band_never_as_a_birth_date(born, band):
    assert age_band(born, TODAY) == band


@pytest.mark.parametrize("kecamatan,in_province,expected", [
    ("Bukit Intan", False, "Bukit Intan"),
    (None, True, "Bangka Belitung"),
    (None, False, None),
])
def test_the_region_is_never_finer_than_the_kecamatan(kecamatan, in_province, expected):
    assert region(kecamatan, in_province) == expected


def test_only_verified_certificates_still_valid_today_are_shown_by_scheme_name():
    facts = CandidateFacts(birth_date=date(2000, 1, 1), certificates=(
        HeldCertificate("Skema Caregiver / Kaigo - LSP Kaigo License Center", "verified", None),
        HeldCertificate("Welding (SMAW 3G)", "verified", TODAY),                 # expires today: still valid
        HeldCertificate("Housekeeping", "verified", date(2026, 2, 28)),          # expired
        HeldCertificate("Barista", "pending", None),
        HeldCertificate("Cook", "rejected", None),
    ))
    assert candidate_card(facts, TODAY).certifications == ("Skema Caregiver / Kaigo", "Welding")


def test_the_card_carries_education_languages_skills_and_experience_sorted_without_repeats():
    facts = CandidateFacts(birth_date=date(2000, 1, 1), kecamatan_name="Gerunggang", education_code="SMK",
                           languages=("JLPT N4", "IELTS 5.5", "JLPT N4"), skills=("welding", "forklift", "welding"),
                           experience_years=Decimal("2.5"))
    card = candidate_card(facts, TODAY)
    assert card == CandidateCard(age_band="25–29", region="Gerunggang", education_code="SMK", certifications=(),
                                 languages=("IELTS 5.5", "JLPT N4"), skills=("forklift", "welding"),
                                 experience_years=Decimal("2.5"))


def test_the_card_has_no_place_for_a_name_nik_address_contact_or_document():
    names = {f.name for f in fields(CandidateCard)} | {f.name for f in fields(CandidateFacts)}
    assert not names & {"name", "full_name", "nik", "address", "phone", "email", "documents", "kelurahan_name"}


@pytest.mark.parametrize("stage", ACTIVE_STAGES + CLOSED_STAGES)
def test_name_and_contact_show_from_shortlisting_on_and_not_once_closed(stage):
    expected = stage in ACTIVE_STAGES and stage != "applied"
    assert identity_visible(stage) is expected
