"""Reading a pasted offer: a normalised form of its text, and whole-phrase matching on it.

WhatsApp offers come with emojis, fancy bold letters, stretched words ("gajiii") and odd
punctuation; all of that is flattened first so that one list of phrases catches them all.
"""
import re
import unicodedata
from dataclasses import dataclass

_NOT_WORD = re.compile(r"[\W_]+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# An Indonesian mobile number (08…, +62 8…, 62 8…, also inside wa.me links) or another country's (+855 …).
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)(?:855|95|856|66|63)[\s.\-]?\d{1,3}|(?:\+|00)?62[\s.\-]?8\d{1,3}|08\d{1,3})"
                    r"[\s.\-]?\d{3,4}[\s.\-]?\d{3,5}(?![\d])")
# Legal forms and filler words that do not tell two organisations apart.
LEGAL_FORMS = frozenset({"pt", "cv", "ltd", "limited", "co", "inc", "corp", "corporation", "company", "kk", "gmbh",
                         "llc", "plc", "sdn", "bhd", "tbk", "the", "and", "dan", "kabushiki", "kaisha", "demo"})
_CODE = re.compile(r"\bJBT[\s\-–]*([0-9A-Z]{4})[\s\-–]*([0-9A-Z]{4})\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, plain letters, words separated by single spaces, stretched letters shortened."""
    plain = unicodedata.normalize("NFKC", text or "").lower()
    spaced = _NOT_WORD.sub(" ", plain)
    return _STRETCHED.sub(r"\1", spaced).strip()


@dataclass(frozen=True)
class Phrases:
    """A list of phrases, with the words that cancel a hit when they stand just before or after it."""
    words: tuple[str, ...]
    negations_before: frozenset[str] = frozenset()
    negations_after: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words, negations_before=(), negations_after=()) -> "Phrases":
        cleaned = tuple(dict.fromkeys(w for w in (normalise(word) for word in words) if w))
        return cls(cleaned, frozenset(map(normalise, negations_before)), frozenset(map(normalise, negations_after)))

    def found_in(self, normalised: str) -> list[str]:
        """The phrases present in a normalised text, in list order, without the negated ones."""
        tokens = normalised.split()
        padded = f" {normalised} "
        return [phrase for phrase in self.words
                if f" {phrase} " in padded and self._has_plain_hit(tokens, phrase.split())]

    def _has_plain_hit(self, tokens: list[str], phrase: list[str]) -> bool:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tokens[start:start + size] != phrase:
                continue
            before = set(tokens[max(0, start - 2):start])
            after = set(tokens[start + size:start + size + 1])
            if not (before & self.negations_before or after & self.negations_after):
                return True
        return False


def phone_numbers(text: str) -> list[str]:
    """Phone numbers written in the offer, digits only (`6281234567890`, `85512345678`)."""
    found = []
    for match in _PHONE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(0)).removeprefix("00")
        found.append("62" + digits[1:] if digits.startswith("08") else digits)
    return found


def codes_in(text: str) -> list[str]:
    """Verification codes written in the offer (`JBT-7K3Q-9M2X`), upper case."""
    return [f"JBT-{a.upper()}-{b.upper()}" for a, b in _CODE.findall(text or "")]


def same_organisation(said: str, registered: str) -> bool:
    """Whether two names denote one organisation: the words of one (legal forms aside) are all in the other."""
    def words(name: str) -> set[str]:
        return set(normalise(name).split()) - LEGAL_FORMS
    a, b = words(said), words(registered)
    return bool(a and b) and (a <= b or b <= a)
