"""`flask monitor run`: the daily monitoring pass over workers abroad, for cron or a systemd timer."""
import click
from flask.cli import AppGroup

from app.cli.common import command_actor
from app.services.catalogue import local_today
from app.services.monitor import run

group = AppGroup("monitor", help="Monitoring of workers abroad: check-ins, reminders, overdue alerts.")


@group.command("run")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to run for (default: today in Pangkalpinang).")
def run_command(today):
    """Open due check-ins, send reminders, mark overdue ones and raise alerts; prints one summary line.

    Safe to run more than once a day: a second run finds nothing new to do.
    """
    summary = run(today.date() if today else local_today(), command_actor(None))
    click.echo(summary.line())
