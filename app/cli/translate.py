"""`flask translate` commands: extract, update and compile the Indonesian and English catalogs."""
import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

group = AppGroup("translate", help="Translation catalogs.")
ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
POT = ROOT / "app" / "translations" / "messages.pot"


def _pybabel(*args) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    result = subprocess.run(command, cwd=ROOT, check=False)  # noqa: S603 (fixed argv, no shell)
    if result.returncode:
        raise click.ClickException("pybabel " + " ".join(args[:1]) + " failed")


@group.command("update")
def update():
    """Extract the msgids from code and templates and merge them into every catalog."""
    # --ignore-dirs: pybabel skips folders starting with "_" by default, and templates/_macros holds text.
    _pybabel("extract", "-F", str(TRANSLATIONS / "babel.cfg"), "-k", "_l", "--ignore-dirs", ".* .venv",
             "--no-location", "--sort-output", "-o", str(POT), ".")
    for locale in ("id", "en"):
        if not (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").exists():
            _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale)
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching")


@group.command("compile")
def compile_catalogs():
    """Compile the catalogs to .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS))
