"""Pages for immigration officers: the same look-ups as the API, by hand, and upcoming departures."""
from flask import render_template, request
from flask_login import current_user

from app.domain import immigration as rules
from app.domain.vocab import Role
from app.services import immigration
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.partners import country_name
from app.web.guards import require_role
from app.web.officer import bp
from app.web.officer.forms import PROBLEMS, LookupForm

PER_PAGE = 50


@bp.before_request
def only_officers():
    return require_role(Role.OFFICER)


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/")
def dashboard():
    return render_template("officer/dashboard.html")


@bp.route("/lookup", methods=["GET", "POST"])
def lookup():
    form, answer, asked = LookupForm(), None, None
    if form.validate_on_submit():
        asked, problem = rules.parse_identifier({form.kind.data: form.number.data})
        if problem:
            form.number.errors.append(PROBLEMS[problem])
        else:
            answer = immigration.lookup(asked, _actor(), action="officer_lookup")
    return render_template("officer/lookup.html", form=form, answer=answer, asked=asked, country_name=country_name)


@bp.get("/departures")
def departures():
    start, end = request.args.get("from") or None, request.args.get("to") or None
    window, problem = rules.parse_window(start, end, local_today())
    page = max(request.args.get("page", 1, type=int), 1)
    found = window and immigration.departures(window, _actor(), min(page, 100_000), PER_PAGE,
                                              action="officer_departures")
    return render_template("officer/departures.html", found=found, window=window, start=start, end=end,
                           problem=PROBLEMS.get(problem), country_name=country_name)
