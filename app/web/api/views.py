"""The information-exchange API (/api/v1); filled by the Immigration issue."""
from flask import jsonify

from app.extensions import csrf
from app.web.api import bp

csrf.exempt(bp)


@bp.get("/health")
def health():
    return jsonify({"status": "ok"})
