"""The information-exchange API (/api/v1) for Immigration: look-ups, departures, opening codes.

Every answer comes from app.services.immigration, the same service the officer's page uses.
"""
from flask import jsonify, render_template, request
from limits import parse

from app.domain import immigration as rules
from app.extensions import csrf
from app.services import immigration, immigration_hashes
from app.services.catalogue import local_today
from app.web.api import bp, serialise
from app.web.api.auth import caller, rate_limit, rate_limited, require_token
from app.web.api.openapi import document

csrf.exempt(bp)

MAX_PAGE = 100_000
MAX_PER_PAGE = immigration.MAX_PER_PAGE
PROBLEMS = {
    rules.ONE_IDENTIFIER: ("bad_request", "Send a JSON object with exactly one of nik, nik_hash, passport_number."),
    rules.BAD_NIK: ("bad_nik", "nik must be 16 digits."),
    rules.BAD_NIK_HASH: ("bad_nik_hash", "nik_hash must be 64 hexadecimal characters (HMAC-SHA256)."),
    rules.BAD_PASSPORT: ("bad_passport_number", "passport_number must be 6 to 9 letters and digits."),
    rules.BAD_DATE: ("bad_date", "from and to must be dates written YYYY-MM-DD."),
    rules.WINDOW_REVERSED: ("bad_window", "to must not be before from."),
    rules.WINDOW_TOO_LONG: ("bad_window", f"The window may be at most {rules.MAX_WINDOW_DAYS} days long."),
}


def _count(name: str, default: int, maximum: int) -> int | None:
    raw = request.args.get(name, str(default))
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 7 and 1 <= int(raw) <= maximum else None


def _problem(code: str):
    return serialise.error(400, *PROBLEMS[code])


@bp.get("/health")
def health():
    return jsonify({"status": "ok"})


@bp.post("/lookup")
@require_token("lookup")
@rate_limited
def lookup():
    body = request.get_json(silent=True)
    identifier, problem = rules.parse_identifier(body if isinstance(body, dict) else {})
    if problem:
        return _problem(problem)
    if identifier.kind == "nik_hash" and not immigration_hashes.is_configured():
        return serialise.error(400, "nik_hash_not_supported", "This server has no NIK exchange key configured.")
    return jsonify(serialise.lookup(immigration.lookup(identifier, caller())))


@bp.get("/departures")
@require_token("departures")
@rate_limited
def departures():
    window, problem = rules.parse_window(request.args.get("from"), request.args.get("to"), local_today())
    if problem:
        return _problem(problem)
    page, per_page = _count("page", 1, MAX_PAGE), _count("per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    if page is None or per_page is None:
        return serialise.error(400, "bad_page", f"page must be 1 to {MAX_PAGE}; per_page 1 to {MAX_PER_PAGE}.")
    return jsonify(serialise.departures(immigration.departures(window, caller(), page, per_page)))


@bp.get("/openings/<code>")
@require_token("openings")
@rate_limited
def opening(code):
    return jsonify(serialise.opening(immigration.verify_opening(code[:40], caller())))


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/docs")
def docs():
    return render_template("api/docs.html", api_root=request.url_root.rstrip("/") + "/api/v1",
                           rate_limit=parse(rate_limit()))
