"""Import records and files for the tests of `flask openings import`."""
import csv
from datetime import date, timedelta
from pathlib import Path

from app.domain.opening_records import FIELDS
from tests.services.helpers_seeker_import import write_jsonl

__all__ = ["START", "opening_row", "write_csv", "write_jsonl"]

START = date.today() + timedelta(days=150)


def opening_row(n: int = 1, of=None, **overrides) -> dict:
    """A lawful record of a welder's job in Japan, ready to be approved; `of` is the stored employer it names."""
    row = {
        "ref": f"OSK-{n:03d}", "employer": of.legal_name if of else "Osaka Steel KK",
        "partner_city": of.partner_city.name if of else "Osaka", "country": "JP",
        "title": "Welder", "isco_code": "7212", "sector": "manufacturing", "positions": 3,
        "required_certifications": ["SKK-CPMI"], "required_skills": ["welding"], "important_skills": ["forklift"],
        "preferred_skills": ["bahasa Jepang dasar"], "language": {"test": "JLPT", "min_level": "N4"},
        "min_education": "SMK", "min_age": 18, "max_age": 35, "start_date": START.isoformat(),
        "contract_months": 36, "monthly_wage": 230000, "currency": "JPY", "hours_per_week": 40,
        "annual_leave_days": 10, "insurance": "Health, pension and employment insurance",
        "accommodation": "Dormitory, 20,000 JPY a month", "worker_costs": 0, "status": "approved",
    }
    return {**row, **overrides}


def csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return f"{value['test']}:{value['min_level']}"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def write_csv(path: Path, rows: list[dict], columns=None) -> Path:
    columns = columns or [name for name in FIELDS if any(name in row for row in rows)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(name, row.get(name)) for name in columns])
    return path
