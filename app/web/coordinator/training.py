"""Coordinator pages: training programmes and cohorts, rosters, demand, and completion."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.domain import training as rules
from app.domain.vocab import COHORT_STATUSES
from app.extensions import db
from app.models import Cohort, CohortDemand, Enrolment, TrainingProgramme
from app.services import training, training_roster
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.certifications import scheme_choices
from app.services.training_completion import complete_cohort, default_number
from app.services.training_roster import RosterRefused
from app.web.coordinator import bp
from app.web.coordinator.training_forms import CohortForm, DemandForm, EnrolmentForm, ProgrammeForm
from app.web.training_words import attach, problem, words


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _flash_refusal(refused: Exception) -> None:
    problems = getattr(refused, "problems", None)
    pairs = [(p.code, p.data) for p in problems] if problems else [(c, refused.data) for c in refused.codes]
    for code, data in pairs:
        flash(problem(code, data), "error")


def _flash_form_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "error")
    if not form.errors:
        flash(_("Nothing to save."), "error")


def _back(cohort_id: int, anchor: str = ""):
    return redirect(url_for(".cohort", cohort_id=cohort_id) + anchor)


@bp.get("/training", endpoint="training")
def training_overview():
    status = request.args.get("status") if request.args.get("status") in COHORT_STATUSES else None
    return render_template("coordinator/training.html", programmes=training.programmes(),
                           rows=training.cohort_overview(status), status=status, statuses=COHORT_STATUSES, **words())


# --- programmes -------------------------------------------------------------------------------------


@bp.route("/training/programmes/new", methods=["GET", "POST"])
def programme_new():
    return _programme_page(None)


@bp.route("/training/programmes/<int:programme_id>", methods=["GET", "POST"])
def programme_edit(programme_id: int):
    return _programme_page(db.get_or_404(TrainingProgramme, programme_id))


def _programme_page(programme: TrainingProgramme | None):
    form = ProgrammeForm(obj=programme)
    form.scheme_code.choices = [("", _("Choose…"))] + scheme_choices()
    if form.validate_on_submit():
        data = training.ProgrammeInput(**{name: form[name].data for name in (
            "name", "scheme_code", "provider", "provider_kind", "hours", "cost_idr", "language", "description")})
        try:
            if programme is None:
                programme = training.create_programme(data, _actor())
            else:
                training.update_programme(programme, data, _actor())
        except training.TrainingRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The programme %(name)s is saved.", name=programme.name), "success")
            return redirect(url_for(".training"))
    return render_template("coordinator/training_programme.html", form=form, programme=programme)


# --- cohorts ----------------------------------------------------------------------------------------


@bp.route("/training/cohorts/new", methods=["GET", "POST"])
def cohort_new():
    form = _cohort_form(None)
    if not form.is_submitted():
        form.programme_id.data = request.args.get("programme", type=int)
    if form.validate_on_submit():
        try:
            cohort = training.create_cohort(_cohort_input(form), _actor())
        except training.TrainingRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The cohort is saved."), "success")
            return redirect(url_for(".cohort", cohort_id=cohort.id))
    return render_template("coordinator/training_cohort_form.html", form=form, cohort=None)


@bp.route("/training/cohorts/<int:cohort_id>/edit", methods=["GET", "POST"])
def cohort_edit(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    form = _cohort_form(cohort)
    del form.status  # the status moves with its own buttons on the cohort page
    if form.validate_on_submit():
        try:
            promoted = training.update_cohort(cohort, _cohort_input(form), _actor())
        except training.TrainingRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("The cohort is saved."), "success")
            _flash_promoted(len(promoted))
            return redirect(url_for(".cohort", cohort_id=cohort.id))
    return render_template("coordinator/training_cohort_form.html", form=form, cohort=cohort)


def _cohort_form(cohort: Cohort | None) -> CohortForm:
    form = CohortForm(obj=cohort)
    form.programme_id.choices = [(0, _("Choose…"))] + training.programme_choices()
    return form


def _cohort_input(form: CohortForm) -> training.CohortInput:
    return training.CohortInput(programme_id=form.programme_id.data, starts_on=form.starts_on.data,
                                ends_on=form.ends_on.data, place=form.place.data, capacity=form.capacity.data,
                                status=form.status.data if "status" in form else "planned")


def _flash_promoted(count: int) -> None:
    if count:
        flash(ngettext("%(num)d person moved up from the waiting list and was told.",
                       "%(num)d people moved up from the waiting list and were told.", count), "info")


@bp.get("/training/cohorts/<int:cohort_id>")
def cohort(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    demand_rows, demand = training.demand_of(cohort)
    demand_form = DemandForm()
    openings, cities = training.demand_choices(cohort)
    demand_form.opening_id.choices = [("", _("Choose…"))] + openings
    demand_form.partner_city_id.choices = [("", _("Choose…"))] + cities
    return render_template(
        "coordinator/training_cohort.html", cohort=cohort, roster=training_roster.roster(cohort, _actor()),
        demand_rows=demand_rows, demand=demand, demand_form=demand_form, enrolment_form=EnrolmentForm(),
        moves=rules.COHORT_MOVES[cohort.status], today=local_today(), default_number=default_number,
        editable=cohort.status in rules.ACTIVE_COHORT, **words())


@bp.post("/training/cohorts/<int:cohort_id>/status")
def cohort_status(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    try:
        training.set_cohort_status(cohort, request.form.get("status", ""), _actor())
    except training.TrainingRefused as refused:
        _flash_refusal(refused)
    return _back(cohort_id)


@bp.post("/training/enrolments/<int:enrolment_id>")
def enrolment_update(enrolment_id: int):
    enrolment = db.get_or_404(Enrolment, enrolment_id)
    form = EnrolmentForm()
    try:
        if request.form.get("action") == "withdraw":
            promoted = training_roster.withdraw(enrolment, _actor())
            flash(_("The participant is withdrawn."), "success")
            _flash_promoted(1 if promoted else 0)
        elif request.form.get("action") == "save" and form.validate():
            training_roster.record(enrolment, _actor(), attendance_pct=form.attendance_pct.data,
                                   passed={"passed": True, "failed": False}.get(form.result.data),
                                   clear_result=not form.result.data)
            flash(_("Saved."), "success")
        else:
            _flash_form_errors(form)
    except RosterRefused as refused:
        _flash_refusal(refused)
    return _back(enrolment.cohort_id, f"#enrolment-{enrolment_id}")


@bp.post("/training/cohorts/<int:cohort_id>/demand")
def cohort_demand_add(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    form = DemandForm()
    if not form.validate():
        _flash_form_errors(form)
        return _back(cohort_id, "#demand")
    try:
        training.add_demand(cohort, _actor(), opening_id=form.opening_id.data,
                            partner_city_id=form.partner_city_id.data, positions=form.positions.data)
    except training.TrainingRefused as refused:
        _flash_refusal(refused)
    else:
        flash(_("The demand is linked."), "success")
    return _back(cohort_id, "#demand")


@bp.post("/training/demand/<int:demand_id>/remove")
def cohort_demand_remove(demand_id: int):
    link = db.get_or_404(CohortDemand, demand_id)
    cohort_id = link.cohort_id
    try:
        training.remove_demand(link, _actor())
    except training.TrainingRefused as refused:
        _flash_refusal(refused)
    else:
        flash(_("The link is removed."), "success")
    return _back(cohort_id, "#demand")


@bp.post("/training/cohorts/<int:cohort_id>/complete")
def cohort_complete(cohort_id: int):
    cohort = db.get_or_404(Cohort, cohort_id)
    numbers = {int(k.removeprefix("number-")): v for k, v in request.form.items()
               if k.startswith("number-") and k.removeprefix("number-").isdigit()}
    try:
        done = complete_cohort(cohort, _actor(), numbers)
    except RosterRefused as refused:
        _flash_refusal(refused)
        return _back(cohort_id, "#complete")
    if done.already_done and not done.certified:
        flash(_("This cohort was already completed; nothing changed."), "info")
    else:
        flash(ngettext("The cohort is completed: %(num)d verified certificate recorded.",
                       "The cohort is completed: %(num)d verified certificates recorded.", len(done.certified)),
              "success")
    return _back(cohort_id)
