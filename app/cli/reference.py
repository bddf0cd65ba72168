"""`flask reference` commands: load the shipped reference data, list it."""
import click
from flask.cli import AppGroup

from app.cli.common import emit_json, refuse, say
from app.services.reference import REFERENCE_KINDS, ReferenceDataError, list_reference, load_reference

group = AppGroup("reference", help="Reference data: places, occupations, schemes, languages, skills, rules.")

# The columns the readable table shows for each kind, after code and name; --json carries every field.
TABLE_COLUMNS = {
    "kelurahan": ("kecamatan",),
    "schemes": ("sector", "kkni_level"),
    "skills": ("sector",),
    "occupations": ("level",),
    "destinations": ("sector", "status", "valid_from", "valid_to"),
    "education": ("rank",),
    "languages": ("language", "levels"),
}


@group.command("load")
def load_command():
    """Load the shipped reference files; safe to run again (adds and updates, never deletes)."""
    try:
        counts = load_reference()
    except (ReferenceDataError, OSError) as problem:
        refuse(f"Reference data not loaded: {problem}")
    width = max(map(len, counts))
    for table, count in counts.items():
        say(f"{table:<{width}}  {count:>6}")


@group.command("list")
@click.argument("kind", type=click.Choice(REFERENCE_KINDS))
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON array on stdout.")
def list_command(kind: str, as_json: bool):
    """List one kind of reference data."""
    rows = list_reference(kind)
    if as_json:
        emit_json(rows)
        return
    for line in _table(rows, ("code", "name", *TABLE_COLUMNS.get(kind, ()))):
        click.echo(line)
    say(f"{len(rows)} {kind}")


def _table(rows: list[dict], columns: tuple[str, ...]) -> list[str]:
    """Rows as left-aligned text columns, long cells cut so a line stays readable."""
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column), *(len(line[i]) for line in cells)]) for i, column in enumerate(columns)]
    return ["  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
            for line in [list(columns), *cells]]


def _cell(value, limit: int = 60) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " < ".join(level["code"] for level in value)
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
