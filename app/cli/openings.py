"""`flask openings` commands: bulk import of partner employers' openings, and the daily deadline closing."""
from datetime import datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from app.cli.common import EXIT_REFUSED, command_actor, emit_json, refuse, say
from app.cli.opening_messages import problem_message
from app.services import openings
from app.services.opening_import import ImportReport, import_openings
from app.services.opening_import_files import FORMATS, format_for

group = AppGroup("openings", help="Openings (job orders): bulk import, closing at the deadline.")


@group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(set(FORMATS.values()))),
              help="jsonl or csv; by default the file's extension (.jsonl, .json, .csv) decides.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records and report the others.")
@click.option("--create-employers", is_flag=True,
              help="Create the partner cities and employers the file names but the platform does not know: "
                   "you vouch for them. Cities get an active agreement for every sector with no end date, "
                   "employers are verified; both are audited as created by import.")
@click.option("--by", "by_email", help="The coordinator importing, for the audit log; approved records are "
                                       "reviewed by them.")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON summary, with the problems, on stdout.")
def import_command(file: Path, fmt: str | None, skip_invalid: bool, create_employers: bool, by_email: str | None,
                   as_json: bool):
    """Import openings from JSON Lines or CSV; a known ref updates its opening.

    \b
    Fields (* required): ref*, employer* (legal name), partner_city*, country*
    (ISO 3166 alpha-2, the partner city's), title*, isco_code, sector*, positions*,
    required_certifications (scheme codes), required_skills, important_skills,
    preferred_skills, language ({"test": .., "min_level": ..} or null; in CSV
    JLPT:N4), min_education, min_age (empty: 18), max_age, start_date,
    contract_months, monthly_wage, currency (ISO 4217), hours_per_week,
    annual_leave_days, insurance, accommodation, worker_costs (rupiah; empty: 0),
    status* (draft, submitted or approved), deadline, description, and
    caution_justification: the coordinator's written justification, needed to
    import an opening to a `caution` destination as approved. In CSV, list items
    are separated by `;`. Employers and partner cities are matched by name.

    \b
    A `submitted` record needs a verified employer under an agreement in force and
    the contract contents the law requires. An `approved` record passes every
    legality check of the web's approval (destination not blocked, no worker fee,
    at least one required certification, a lawful age range, a wage, the whole
    contract) and gets its public verification code.

    Every record is checked first: one invalid record and nothing is imported (exit 1), unless
    --skip-invalid. Problems read `line N: field: message`; in CSV the header is line 1.
    """
    fmt = fmt or format_for(file)
    if fmt is None:
        raise click.UsageError(f"cannot tell the format of {file.name}: name it .jsonl or .csv, or give --format")
    actor = command_actor(by_email)
    try:
        report = import_openings(file, fmt, actor, skip_invalid=skip_invalid, create_employers=create_employers)
    except OSError as error:
        refuse(f"cannot read {file}: {error.strerror or error}")
    if as_json:
        emit_json(_as_json(report))
    else:
        _say_report(report)
    if report.refused:
        raise SystemExit(EXIT_REFUSED)


def _say_report(report: ImportReport) -> None:
    for line_problem in report.problems:
        say(f"line {line_problem.line}: {line_problem.problem.field}: {problem_message(line_problem.problem)}")
    if report.refused:
        say(f"nothing imported: {len({p.line for p in report.problems})} of {report.records} "
            "records have problems (--skip-invalid imports the others)")
    elif report.written.cities or report.written.employers:
        say(f"new partner cities: {len(report.written.cities)}, new employers: {len(report.written.employers)} "
            "(vouched for by this import)")
    say(f"created {report.created}, updated {report.updated}, skipped {report.skipped}")


def _as_json(report: ImportReport) -> dict:
    written = report.written
    return {"file": report.file, "imported": report.imported, "records": report.records,
            "created": report.created, "updated": report.updated, "skipped": report.skipped,
            "approved": len(written.approved) if written else 0,
            "cities_created": len(written.cities) if written else 0,
            "employers_created": len(written.employers) if written else 0,
            "errors": [{"line": p.line, "field": p.problem.field, "code": p.problem.code,
                        "message": problem_message(p.problem)} for p in report.problems]}


@group.command("close-expired")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The day to judge deadlines by (YYYY-MM-DD); by default today in Pangkalpinang.")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON summary on stdout.")
def close_expired_command(today: datetime | None, as_json: bool):
    """Close the submitted and approved openings whose application deadline has passed.

    Cron runs this once a day (e.g. `15 0 * * * flask openings close-expired`); each closing is
    audited with the reason `deadline`. Prints how many openings it closed.
    """
    closed = openings.close_past_deadline(today.date() if today else None)
    if as_json:
        emit_json({"closed": len(closed), "ids": closed})
    else:
        say(f"closed {len(closed)} openings past their deadline")
