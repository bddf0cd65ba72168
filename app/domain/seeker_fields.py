"""Reading typed values out of one raw import record, collecting a reason code for each bad value."""
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

LENGTHS = {"ref": 64, "name": 120, "email": 254, "skill": 120, "number": 80}
TRUE_WORDS, FALSE_WORDS = ("true", "1", "yes"), ("false", "0", "no")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Lookups:
    """The reference data a record is checked against; code maps are keyed by the casefolded code."""
    today: date
    province_codes: frozenset[str]
    kelurahan_codes: frozenset[str]
    education_codes: Mapping[str, str]
    scheme_codes: Mapping[str, str]
    sector_codes: Mapping[str, str]
    language_tests: Mapping[str, str]
    language_levels: Mapping[tuple[str, str], int]  # (test code, casefolded level code) -> level id
    skill_aliases: Mapping[str, tuple[str, int]]  # normalised spelling -> (canonical term, skill id)


class RecordFields:
    """Reads typed values out of one raw mapping, collecting a problem for each bad value."""

    def __init__(self, raw: Mapping, prefix: str = ""):
        self.raw, self.prefix, self.problems = raw, prefix, []

    def refuse(self, name: str, reason: str, /, **data) -> None:
        self.problems.append(Problem(self.prefix + name, reason, data))

    def present(self, name: str, required: bool) -> bool:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.refuse(name, "MISSING")
            return False
        return True

    def text(self, name: str, required: bool = True, max_length: int | None = None) -> str | None:
        if not self.present(name, required):
            return None
        value = self.raw[name]
        if isinstance(value, bool) or not isinstance(value, str | int):
            return self.refuse(name, "WRONG_TYPE", expected="text")
        value = " ".join(str(value).split())
        if max_length and len(value) > max_length:
            return self.refuse(name, "TOO_LONG", max=max_length)
        return value

    def date(self, name: str, required: bool = True) -> date | None:
        value = self.text(name, required)
        if value is None:
            return None
        if not _ISO_DATE.fullmatch(value):
            return self.refuse(name, "DATE_FORMAT")
        try:
            return date.fromisoformat(value)
        except ValueError:
            return self.refuse(name, "DATE_IMPOSSIBLE", value=value)

    def flag(self, name: str, required: bool = True) -> bool | None:
        if not self.present(name, required):
            return None
        value = self.raw[name]
        word = str(value).strip().casefold() if not isinstance(value, bool) else ("true" if value else "false")
        if isinstance(value, float | list | dict) or word not in TRUE_WORDS + FALSE_WORDS:
            return self.refuse(name, "BOOL_INVALID")
        return word in TRUE_WORDS

    def code(self, name: str, known: Mapping[str, str], unknown: str, required: bool = True) -> str | None:
        value = self.text(name, required)
        if value is None:
            return None
        if value.casefold() not in known:
            return self.refuse(name, unknown, code=value)
        return known[value.casefold()]

    def items(self, name: str) -> list:
        """A list field: a JSON list, or one text of `;`-separated items; empty items are dropped."""
        if not self.present(name, False):
            return []
        value = self.raw[name]
        if isinstance(value, str):
            value = value.split(";")
        if not isinstance(value, list):
            self.refuse(name, "WRONG_TYPE", expected="list")
            return []
        return [item.strip() if isinstance(item, str) else item for item in value
                if item is not None and not (isinstance(item, str) and not item.strip())]

