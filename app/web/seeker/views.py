"""Pages for job seekers."""
from flask import abort, render_template, request
from flask_login import current_user

from app.domain.readiness import counts
from app.domain.vocab import Role
from app.security.crypto import decrypt
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.dashboards import seeker_placements
from app.services.readiness import readiness_of
from app.services.seeker_matches import matches_for
from app.web.guards import require_role
from app.web.match_words import page_words
from app.web.seeker import bp
from app.web.seeker.readiness_words import describe

TOP_ON_DASHBOARD = 3


@bp.before_request
def only_seekers():
    return require_role(Role.SEEKER)


@bp.get("/")
def dashboard():
    profile = current_user.seeker
    if profile is None:
        abort(404)
    # The owner sees their own NIK in full; nobody else's page shows it.
    nik = decrypt(profile.nik_encrypted) if profile.nik_encrypted else None
    items = readiness_of(profile, local_today())
    top = matches_for(profile, Actor.for_user(current_user, request.remote_addr), top_k=TOP_ON_DASHBOARD,
                      with_blocked=False)
    return render_template("seeker/dashboard.html", profile=profile, nik=nik, top=top,
                           placements=seeker_placements(profile.id),
                           readiness=[describe(item) for item in items], readiness_counts=counts(items),
                           **page_words())
