"""Reading an import file, JSON Lines or CSV, into raw records numbered by the line they start on.

Line numbers are what an editor shows (the CSV header is line 1); problems with the header or the
encoding refuse the whole file. The seekers' and the openings' imports both read through here,
each naming its own fields.
"""
import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.seeker_fields import Problem

FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv"}


@dataclass(frozen=True)
class LineProblem:
    line: int
    problem: Problem


@dataclass
class SourceFile:
    """The raw records of a file; `fatal` problems (header, encoding of a CSV) stop the whole import."""
    records: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    fatal: bool = False

    def refuse(self, line: int, reason: str, field_name: str = "-", /, *, fatal: bool = False, **data) -> None:
        self.problems.append(LineProblem(line, Problem(field_name, reason, data)))
        self.fatal = self.fatal or fatal


def format_for(path: Path) -> str | None:
    """The format a file's extension names, or None."""
    return FORMATS.get(path.suffix.lower())


def read_records(path: Path, fmt: str, fields: Sequence[str], required: Sequence[str]) -> SourceFile:
    """Every record of the file with its line number, and every line that could not be read."""
    data = path.read_bytes()
    source = _read_csv(data, fields, required) if fmt == "csv" else _read_jsonl(data)
    if not source.records and not source.problems:
        source.refuse(1, "NO_RECORDS", fatal=True)
    return source


def _read_jsonl(data: bytes) -> SourceFile:
    source = SourceFile()
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        source.refuse(1, "JSON_ARRAY", fatal=True)
        return source
    for number, raw_line in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        try:
            text = raw_line.decode("utf-8")
        except UnicodeDecodeError:
            source.refuse(number, "NOT_UTF8")
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError:
            source.refuse(number, "NOT_JSON")
            continue
        if isinstance(record, dict):
            source.records.append((number, record))
        else:
            source.refuse(number, "NOT_OBJECT")
    return source


def _read_csv(data: bytes, fields: Sequence[str], required: Sequence[str]) -> SourceFile:
    source = SourceFile()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        source.refuse(data[:error.start].count(b"\n") + 1, "NOT_UTF8", fatal=True)
        return source
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader, [])]
        if _header_is_usable(header, fields, required, source):
            _read_rows(reader, header, source)
    except csv.Error as error:
        source.refuse(reader.line_num, "CSV_BROKEN", fatal=True, detail=str(error))
    return source


def _header_is_usable(header: list[str], fields: Sequence[str], required: Sequence[str], source: SourceFile) -> bool:
    """Column problems are fatal: every row would carry them."""
    if not any(header):
        return False
    if len(header) == 1 and ";" in header[0]:
        source.refuse(1, "CSV_DELIMITER", fatal=True)
        return False
    for name in sorted({name for name in header if header.count(name) > 1}):
        source.refuse(1, "COLUMN_REPEATED", name, fatal=True)
    for name in header:
        if name and name not in fields:  # a nameless column (a trailing comma) only matters if a row fills it
            source.refuse(1, "UNKNOWN_FIELD", name, fatal=True)
    for name in required:
        if name not in header:
            source.refuse(1, "COLUMN_MISSING", name, fatal=True)
    return not source.fatal


def _read_rows(reader, header: list[str], source: SourceFile) -> None:
    end_of_previous = reader.line_num
    for row in reader:
        start, end_of_previous = end_of_previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            source.refuse(start, "CSV_COLUMNS", expected=len(header), found=len(row))
            continue
        filled = [i + 1 for i, (name, cell) in enumerate(zip(header, row, strict=True)) if not name and cell.strip()]
        if filled:
            source.refuse(start, "CELL_WITHOUT_COLUMN", column=filled[0])
            continue
        source.records.append((start, {name: cell for name, cell in zip(header, row, strict=True) if name}))
