"""Public pages: upcoming training cohorts, optionally for one certification scheme."""
from flask import render_template, request

from app.domain.training import seats_left
from app.services import training_roster
from app.services.training_roster import seats_of
from app.web.public import bp
from app.web.training_words import words


@bp.get("/training", endpoint="training")
def training_list():
    scheme = training_roster.scheme_of(request.args.get("scheme"))
    cohorts = training_roster.upcoming_cohorts(scheme.code if scheme else None)
    places = {c.id: seats_left(c.capacity, seats_of(c)) for c in cohorts}
    return render_template("public/training.html", cohorts=cohorts, places=places, scheme=scheme, **words())
