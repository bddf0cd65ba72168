"""Public pages: approved openings, an opening by its verification code, the code checker and the QR."""
from datetime import date

from flask import abort, redirect, render_template, request, url_for

from app.domain.codes import normalise_code
from app.extensions import limiter
from app.services import opening_queries
from app.services.catalogue import local_today
from app.services.opening_queries import PublicFilters
from app.web.opening_qr import public_url, qr_response
from app.web.opening_words import page_words
from app.web.public import bp

# Codes are hard to guess (about 37 bits); a limit per address makes trying them pointless as well.
CODE_LOOKUPS = "60 per minute"
FILTERS = ("country", "sector", "occupation", "language", "start_from", "start_to")


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _filters() -> PublicFilters:
    args = {name: (request.args.get(name) or "").strip()[:80] or None for name in FILTERS[:4]}
    return PublicFilters(**args, start_from=_date_arg("start_from"), start_to=_date_arg("start_to"))


@bp.get("/openings", endpoint="openings")
def opening_list():
    page = request.args.get("page", 1, type=int) or 1
    filters = _filters()
    result = opening_queries.public_page(filters, page=min(max(page, 1), 10_000))
    kept = {k: v for k, v in request.args.items() if k in FILTERS and v}
    return render_template("public/openings.html", result=result, facets=opening_queries.public_facets(),
                           kept=kept, **page_words())


@bp.get("/openings/<code>", endpoint="opening")
@limiter.limit(CODE_LOOKUPS)
def opening_page(code):
    opening = opening_queries.public_opening(code)
    if opening is None:
        return _not_public(code)
    if opening.code != code:
        return redirect(url_for(".opening", code=opening.code), code=301)
    return render_template("public/opening.html", opening=opening, public_link=public_url(opening.code),
                           today=local_today(), **page_words())


def _not_public(code: str):
    """A QR scanned from an offer whose opening is under review again or closed says so, still as a 404."""
    state, normalised = opening_queries.code_status(code)
    if state != "not_current":
        abort(404)
    return render_template("public/verify.html", typed=normalised, state=state, code=normalised), 404


@bp.get("/openings/<code>/qr.svg", endpoint="opening_qr")
def opening_qr(code):
    opening = opening_queries.public_opening(code) or abort(404)
    return qr_response(opening.code, "svg")


@bp.get("/verify", endpoint="verify")
@limiter.limit(CODE_LOOKUPS)
def verify():
    typed = request.args.get("code", "").strip()[:40]
    if not typed:
        return render_template("public/verify.html", typed="", state=None)
    state, code = opening_queries.code_status(typed)
    if state == "approved":
        return redirect(url_for(".opening", code=code))
    return render_template("public/verify.html", typed=typed, state=state, code=code or normalise_code(typed))
