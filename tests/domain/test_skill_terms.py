"""Typed skills to stored terms: normalised, mapped to the vocabulary, once each."""
import pytest

from app.domain.skill_terms import canonical_terms, split_terms

ALIASES = {"las": "welding", "pengelasan": "welding", "welder": "welding", "welding": "welding",
           "menjahit": "sewing", "jahit": "sewing"}


@pytest.mark.parametrize("raw, expected", [
    (["Pengelasan"], ["welding"]),
    (["las", "  WELDER ", "Welding."], ["welding"]),  # synonyms and typing variants collapse
    (["menjahit", "las"], ["sewing", "welding"]),  # first seen keeps its place
    (["Memasak  Nasi"], ["memasak nasi"]),  # a free term is kept, normalised
    (["", "  ", "--"], []),
    (["menjahit", "Menjahit", "jahit"], ["sewing"]),
])
def test_canonical_terms(raw, expected):
    assert canonical_terms(raw, ALIASES) == expected


@pytest.mark.parametrize("text, expected", [
    ("las, menjahit; forklift", ["las", " menjahit", " forklift"]),
    ("las\nmenjahit", ["las", "menjahit"]),
    ("f&b service", ["f&b service"]),
    (" , ;", []),
    ("", []),
])
def test_split_terms(text, expected):
    assert split_terms(text) == expected
