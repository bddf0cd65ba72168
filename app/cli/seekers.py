"""`flask seekers` commands: bulk import of the manpower office's registrations."""
from pathlib import Path

import click
from flask.cli import AppGroup

from app.cli.common import EXIT_REFUSED, command_actor, emit_json, refuse, say
from app.cli.seeker_messages import problem_message
from app.services.seeker_import import ImportReport, import_seekers
from app.services.seeker_import_files import FORMATS, format_for

group = AppGroup("seekers", help="Job seekers: bulk import.")


@group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(set(FORMATS.values()))),
              help="jsonl or csv; by default the file's extension (.jsonl, .json, .csv) decides.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records and report the others.")
@click.option("--by", "by_email", help="The coordinator importing, for the audit log.")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON summary, with the problems, on stdout.")
def import_command(file: Path, fmt: str | None, skip_invalid: bool, by_email: str | None, as_json: bool):
    """Import seekers from JSON Lines or CSV; a known ref updates its seeker.

    Every record is checked first: one invalid record and nothing is imported (exit 1), unless
    --skip-invalid. Problems read `line N: field: message`; in CSV the header is line 1.
    """
    fmt = fmt or format_for(file)
    if fmt is None:
        raise click.UsageError(f"cannot tell the format of {file.name}: name it .jsonl or .csv, or give --format")
    actor = command_actor(by_email)
    try:
        report = import_seekers(file, fmt, actor, skip_invalid=skip_invalid)
    except OSError as error:
        refuse(f"cannot read {file}: {error.strerror or error}")
    if as_json:
        emit_json(_as_json(report))
    else:
        for line_problem in report.problems:
            say(f"line {line_problem.line}: {line_problem.problem.field}: {problem_message(line_problem.problem)}")
        if report.refused:
            say(f"nothing imported: {len({p.line for p in report.problems})} of {report.records} "
                "records have problems (--skip-invalid imports the others)")
        say(f"created {report.created}, updated {report.updated}, skipped {report.skipped}")
    if report.refused:
        raise SystemExit(EXIT_REFUSED)


def _as_json(report: ImportReport) -> dict:
    return {"file": report.file, "imported": report.imported, "records": report.records,
            "created": report.created, "updated": report.updated, "skipped": report.skipped,
            "errors": [{"line": p.line, "field": p.problem.field, "code": p.problem.code,
                        "message": problem_message(p.problem)} for p in report.problems]}
