"""`flask report` commands: the by-place table for scheduled reporting (cron, a systemd timer)."""
import os
import tempfile
from datetime import datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from app.cli.common import command_actor, refuse, say
from app.domain.report_tables import Period
from app.extensions import db
from app.services import audit, exports
from app.services.catalogue import local_today
from app.services.report_places import table

group = AppGroup("report", help="Reports for scheduled export.")

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _write_atomically(path: Path, body: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@group.command("kelurahan")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]),
              help="csv or xlsx; by default the output file's extension decides.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The file to write.")
@click.option("--from", "start", type=DATE, help="Count only job seekers registered on or after this date.")
@click.option("--to", "end", type=DATE, help="Count only job seekers registered on or before this date.")
@click.option("--by", "by_email", help="The coordinator asking, for the audit log.")
def kelurahan(fmt: str | None, output: Path, start: datetime | None, end: datetime | None, by_email: str | None):
    """Write one row per kelurahan of the city (all of them, zeros included) after a header.

    Columns: kecamatan_code, kecamatan, kelurahan_code, kelurahan, binaan, registered, certified, placed,
    abroad, returned, open_cases. The header uses these stable names, whatever the interface language.
    """
    fmt = fmt or {".csv": "csv", ".xlsx": "xlsx"}.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format of {output.name}: give --format csv or --format xlsx")
    period = Period(start.date() if start else None, end.date() if end else None)
    if period.start and period.end and period.end < period.start:
        raise click.UsageError("--to is before --from")
    actor = command_actor(by_email)
    data = table("kelurahan", period, local_today())
    if not data.rows:
        refuse("no kelurahan: load the reference data first (flask reference load)")
    try:
        _write_atomically(output, exports.write(fmt, data.columns, data.rows, title="kelurahan"))
    except OSError as error:
        refuse(f"cannot write {output}: {error.strerror or error}")
    audit.record(actor, "report_exported", object_type="report", object_id="kelurahan", format=fmt,
                 **{k: v.isoformat() for k, v in (("from", period.start), ("to", period.end)) if v})
    db.session.commit()
    say(f"wrote {len(data.rows)} kelurahan to {output}")
