"""Pages for the seeker audience."""
from flask import render_template

from app.domain.vocab import Role
from app.web.seeker import bp
from app.web.guards import require_role


@bp.before_request
def only_seekers():
    return require_role(Role.SEEKER)


@bp.get("/")
def dashboard():
    return render_template("seeker/dashboard.html")
