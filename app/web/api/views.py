"""The information-exchange API (/api/v1) for Immigration: look-ups, departures, opening codes.

Every answer comes from app.services.immigration, the same service the officer's page uses.
"""
import re

from flask import jsonify, render_template, request
from limits import parse
from werkzeug.exceptions import MethodNotAllowed

from app.domain import immigration as rules
from app.extensions import csrf
from app.services import immigration, immigration_hashes
from app.services.catalogue import local_today
from app.web.api import bp, serialise
from app.web.api.auth import caller, rate_limit, rate_limited, require_token
from app.web.api.openapi import document

csrf.exempt(bp)

MAX_PAGE = 100_000
MAX_CODE_LENGTH = 40
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # what OpenAPI's format "date" allows, and nothing more
MAX_PER_PAGE = immigration.MAX_PER_PAGE
PROBLEMS = {
    rules.ONE_IDENTIFIER: ("bad_request", "Send a JSON object with exactly one of nik, nik_hash, passport_number."),
    rules.BAD_NIK: ("bad_nik", "nik must be 16 digits."),
    rules.BAD_NIK_HASH: ("bad_nik_hash", "nik_hash must be 64 hexadecimal characters (HMAC-SHA256)."),
    rules.BAD_PASSPORT: ("bad_passport_number", "passport_number must be 6 to 9 letters and digits."),
    rules.BAD_DATE: ("bad_date", "from and to must be dates written YYYY-MM-DD."),
    rules.WINDOW_REVERSED: ("bad_window", "to must not be before from."),
    rules.WINDOW_TOO_LONG: ("bad_window", f"The window may be at most {rules.MAX_WINDOW_DAYS} days long."),
    "BAD_CODE": ("bad_code", f"An opening code has at most {MAX_CODE_LENGTH} characters."),
}


@bp.after_app_request
def allow_header_on_405(response):
    """RFC 9110: a 405 names the methods the resource allows (the app's error page drops Flask's header)."""
    error = request.routing_exception
    if response.status_code == 405 and isinstance(error, MethodNotAllowed) and error.valid_methods \
            and request.path.startswith("/api/"):
        response.headers.setdefault("Allow", ", ".join(sorted(error.valid_methods)))
    return response


def _count(name: str, default: int, maximum: int) -> int | None:
    raw = request.args.get(name, str(default))
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 7 and 1 <= int(raw) <= maximum else None


def _problem(code: str):
    return serialise.error(400, *PROBLEMS[code])


BAD_FORMAT = {"nik": rules.BAD_NIK, "nik_hash": rules.BAD_NIK_HASH, "passport_number": rules.BAD_PASSPORT}


def _documented_identifier(body):
    """The look-up body exactly as openapi.json's LookupRequest describes it: one identifier key (a null or
    empty one counts too), a string matching its documented pattern; then the domain normalises it."""
    given = [key for key in rules.IDENTIFIERS if isinstance(body, dict) and key in body]
    if len(given) != 1 or not isinstance(body[given[0]], str):
        return None, rules.ONE_IDENTIFIER
    kind = given[0]
    pattern = document()["components"]["schemas"]["LookupRequest"]["properties"][kind]["pattern"]
    # JSON Schema's "^…$" is the whole string; Python's "$" would also let a final newline through.
    if not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), body[kind]):
        return None, BAD_FORMAT[kind]
    return rules.parse_identifier({kind: body[kind]})


def _strict_dates() -> bool:
    """`from` and `to`, when given at all, are written YYYY-MM-DD (an empty value is not a date either)."""
    return all(ISO_DATE.fullmatch(request.args[name]) for name in ("from", "to") if name in request.args)


@bp.get("/health")
def health():
    return jsonify({"status": "ok"})


@bp.post("/lookup")
@require_token("lookup")
@rate_limited
def lookup():
    identifier, problem = _documented_identifier(request.get_json(silent=True))
    if problem:
        return _problem(problem)
    if identifier.kind == "nik_hash" and not immigration_hashes.is_configured():
        return serialise.error(400, "nik_hash_not_supported", "This server has no NIK exchange key configured.")
    return jsonify(serialise.lookup(immigration.lookup(identifier, caller())))


@bp.get("/departures")
@require_token("departures")
@rate_limited
def departures():
    if not _strict_dates():
        return _problem(rules.BAD_DATE)
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
    if len(code) > MAX_CODE_LENGTH:
        return _problem("BAD_CODE")
    return jsonify(serialise.opening(immigration.verify_opening(code, caller())))


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.get("/docs")
def docs():
    return render_template("api/docs.html", api_root=request.url_root.rstrip("/") + "/api/v1",
                           rate_limit=parse(rate_limit()))
