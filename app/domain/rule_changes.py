"""Which openings a change to the destination rules would affect.

Compares the verdict of `destination_verdict` under the rules in force now with the verdict under
the proposed rules; only openings whose status (allowed / caution / blocked) changes are listed.
"""
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.destinations import RuleFacts, destination_verdict


@dataclass(frozen=True)
class OpeningFacts:
    id: int
    country_code: str
    sector_code: str | None
    start_date: date | None


@dataclass(frozen=True)
class VerdictChange:
    opening_id: int
    before: str
    after: str

    @property
    def is_stricter(self) -> bool:
        order = ("allowed", "caution", "blocked")
        return order.index(self.after) > order.index(self.before)


def with_rule(rules: Sequence[RuleFacts], proposed: RuleFacts) -> list[RuleFacts]:
    """The rule list after saving `proposed`: it replaces the rule with its id, or is added when new."""
    if proposed.id is None:
        return [*rules, proposed]
    return [proposed if rule.id == proposed.id else rule for rule in rules]


def judged_on(opening: OpeningFacts, today: date) -> date:
    """The date an opening's destination is judged on: its start date, or today once that has passed.

    An opening whose start date is over still takes applications until it closes, so what matters
    for it is the rule in force now."""
    if opening.start_date is None or opening.start_date < today:
        return today
    return opening.start_date


def affected_by_change(openings: Iterable[OpeningFacts], current: Sequence[RuleFacts],
                       proposed: Sequence[RuleFacts], today: date) -> list[VerdictChange]:
    """The openings whose destination verdict differs between the current and the proposed rules."""
    changes = []
    for opening in openings:
        on = judged_on(opening, today)
        before = destination_verdict(current, opening.country_code, opening.sector_code, on).status
        after = destination_verdict(proposed, opening.country_code, opening.sector_code, on).status
        if before != after:
            changes.append(VerdictChange(opening.id, before, after))
    return changes
