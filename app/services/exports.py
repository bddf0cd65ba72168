"""CSV and XLSX files for any table: a header row, then the rows.

Text that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return) is
prefixed with an apostrophe in both formats, so a name typed by a user can never run in a coordinator's
spreadsheet. Numbers stay numbers; booleans become "yes"/"no"; dates are ISO dates.
"""
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 8, 60
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as it is, never evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(value):
    """A value ready for a cell: numbers as numbers, everything else as safe text ('' for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return safe_text(str(value))


def to_csv(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell_value(h) for h in header])
    writer.writerows([cell_value(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: Sequence, rows: Iterable[Sequence], title: str = "Report") -> bytes:
    """One sheet: a bold, frozen header with a filter, and columns as wide as their contents."""
    book = Workbook()
    sheet = book.active
    sheet.title = safe_sheet_title(title)
    sheet.append([cell_value(h) for h in header])
    for row in rows:
        sheet.append([cell_value(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise take text starting with "=" for a formula
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((len(str(v)) for v in column if v is not None), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if sheet.max_column and sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def safe_sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Report")[:31]


def write(fmt: str, header: Sequence, rows: Iterable[Sequence], title: str = "Report") -> bytes:
    """The file's bytes in `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return to_csv(header, rows)
    if fmt == "xlsx":
        return to_xlsx(header, rows, title)
    raise ValueError(f"unknown export format: {fmt}")
