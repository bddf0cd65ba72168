"""Gunicorn settings (`gunicorn -c python:app.gunicorn_conf wsgi:app`).

The access log records the path without its query string: reset tokens and search terms
(which may be names or NIKs) never reach the log.
"""
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '5000')}")
# Two processes per core: one process runs one request's Python at a time, and make load measured
# 4 x 2 answering 57 requests/s at p95 490 ms where 2 x 4 gave 46 requests/s at p95 540 ms (2 cores).
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
# Longer than a client's pause between two requests on one connection: gunicorn's default (2 s) closes a
# kept-alive connection even as a request arrives on it, and the client sees a reset (make load: 8% of requests).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
graceful_timeout = 20
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Build the matcher's candidate matrix in the background as soon as a worker starts."""
    from app.services.matcher.warm import warm_up_in_background
    warm_up_in_background(worker.wsgi)
