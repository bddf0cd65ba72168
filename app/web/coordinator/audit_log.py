"""Coordinator pages: the audit log viewer (read-only)."""
from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.services import audit_search
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.coordinator.report_forms import AuditLogForm


@bp.get("/audit-log")
def audit_log():
    form = AuditLogForm(formdata=request.args)
    actions, types = audit_search.known_values()
    form.action.choices = [("", _("Any"))] + [(a, a) for a in actions]
    form.object_type.choices = [("", _("Any"))] + [(t, t) for t in types]
    found = None
    if form.validate():
        found = audit_search.search_audit(audit_search.AuditQuery(
            actor=form.actor.data or "", object_type=form.object_type.data or "", object_id=form.object_id.data or "",
            action=form.action.data or "", period=form.period(), page=form.page.data or 1),
            Actor.for_user(current_user, request.remote_addr))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("coordinator/audit_log.html", form=form, found=found, args=args)
