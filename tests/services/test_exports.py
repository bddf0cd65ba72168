"""CSV and XLSX writers: header and rows as given, numbers as numbers, no formula from user text."""
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.services.exports import cell_value, safe_sheet_title, safe_text, to_csv, to_xlsx, write

HEADER = ["Kelurahan", "Registered", "Binaan"]
ROWS = [["Bacang", 3, True], ["Semabung Lama", 0, False]]


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for spreadsheet programs
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def read_xlsx(body: bytes):
    return load_workbook(io.BytesIO(body)).active


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("Bacang", "Bacang"), ("a=b", "a=b"), ("", ""), ("19.71.01.1004", "19.71.01.1004"),
])
def test_text_that_a_spreadsheet_would_evaluate_is_escaped(text, safe):
    assert safe_text(text) == safe


@pytest.mark.parametrize(("value", "cell"), [
    (-3, -3), (0, 0), (12.5, 12.5), (Decimal("2.50"), Decimal("2.50")), (None, ""), (True, "yes"), (False, "no"),
    (date(2026, 2, 1), "2026-02-01"), ("-3", "'-3"),
])
def test_numbers_stay_numbers_and_other_values_become_safe_text(value, cell):
    assert cell_value(value) == cell


def test_the_csv_has_the_header_then_the_rows():
    assert read_csv(to_csv(HEADER, ROWS)) == [HEADER, ["Bacang", "3", "yes"], ["Semabung Lama", "0", "no"]]


def test_the_csv_escapes_formulas_and_keeps_accents_and_commas():
    rows = read_csv(to_csv(["Name", "Note"], [["=cmd|' /C calc'!A0", "Café, \"quoted\""], ["@x", "-1"]]))
    assert rows[1] == ["'=cmd|' /C calc'!A0", 'Café, "quoted"']
    assert rows[2] == ["'@x", "'-1"]


def test_the_xlsx_has_a_bold_frozen_header_and_the_rows():
    sheet = read_xlsx(to_xlsx(HEADER, ROWS, title="By kelurahan"))
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [HEADER, ["Bacang", 3, "yes"],
                                                                     ["Semabung Lama", 0, "no"]]
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2" and sheet.title == "By kelurahan"
    assert sheet["B2"].data_type == "n"


def test_xlsx_columns_are_as_wide_as_their_contents_within_limits():
    sheet = read_xlsx(to_xlsx(["A", "Name"], [[1, "x" * 200], [2, "Semabung Lama"]]))
    assert sheet.column_dimensions["A"].width == 8
    assert sheet.column_dimensions["B"].width == 60


def test_the_xlsx_never_holds_a_formula_from_user_text():
    sheet = read_xlsx(to_xlsx(["Name"], [["=1+1"], ["+1"], ["-1"], ["@A1"], ["=HYPERLINK(\"http://x\")"]]))
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ["'=1+1", "'+1", "'-1", "'@A1", "'=HYPERLINK(\"http://x\")"]
    assert all(c.data_type == "s" for c in cells)


def test_a_sheet_title_is_one_excel_accepts():
    assert safe_sheet_title("Kelurahan binaan: registrations per month [all]") == "Kelurahan binaan  registrations"
    assert safe_sheet_title("???") == "Report"


def test_an_empty_table_is_just_its_header():
    assert read_csv(write("csv", ["A", "B"], [])) == [["A", "B"]]
    assert [[c.value for c in row] for row in read_xlsx(write("xlsx", ["A", "B"], [])).iter_rows()] == [["A", "B"]]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        write("pdf", HEADER, ROWS)
