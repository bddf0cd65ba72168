"""Destination rules: a sector rule wins, no rule means caution, dates bound every rule."""
from datetime import date

import pytest

from app.domain.destinations import RuleFacts, destination_verdict

RULES = [
    RuleFacts(1, "MM", None, "blocked", date(2025, 10, 28)),
    RuleFacts(2, "SA", None, "allowed", date(2020, 8, 1)),
    RuleFacts(3, "SA", "domestic-work", "blocked", date(2015, 7, 1)),
    RuleFacts(4, "JP", None, "allowed", date(2020, 8, 1)),
    RuleFacts(5, "XX", None, "allowed", date(2020, 1, 1), valid_to=date(2024, 12, 31)),
    RuleFacts(6, "YY", None, "allowed", date(2020, 1, 1)),
    RuleFacts(7, "YY", None, "blocked", date(2023, 1, 1)),
]
ON = date(2026, 3, 1)


@pytest.mark.parametrize("country, sector, on, status, rule_id", [
    ("MM", "manufacturing", ON, "blocked", 1),
    ("mm", None, ON, "blocked", 1),                       # codes are case-insensitive
    ("MM", None, date(2025, 10, 27), "caution", None),    # before the rule: no rule, so caution
    ("SA", "domestic-work", ON, "blocked", 3),            # the sector rule wins
    ("SA", "construction", ON, "allowed", 2),
    ("JP", "care", ON, "allowed", 4),
    ("FR", "care", ON, "caution", None),                  # no rule at all
    ("XX", None, date(2024, 12, 31), "allowed", 5),       # the last day of a rule is inside it
    ("XX", None, date(2025, 1, 1), "caution", None),      # the day after it ended
    ("YY", None, ON, "blocked", 7),                       # two rules in force: the strictest
])
def test_destination_verdicts(country, sector, on, status, rule_id):
    verdict = destination_verdict(RULES, country, sector, on)
    assert verdict.status == status
    assert (verdict.rule.id if verdict.rule else None) == rule_id
