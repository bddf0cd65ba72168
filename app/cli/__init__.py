"""`flask` commands. Conventions: exit 0 on success, 1 when the input is refused (nothing
written), 2 on a usage error; with --json, stdout carries only JSON and messages go to stderr."""


def register(app) -> None:
    from app.cli import demo, match, openings, reference, seekers, translate, users
    for group in (reference.group, demo.group, users.group, translate.group, seekers.group, match.group, openings.group):
        app.cli.add_command(group)
