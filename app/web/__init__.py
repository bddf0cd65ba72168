"""Blueprints by audience, each with its own URL prefix and guard."""


def register_all(app) -> None:
    from app.web import admin, api, auth, coordinator, employer, officer, public, seeker
    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp, url_prefix="/auth")
    app.register_blueprint(seeker.bp, url_prefix="/seeker")
    app.register_blueprint(employer.bp, url_prefix="/employer")
    app.register_blueprint(coordinator.bp, url_prefix="/coordinator")
    app.register_blueprint(officer.bp, url_prefix="/officer")
    app.register_blueprint(admin.bp, url_prefix="/admin")
    app.register_blueprint(api.bp, url_prefix="/api/v1")
