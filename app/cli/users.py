"""`flask users` commands."""
import click
from flask.cli import AppGroup

group = AppGroup("users", help="users commands.")
