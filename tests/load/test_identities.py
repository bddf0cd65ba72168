"""The load test's people are people the app accepts, and the load generator finds the ones seed.py wrote."""
import csv

from app.domain.immigration import parse_identifier
from app.domain.nik import check_nik, parse_nik
from tests.load import identities

SAMPLE = 5000


def _provinces() -> set[str]:
    with open(identities.REFERENCE / "provinces.csv", encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def test_every_nik_agrees_with_its_holders_birth_date_gender_and_kecamatan():
    provinces = _provinces()
    for i, nik in enumerate(identities.niks(SAMPLE), start=1):
        person = identities.person(i)
        assert check_nik(nik, person.birth_date, person.gender, provinces) == [], (i, nik)
        assert nik[:6] == person.kelurahan_code.replace(".", "")[:6]


def test_niks_are_unique_and_the_same_on_every_call():
    first = identities.niks(SAMPLE)
    assert len(set(first)) == SAMPLE
    identities.niks.cache_clear()
    assert identities.niks(SAMPLE) == first


def test_unknown_niks_are_well_formed_and_held_by_nobody():
    held = set(identities.niks(SAMPLE))
    for k in range(0, 10_000, 7):
        nik = identities.unknown_nik(k)
        parsed, problems = parse_nik(nik, _provinces())
        assert problems == [] and parsed is not None
        assert nik not in held


def test_every_kind_of_api_lookup_the_load_test_sends_is_well_formed():
    nik = identities.niks(SAMPLE)[41]
    passport = identities.passport(identities.PASSPORT_EVERY * 3)
    for body in ({"nik": nik}, {"passport_number": passport}, {"nik": identities.unknown_nik(3)}):
        identifier, problem = parse_identifier(body)
        assert problem is None and identifier is not None, body
    assert identities.passport(identities.PASSPORT_EVERY * 3 + 1) is None


def test_ages_cover_the_programme_and_a_few_minors():
    ages = [(identities.ANCHOR - identities.person(i).birth_date).days // 365 for i in range(1, SAMPLE + 1)]
    assert min(ages) == 16 and max(ages) <= 41
    assert 0.01 < sum(age < 18 for age in ages) / len(ages) < 0.1
