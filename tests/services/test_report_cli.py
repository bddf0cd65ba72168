"""`flask report kelurahan`: one row per kelurahan (all 42, zeros included) after a header, in CSV or XLSX."""
import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import AuditEntry
from tests.services.helpers_reports import B, C, build_world, unmark_all_binaan

HEADER = ["kecamatan_code", "kecamatan", "kelurahan_code", "kelurahan", "binaan", "registered", "certified",
          "placed", "abroad", "returned", "open_cases"]


@pytest.fixture
def world(db):
    yield build_world()
    unmark_all_binaan()


def read_csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_the_csv_has_a_header_and_all_42_kelurahan_with_zeros(runner, db, tmp_path):
    out = tmp_path / "kelurahan.csv"
    result = runner.invoke(args=["report", "kelurahan", "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert rows[0] == HEADER and len(rows) == 43
    assert all(row[5:] == ["0"] * 6 for row in rows[1:])
    assert len({row[2] for row in rows[1:]}) == 42
    assert "wrote 42 kelurahan" in result.output


def test_the_xlsx_holds_the_same_table_with_numbers(runner, world, tmp_path):
    out = tmp_path / "kelurahan.xlsx"
    result = runner.invoke(args=["report", "kelurahan", "--output", str(out)])  # the extension decides
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADER and len(rows) == 43
    assert [r for r in rows if r[2] == B] == [["19.71.01", "Bukit Intan", B, "Bacang", "no", 2, 2, 1, 0, 1, 0]]
    assert sheet["A1"].font.bold


def test_the_period_selects_seekers_by_the_day_they_registered(runner, world, tmp_path):
    out = tmp_path / "march.csv"
    result = runner.invoke(args=["report", "kelurahan", "--format", "csv", "--output", str(out),
                                 "--from", "2026-03-01", "--to", "2026-03-31"])
    assert result.exit_code == 0, result.output
    rows = {row[2]: row for row in read_csv(out)[1:]}
    assert len(rows) == 42
    assert rows[C][5:7] == ["2", "1"] and rows[B][5] == "0"


def test_the_export_is_audited_with_its_period(runner, db, tmp_path):
    runner.invoke(args=["report", "kelurahan", "--output", str(tmp_path / "k.csv"), "--from", "2026-01-01"])
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "report_exported"))
    assert entry.object_id == "kelurahan" and entry.details == {"format": "csv", "from": "2026-01-01"}
    assert entry.actor_label.startswith("cli:")


@pytest.mark.parametrize("args", [
    ["--output", "k.txt"],
    ["--format", "pdf", "--output", "k.pdf"],
    ["--output", "k.csv", "--from", "2026-02-30"],
    ["--output", "k.csv", "--from", "2026-03-01", "--to", "2026-02-01"],
    ["--format", "csv"],
])
def test_usage_errors_exit_2_and_write_nothing(runner, db, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args=["report", "kelurahan", *args])
    assert result.exit_code == 2, result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_refused_with_exit_1(runner, db, tmp_path):
    result = runner.invoke(args=["report", "kelurahan", "--output", str(tmp_path / "missing" / "k.csv")])
    assert result.exit_code == 1
    assert "cannot write" in result.output
