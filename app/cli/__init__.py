"""`flask` commands. Conventions: exit 0 on success, 1 when the input is refused (nothing
written), 2 on a usage error; with --json, stdout carries only JSON and messages go to stderr."""


def register(app) -> None:
    from app.cli import api_clients, demo, match, monitor, openings, reference, report, seekers, translate, users
    for group in (reference.group, demo.group, users.group, translate.group, seekers.group, match.group,
                  api_clients.group, monitor.group, openings.group, report.group):
        app.cli.add_command(group)
