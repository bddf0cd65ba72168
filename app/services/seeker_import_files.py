"""Reading a seekers file: the shared import reader with the seekers' fields."""
from pathlib import Path

from app.domain.seeker_records import FIELDS, REQUIRED
from app.services import import_files
from app.services.import_files import FORMATS, LineProblem, SourceFile, format_for

__all__ = ["FORMATS", "LineProblem", "SourceFile", "format_for", "read_records"]


def read_records(path: Path, fmt: str) -> SourceFile:
    """Every record of the file with its line number, and every line that could not be read."""
    return import_files.read_records(path, fmt, FIELDS, REQUIRED)
