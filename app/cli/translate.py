"""`flask translate` commands."""
import click
from flask.cli import AppGroup

group = AppGroup("translate", help="translate commands.")
