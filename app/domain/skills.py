"""Skill terms: one normal form, so "Las  MIG." and "las mig" name the same skill."""
import unicodedata


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def normalise_term(text: str) -> str:
    """Casefold, collapse whitespace and strip punctuation at both ends; inner punctuation stays ("f&b")."""
    term = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    start, end = 0, len(term)
    while start < end and (_is_punctuation(term[start]) or term[start].isspace()):
        start += 1
    while end > start and (_is_punctuation(term[end - 1]) or term[end - 1].isspace()):
        end -= 1
    return term[start:end]
