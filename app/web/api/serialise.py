"""The API's JSON: answers and errors, built from the domain's values (never from models' own dicts)."""
from dataclasses import asdict
from datetime import date

from flask import jsonify

from app.domain.immigration import LookupAnswer, OpeningCheck
from app.services.immigration import Departure, DeparturePage


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def lookup(answer: LookupAnswer) -> dict:
    """Exactly the look-up keys, in their documented order."""
    return {key: _plain(value) for key, value in asdict(answer).items()}


def departure(item: Departure) -> dict:
    return {**lookup(item.answer), "nik_hash": item.nik_hash}


def departures(found: DeparturePage) -> dict:
    return {"page": found.page, "per_page": found.per_page, "total": found.total,
            "items": [departure(item) for item in found.items]}


def opening(check: OpeningCheck) -> dict:
    return {"valid": check.valid, "code": check.code, "status": check.status, "employer": check.employer,
            "city": check.city, "country": check.country}


def error(status: int, code: str, message: str):
    """The same body app/web/errors.py gives aborted requests: {"error": {"code", "message"}}."""
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response
