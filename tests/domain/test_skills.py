"""One normal form for skill terms, so every spelling of a skill finds the same row."""
import pytest

from app.domain.skills import normalise_term


@pytest.mark.parametrize("text, expected", [
    ("welding", "welding"),
    ("Welding", "welding"),
    ("  las   MIG ", "las mig"),                    # outer spaces go, inner runs collapse to one
    ("tukang\tlas\n", "tukang las"),                # tabs and newlines are whitespace too
    ("Las SMAW.", "las smaw"),                      # punctuation at the ends goes
    ("(K3)", "k3"),
    ("...first aid!?", "first aid"),
    ("F&B service", "f&b service"),                 # punctuation inside a term stays
    ("pertolongan pertama - P3K", "pertolongan pertama - p3k"),
    ("STRASSE", "strasse"),                         # casefold, not just lower
    ("Straße", "strasse"),
    ("ＣＮＣ", "cnc"),                              # full-width letters typed on phones
    ("\u00a0bahasa\u00a0jepang\u00a0", "bahasa jepang"),  # non-breaking spaces from pasted text
    ("", ""),
    ("  ", ""),
    ("--", ""),
])
def test_normalise_term(text, expected):
    assert normalise_term(text) == expected


@pytest.mark.parametrize("spelling", ["Las MIG", "las  mig", "LAS MIG.", " las mig "])
def test_spellings_of_one_skill_normalise_alike(spelling):
    assert normalise_term(spelling) == "las mig"


def test_normalising_twice_changes_nothing():
    once = normalise_term("  Pertolongan   Pertama (P3K). ")
    assert normalise_term(once) == once
