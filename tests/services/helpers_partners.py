"""Small factories for the partner-city, destination-rule and employer tests."""
import itertools
from datetime import date

from app.domain.codes import new_opening_code
from app.extensions import db
from app.models import DestinationRule, Employer, Opening
from app.services.audit import Actor

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_counter = itertools.count(1)


def make_opening(employer: Employer, **overrides) -> Opening:
    """A committed opening of this employer; approved ones get a verification code."""
    n = next(_counter)
    fields = {"title": f"Test opening {n}", "employer_id": employer.id, "sector_code": "care", "city": "Test City",
              "country_code": employer.partner_city.country_code, "status": "submitted",
              "start_date": date(2027, 4, 1)}
    fields.update(overrides)
    if fields["status"] == "approved" and not fields.get("code"):
        fields["code"] = new_opening_code()
    opening = Opening(**fields)
    db.session.add(opening)
    db.session.commit()
    return opening


def make_rule(**overrides) -> DestinationRule:
    fields = {"country_code": "JP", "country_name": "Japan", "sector_code": None, "status": "allowed",
              "valid_from": date(2020, 1, 1), "basis": "Test basis", "source": "https://example.org/rule"}
    rule = DestinationRule(**{**fields, **overrides})
    db.session.add(rule)
    db.session.commit()
    return rule


def actor_for(user) -> Actor:
    return Actor.for_user(user)


def snapshot_rules():
    """The destination rules as loaded (a reference table the suite keeps between tests)."""
    table = DestinationRule.__table__
    return [dict(row._mapping) for row in db.session.execute(table.select())]


def restore_rules(rows) -> None:
    """Put the destination rules back as they were: tests may add and change rules."""
    table = DestinationRule.__table__
    db.session.rollback()
    db.session.execute(table.delete())
    db.session.execute(table.insert(), rows)
    db.session.commit()
