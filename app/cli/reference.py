"""`flask reference` commands."""
import click
from flask.cli import AppGroup

group = AppGroup("reference", help="reference commands.")
