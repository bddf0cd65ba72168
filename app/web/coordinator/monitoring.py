"""Coordinator pages: monitoring of workers abroad (alerts first), and the cases Disnaker follows."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.cases import NOTE_REQUIRED
from app.domain.vocab import CASE_SEVERITIES, CASE_STATUSES
from app.services import alerts, cases
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.coordinator.monitoring_forms import CaseForm, CaseUpdateForm, NoteForm
from app.web.coordinator.monitoring_words import problem, words


def _viewer() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _flash_refusal(refused: cases.CaseRefused) -> None:
    for code in refused.codes:
        flash(problem(code), "error")


@bp.get("/monitoring")
def monitoring():
    viewer = _viewer()
    open_cases = cases.cases_seen_by(viewer, "active")
    return render_template("coordinator/monitoring.html", alerts=alerts.open_alerts_seen_by(viewer),
                           by_severity=cases.open_cases_by_severity(), open_cases=open_cases,
                           names=cases.people(row.case.owner_id for row in open_cases), **words())


@bp.post("/alerts/<int:alert_id>/resolve")
def alert_resolve(alert_id: int):
    alert = alerts.alert_by_id(alert_id)
    if alert is None:
        abort(404)
    if alerts.resolve_alert(alert, _viewer()):
        flash(_("The alert is marked as dealt with."), "success")
    return redirect(url_for(".monitoring"))


@bp.get("/cases", endpoint="cases")
def cases_list():
    status = request.args.get("status", "active")
    status = status if status in (*CASE_STATUSES, "active", "all") else "active"
    severity = request.args.get("severity") if request.args.get("severity") in CASE_SEVERITIES else None
    found = cases.cases_seen_by(_viewer(), None if status == "all" else status, severity)
    return render_template("coordinator/cases.html", found=found, status=status, severity=severity,
                           names=cases.people(row.case.owner_id for row in found), **words())


@bp.route("/cases/new", methods=["GET", "POST"])
def case_new():
    viewer = _viewer()
    try:
        origin = cases.origin_for(request.args.get("checkin", type=int), request.args.get("report", type=int), viewer)
    except cases.NotFound:
        abort(404)
    form = CaseForm(owner=current_user.id, severity=cases.suggested_severity(origin),
                    placement=request.args.get("placement", type=int))
    form.fill_choices(with_placement=origin is None)
    if form.validate_on_submit():
        try:
            opened = cases.open_case(origin or cases.origin_from_placement(form.placement.data, form.source.data),
                                     form.category.data, form.severity.data, form.summary.data, form.owner.data,
                                     viewer)
        except cases.CaseRefused as refused:
            _flash_refusal(refused)
        except cases.NotFound:
            abort(404)
        else:
            flash(_("The case is open."), "success")
            return redirect(url_for(".case", case_id=opened.id))
    return render_template("coordinator/case_new.html", form=form, origin=origin, **words())


@bp.get("/cases/<int:case_id>")
def case(case_id: int):
    page = cases.case_page(case_id, _viewer())
    if page is None:
        abort(404)
    found = page.case
    update = CaseUpdateForm(status=found.status, severity=found.severity, owner=found.owner_id,
                            resolution=found.resolution)
    update.fill_choices()
    return render_template("coordinator/case.html", page=page, note_form=NoteForm(), update_form=update, **words())


@bp.post("/cases/<int:case_id>/notes")
def case_note(case_id: int):
    found, form = _case_or_404(case_id), NoteForm()
    try:
        if not form.validate():
            raise cases.CaseRefused([NOTE_REQUIRED])
        cases.add_note(found, form.text.data, _viewer())
    except cases.CaseRefused as refused:
        _flash_refusal(refused)
    else:
        flash(_("The note is added."), "success")
    return redirect(url_for(".case", case_id=case_id, _anchor="timeline"))


@bp.post("/cases/<int:case_id>/update")
def case_update(case_id: int):
    found, form = _case_or_404(case_id), CaseUpdateForm()
    form.fill_choices()
    if not form.validate():
        flash(_("Something was missing in the form. Please try again."), "error")
        return redirect(url_for(".case", case_id=case_id))
    try:
        cases.update_case(found, form.status.data, form.severity.data, form.owner.data, form.resolution.data,
                          _viewer())
    except cases.CaseRefused as refused:
        _flash_refusal(refused)
    else:
        flash(_("The case is updated."), "success")
    return redirect(url_for(".case", case_id=case_id))


def _case_or_404(case_id: int):
    found = cases.case_by_id(case_id)
    if found is None:
        abort(404)
    return found
