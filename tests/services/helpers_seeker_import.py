"""Import records and files for the tests of `flask seekers import`."""
import csv
import json
from datetime import date
from pathlib import Path

from app.domain.seeker_records import FIELDS
from tests.factories import nik_for


def years_ago(years: int, days: int = 0) -> date:
    """A birth date `years` ago today, less `days` (so the birthday has just passed)."""
    today = date.today()
    born = date(today.year - years, today.month, 28 if (today.month, today.day) == (2, 29) else today.day)
    return date.fromordinal(born.toordinal() - days)


def seeker_row(n: int = 1, **overrides) -> dict:
    """A valid record: an adult of Semabung Lama, a skill outside the vocabulary, JLPT N4, a verified certificate."""
    born = overrides.pop("born", years_ago(24, days=n))
    gender = overrides.get("gender", "M")
    row = {
        "ref": f"DN-{n:04d}", "nik": nik_for(born, gender, n), "name": f"Pencari Kerja {n}",
        "birth_date": born.isoformat(), "gender": gender, "kelurahan_code": "19.71.01.1004",
        "email": f"seeker{n}@example.com", "phone": f"0812345678{n:02d}", "education": "SMK",
        "experience_years": 2, "skills": ["las", "Merawat Lansia", "Merangkai  Bunga."],
        "languages": [{"test": "JLPT", "level": "N4"}],
        "certifications": [{"scheme": "SKK-CPMI", "number": f"CPMI-{n}", "issued_on": "2025-01-10",
                            "expires_on": "2028-01-10", "verified": True}],
        "preferred_countries": ["JP"], "preferred_sectors": ["care"], "consent_matching": True,
        "guardian_consent": False,
    }
    return {**row, **overrides}


def write_jsonl(path: Path, rows: list) -> Path:
    """One record per line; a string in `rows` is written as it is (for broken lines)."""
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows),
                    encoding="utf-8")
    return path


def csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(item if isinstance(item, str) else csv_item(name, item) for item in value)
    return str(value)


def csv_item(name: str, item: dict) -> str:
    """A language as TEST:LEVEL, a certification as scheme|number|issued_on|expires_on|verified."""
    if name == "languages":
        return f"{item['test']}:{item['level']}"
    parts = ("scheme", "number", "issued_on", "expires_on", "verified")
    return "|".join(csv_cell("", item.get(part)) for part in parts)


def write_csv(path: Path, rows: list[dict], columns=FIELDS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(name, row.get(name)) for name in columns])
    return path
