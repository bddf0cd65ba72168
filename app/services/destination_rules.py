"""Destination rules: where placements may go, dated and sourced; every change audited with its effect."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from app.domain.destinations import RuleFacts, Verdict, destination_verdict
from app.domain.rule_changes import OpeningFacts, affected_by_change, with_rule
from app.domain.vocab import RULE_STATUSES
from app.extensions import db
from app.models import DestinationRule, Opening, Sector
from app.services import audit
from app.services.audit import Actor
from app.services.partners import country_name
from app.services.registration import Problem

# Openings a coordinator has to look at again when their destination's verdict changes.
PREVIEWED_STATUSES = ("submitted", "approved")
EDITED = ("country_code", "sector_code", "status", "valid_from", "valid_to", "basis", "source")


@dataclass
class RuleInput:
    country_code: str
    sector_code: str | None
    status: str
    valid_from: date
    valid_to: date | None
    basis: str
    source: str


@dataclass(frozen=True)
class AffectedOpening:
    opening: Opening
    before: str
    after: str


class RuleRefused(Exception):
    """The input breaks a rule; `problems` name the field and a code the web layer words."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


def facts_of(rule: DestinationRule) -> RuleFacts:
    return RuleFacts(id=rule.id, country_code=rule.country_code, sector_code=rule.sector_code, status=rule.status,
                     valid_from=rule.valid_from, valid_to=rule.valid_to, source=rule.source)


def rules_facts() -> list[RuleFacts]:
    """Every destination rule, as the pure domain reads them."""
    return [facts_of(rule) for rule in db.session.scalars(select(DestinationRule).order_by(DestinationRule.id))]


def verdict_for(country_code: str, sector_code: str | None, on: date) -> Verdict:
    """allowed / caution / blocked for this country and sector on this date, with the rule that decided it."""
    return destination_verdict(rules_facts(), country_code, sector_code, on)


def list_rules(country: str | None = None, sector: str | None = None, status: str | None = None,
               in_force_on: date | None = None) -> list[DestinationRule]:
    """Rules by country, country-wide rules first, then by sector and date; filters are optional."""
    query = select(DestinationRule).order_by(DestinationRule.country_name, DestinationRule.sector_code.is_not(None),
                                             DestinationRule.sector_code, DestinationRule.valid_from)
    if country:
        query = query.where(DestinationRule.country_code == country.upper())
    if sector == "*":
        query = query.where(DestinationRule.sector_code.is_(None))
    elif sector:
        query = query.where(DestinationRule.sector_code == sector)
    if status:
        query = query.where(DestinationRule.status == status)
    if in_force_on:
        query = query.where(DestinationRule.valid_from <= in_force_on,
                            or_(DestinationRule.valid_to.is_(None), DestinationRule.valid_to >= in_force_on))
    return list(db.session.scalars(query))


def ruled_countries() -> list[str]:
    """The country codes that have at least one rule."""
    return list(db.session.scalars(select(DestinationRule.country_code).distinct()
                                   .order_by(DestinationRule.country_code)))


def preview_change(data: RuleInput, rule: DestinationRule | None, today: date) -> list[AffectedOpening]:
    """Submitted and approved openings whose verdict would change if `data` were saved (as `rule`, or new)."""
    _check(data)
    current = rules_facts()
    proposed = with_rule(current, _proposed_facts(data, rule))
    countries = {data.country_code.upper()} | ({rule.country_code} if rule else set())
    openings = {o.id: o for o in db.session.scalars(
        select(Opening).where(Opening.status.in_(PREVIEWED_STATUSES), Opening.country_code.in_(countries))
        .order_by(Opening.start_date, Opening.id))}
    facts = [OpeningFacts(o.id, o.country_code, o.sector_code, o.start_date) for o in openings.values()]
    return [AffectedOpening(openings[c.opening_id], c.before, c.after)
            for c in affected_by_change(facts, current, proposed, today)]


def create_rule(data: RuleInput, by: Actor, today: date) -> DestinationRule:
    """Add a rule; the audit keeps its terms and the openings whose verdict it changed."""
    affected = preview_change(data, None, today)
    rule = DestinationRule(country_name=country_name(data.country_code))
    _apply(rule, data)
    db.session.add(rule)
    db.session.flush()
    audit.record(by, "destination_rule_created", rule, **_terms(rule),
                 affected_openings=[a.opening.id for a in affected])
    db.session.commit()
    return rule


def update_rule(rule: DestinationRule, data: RuleInput, by: Actor, today: date) -> DestinationRule:
    """Change a rule; the audit keeps each changed field's old and new value and the affected openings."""
    affected = preview_change(data, rule, today)
    before = _terms(rule)
    if data.country_code.upper() != rule.country_code:
        rule.country_name = country_name(data.country_code)
    _apply(rule, data)
    after = _terms(rule)
    changes = {name: [before[name], after[name]] for name in EDITED if before[name] != after[name]}
    if changes:
        audit.record(by, "destination_rule_changed", rule, changes=changes,
                     affected_openings=[a.opening.id for a in affected])
    db.session.commit()
    return rule


def _check(data: RuleInput) -> None:
    problems = []
    if country_name(data.country_code) is None:
        problems.append(Problem("country_code", "UNKNOWN_COUNTRY"))
    if data.sector_code and db.session.get(Sector, data.sector_code) is None:
        problems.append(Problem("sector_code", "UNKNOWN_SECTOR"))
    if data.status not in RULE_STATUSES:
        problems.append(Problem("status", "UNKNOWN_STATUS"))
    if data.valid_to and data.valid_from and data.valid_to < data.valid_from:
        problems.append(Problem("valid_to", "ENDS_BEFORE_START"))
    if not (data.basis or "").strip():
        problems.append(Problem("basis", "REQUIRED"))
    if not (data.source or "").strip():
        problems.append(Problem("source", "SOURCE_REQUIRED"))
    if problems:
        raise RuleRefused(problems)


def _proposed_facts(data: RuleInput, rule: DestinationRule | None) -> RuleFacts:
    return RuleFacts(id=rule.id if rule else None, country_code=data.country_code.upper(),
                     sector_code=data.sector_code or None, status=data.status, valid_from=data.valid_from,
                     valid_to=data.valid_to, source=data.source)


def _apply(rule: DestinationRule, data: RuleInput) -> None:
    rule.country_code = data.country_code.strip().upper()
    rule.sector_code = data.sector_code or None
    rule.status = data.status
    rule.valid_from, rule.valid_to = data.valid_from, data.valid_to
    rule.basis, rule.source = data.basis.strip(), data.source.strip()


def _terms(rule: DestinationRule) -> dict:
    """A rule's terms as JSON-ready values, for the audit log."""
    values = {name: getattr(rule, name) for name in EDITED}
    return {name: value.isoformat() if isinstance(value, date) else value for name, value in values.items()}
