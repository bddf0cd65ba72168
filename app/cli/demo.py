"""`flask demo` commands: load the seeded, clearly labelled demo data."""
from datetime import date

import click
from flask.cli import AppGroup

from app.cli.common import emit_json, refuse, say
from app.services.demo import DemoDataError, load_demo

group = AppGroup("demo", help="Demo data: fictional partner cities, employers, openings and seekers.")

NOT_LOADED = "demo data not loaded: the database already has users"


@group.command("load")
@click.option("--seed", type=int, default=2026, show_default=True, help="Seed for the random choices.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date the demo data is built around (default: today); with --seed, repeatable data.")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON summary on stdout.")
def load_command(seed: int, today, as_json: bool):
    """Load the demo data into an empty database; does nothing once any user exists."""
    try:
        summary = load_demo(today=today.date() if today else None, seed=seed)
    except DemoDataError as problem:
        refuse(f"demo data not loaded: {problem}")
    if summary is None:
        say(NOT_LOADED)
        if as_json:
            emit_json({"loaded": False, "reason": "database_has_users"})
        return
    if as_json:
        emit_json({"loaded": True, **summary.as_dict()})
        return
    click.echo(f"Demo accounts (password for all: {summary.password})")
    for line in _accounts_table(summary):
        click.echo(line)
    say(_counts_line(summary.counts, summary.seed, summary.today))


def _accounts_table(summary) -> list[str]:
    rows = [("role", "e-mail", "password")] + [(a.role, a.email, summary.password) for a in summary.accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def _counts_line(counts: dict[str, int], seed: int, today: date) -> str:
    shown = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
    return f"demo data loaded (seed {seed}, around {today.isoformat()}): {shown}"
