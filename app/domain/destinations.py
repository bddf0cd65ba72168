"""Which destination rule applies to a country and sector on a date.

A sector rule wins over a country-wide one; a country with no rule in force counts as
`caution`, so nothing is ever allowed by default.
"""
from dataclasses import dataclass
from datetime import date

CAUTION_BY_DEFAULT = "caution"


@dataclass(frozen=True)
class RuleFacts:
    id: int | None
    country_code: str
    sector_code: str | None  # None: the rule covers every sector of the country
    status: str  # allowed | caution | blocked
    valid_from: date
    valid_to: date | None = None
    source: str = ""

    def is_in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Verdict:
    status: str
    rule: RuleFacts | None  # None when no rule applies (the default caution)


def destination_verdict(rules, country_code: str, sector_code: str | None, on: date) -> Verdict:
    """The status for this country and sector on this date, and the rule that decided it."""
    country = (country_code or "").upper()
    in_force = [r for r in rules if r.country_code.upper() == country and r.is_in_force(on)]
    for scope in ([r for r in in_force if sector_code and r.sector_code == sector_code],
                  [r for r in in_force if r.sector_code is None]):
        if scope:
            # Of several rules in force for one scope, the strictest applies, then the newest.
            strictest = max(scope, key=lambda r: (("allowed", "caution", "blocked").index(r.status), r.valid_from))
            return Verdict(strictest.status, strictest)
    return Verdict(CAUTION_BY_DEFAULT, None)
