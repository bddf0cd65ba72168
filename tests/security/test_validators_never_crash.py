"""The NIK, passport and phone validators answer every text a person or an attacker can type: a value or
a reason, never an exception."""
import re
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.documents import check_document, normalise_passport
from app.domain.immigration import parse_identifier
from app.domain.nik import check_nik, normalise_nik, parse_nik
from app.domain.phone import normalise_phone
from tests.security.properties import any_text, profile

PROVINCES = frozenset({"19", "31", "32"})
TODAY = date(2026, 1, 15)
# Text that looks like a NIK: digits of every script, spaces and dots where people put them.
nik_like = st.text(st.sampled_from("0123456789 .²³¹٠١٢٣٤٥٦٧٨٩０１２３"), min_size=14, max_size=20)
texts = st.one_of(any_text, nik_like, st.text(max_size=400))


@profile(validators=True)
@given(raw=texts, born=st.dates(date(1900, 1, 1), date(2099, 12, 31)), gender=st.sampled_from(["M", "F", "X"]))
@example(raw="²" * 16, born=date(2001, 8, 9), gender="F")   # superscript digits pass str.isdigit()
@example(raw="١٩٧١٠١٤٩٠٨٠١٠٠١٢", born=date(2001, 8, 9), gender="F")
def test_the_nik_check_answers_any_text_with_problems_or_a_parsed_nik(raw, born, gender):
    parsed, problems = parse_nik(raw, PROVINCES)
    assert (parsed is None) == bool(problems)
    if parsed is not None:
        assert re.fullmatch(r"[0-9]{16}", normalise_nik(raw))
        assert parsed.gender in ("M", "F") and 1 <= parsed.month <= 12
    assert all(problem.code.startswith("NIK_") for problem in check_nik(raw, born, gender, PROVINCES))


@profile(validators=True)
@given(raw=st.one_of(texts, st.none()), issued=st.one_of(st.none(), st.dates()),
       expires=st.one_of(st.none(), st.dates()))
def test_the_passport_check_answers_any_text_with_a_list_of_problems(raw, issued, expires):
    problems = check_document("passport", raw, issued, expires, TODAY)
    number_ok = not [p for p in problems if p.field == "number"]
    assert number_ok == bool(re.fullmatch(r"[A-Z0-9]{6,9}", normalise_passport(raw)))


@profile(validators=True)
@given(kind=st.sampled_from(["nik", "nik_hash", "passport_number"]), raw=st.one_of(texts, st.integers(), st.none()))
def test_the_api_and_officer_identifier_check_answers_any_value(kind, raw):
    identifier, problem = parse_identifier({kind: raw})
    assert (identifier is None) != (problem is None)
    if identifier is not None:
        assert re.fullmatch(r"[0-9]{16}|[0-9a-f]{64}|[A-Z0-9]{6,9}", identifier.value)


@profile(validators=True)
@given(raw=st.one_of(texts, st.from_regex(r"\A(\+62|0)8[0-9 -]{8,13}\Z"), st.none()),
       region=st.sampled_from(["ID", "JP", "KR", "TW", "ZZ"]))
def test_the_phone_check_answers_any_text_with_e164_or_none(raw, region):
    phone = normalise_phone(raw, region)
    assert phone is None or re.fullmatch(r"\+[1-9][0-9]{6,14}", phone)
