"""From what a person typed to the skill terms we store: normalised, mapped to the vocabulary, once each."""
import re
from collections.abc import Iterable, Mapping

from app.domain.skills import normalise_term

# Several skills may be typed in one box: "las, menjahit; forklift".
_SEPARATORS = re.compile(r"[,;\n]")


def split_terms(text: str) -> list[str]:
    """The pieces of a box where several skills were typed, separated by commas, semicolons or lines."""
    return [piece for piece in _SEPARATORS.split(text or "") if piece.strip()]


def canonical_terms(raw: Iterable[str], alias_map: Mapping[str, str]) -> list[str]:
    """Each raw term normalised and, when it is a known spelling, replaced by its canonical term.

    `alias_map` maps normalised spellings to canonical terms. Empty terms are dropped and
    duplicates collapse, keeping the first one's place.
    """
    terms: dict[str, None] = {}
    for text in raw:
        term = normalise_term(text)
        if term:
            terms.setdefault(alias_map.get(term, term))
    return list(terms)
