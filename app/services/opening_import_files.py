"""Reading an openings file: the shared import reader (app/services/import_files.py)."""
from app.services.import_files import FORMATS, LineProblem, SourceFile, format_for, read_records

__all__ = ["FORMATS", "LineProblem", "SourceFile", "format_for", "read_records"]
