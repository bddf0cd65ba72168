"""Warming a new process: build the candidate matrix, the openings board and the NIK-hash index before the
first request needs them.

Building the matrix reads every seeker (about 3-5 s at 100,000). Without a warm-up the first seeker or
employer to reach a new gunicorn worker pays for it. Gunicorn calls `warm_up_in_background` after a
worker starts; it runs in a thread so the worker answers (and heartbeats) meanwhile, and a ranking
that arrives first simply waits on the cache's lock for the same build instead of starting another.
"""
import logging
import threading

from flask import Flask

from app.extensions import db
from app.services import immigration_hashes
from app.services.catalogue import local_today
from app.services.matcher.opening_board import approved_board
from app.services.matcher.rank import matcher

log = logging.getLogger(__name__)


def warm_up(app: Flask) -> None:
    with app.app_context():
        try:
            snapshot = matcher().fresh()
            approved_board(snapshot.vocabulary, snapshot.stamp, local_today())
            log.info("matcher warm: %d candidates", snapshot.candidates())
            if immigration_hashes.is_configured():  # the NIK-hash index decrypts every NIK once per process
                immigration_hashes.internal_nik_hash("")
        except Exception:  # a database that is not up yet: the first ranking builds it instead
            log.warning("matcher warm-up failed; the first ranking will build the matrix", exc_info=True)
        finally:
            db.session.remove()


def warm_up_in_background(app: Flask) -> threading.Thread:
    thread = threading.Thread(target=warm_up, args=(app,), name="matcher-warm-up", daemon=True)
    thread.start()
    return thread
