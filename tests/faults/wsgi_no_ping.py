"""The control server of check (c): the production app with one change, `pool_pre_ping` off.

Only tests/faults/idle.py serves it (`gunicorn ... tests.faults.wsgi_no_ping:app`), to show that the
app's answers after an idle restart are owed to the pre-ping and not to luck.
"""
from app import create_app
from app.config import Config

app = create_app(settings={"SQLALCHEMY_ENGINE_OPTIONS": {**Config.SQLALCHEMY_ENGINE_OPTIONS, "pool_pre_ping": False}})
