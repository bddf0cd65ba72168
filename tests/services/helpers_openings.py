"""Test helpers for openings: a complete, lawful opening with overridable fields."""
from datetime import date, timedelta
from decimal import Decimal

from app.domain.codes import new_opening_code
from app.extensions import db
from app.models import Opening, OpeningCertification, OpeningSkill

LAWFUL = {
    "title": "Welder", "occupation_code": "7212", "sector_code": "manufacturing", "city": "Osaka",
    "country_code": "JP", "positions": 3, "min_age": 18, "max_age": 35, "contract_months": 36,
    "hours_per_week": 40, "monthly_wage": Decimal("230000"), "currency": "JPY", "annual_leave_days": 10,
    "insurance": "Health, pension and employment insurance", "accommodation": "Dormitory, 20,000 JPY a month",
    "worker_costs_idr": Decimal(0), "description": "Welding of steel frames in a shipyard workshop.",
}


def make_opening(employer, status="draft", schemes=("SKK-CPMI",), skills=(("welding", "must"),), **overrides):
    """A committed opening of `employer`; approved ones get a code unless one is given."""
    fields = {**LAWFUL, "start_date": date.today() + timedelta(days=120),
              "deadline": date.today() + timedelta(days=60), **overrides}
    if status == "approved":
        fields.setdefault("code", new_opening_code())
        fields.setdefault("approved_at", db.func.now())
    opening = Opening(employer_id=employer.id, status=status, **fields)
    opening.certifications = [OpeningCertification(scheme_code=code) for code in schemes]
    opening.skills = [OpeningSkill(term=term, importance=importance) for term, importance in skills]
    db.session.add(opening)
    db.session.commit()
    return opening
