"""Coordinator pages: destination rules, with a preview of the openings a change affects before it is saved."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.vocab import RULE_STATUSES
from app.extensions import db
from app.models import DestinationRule
from app.services import destination_rules
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.web.auth.choices import sector_choices
from app.web.channel_messages import attach, country_choices, country_label
from app.web.coordinator import bp
from app.web.coordinator.destination_forms import DestinationRuleForm


@bp.get("/destinations", endpoint="destinations")
def destination_list():
    today, args = local_today(), request.args
    country = args.get("country", "").upper()[:2] or None
    sector = args.get("sector") or None
    status = args.get("status") if args.get("status") in RULE_STATUSES else None
    in_force = args.get("in_force") == "1"
    rules = destination_rules.list_rules(country, sector, status, today if in_force else None)
    verdict = destination_rules.verdict_for(country, None if sector == "*" else sector, today) if country else None
    return render_template("coordinator/destinations.html", rules=rules, verdict=verdict, today=today,
                           filters={"country": country, "sector": sector, "status": status, "in_force": in_force},
                           countries=country_choices(destination_rules.ruled_countries())[1:],
                           sectors=dict(sector_choices()[1:]), statuses=RULE_STATUSES, country_label=country_label)


@bp.route("/destinations/new", methods=["GET", "POST"])
def destination_new():
    return _edit(None)


@bp.route("/destinations/<int:rule_id>", methods=["GET", "POST"])
def destination_edit(rule_id):
    return _edit(db.get_or_404(DestinationRule, rule_id))


def _edit(rule: DestinationRule | None):
    """Check the effect first; save only what was previewed, on a second, confirming submit."""
    form, affected = _form(rule), None
    if form.validate_on_submit():
        try:
            if "confirm" in request.form and form.previewed.data == form.fingerprint():
                return _save(rule, form)
            if "confirm" in request.form:
                flash(_("The rule changed after its preview: check the effect again, then save."), "warning")
            affected = destination_rules.preview_change(_input(form), rule, local_today())
            form.previewed.data = form.fingerprint()
        except destination_rules.RuleRefused as refused:
            attach(form, refused.problems)
    return render_template("coordinator/destinations_edit.html", form=form, rule=rule, affected=affected,
                           sectors=dict(sector_choices()[1:]), country_label=country_label)


def _save(rule: DestinationRule | None, form: DestinationRuleForm):
    by, today = Actor.for_user(current_user, request.remote_addr), local_today()
    if rule is None:
        rule = destination_rules.create_rule(_input(form), by, today)
    else:
        destination_rules.update_rule(rule, _input(form), by, today)
    flash(_("The destination rule is saved."), "success")
    return redirect(url_for(".destinations", country=rule.country_code))


def _form(rule: DestinationRule | None) -> DestinationRuleForm:
    form = DestinationRuleForm(obj=rule)
    form.country_code.choices = country_choices()
    form.sector_code.choices = [("", _("All sectors of the country"))] + sector_choices()[1:]
    if rule is not None and not form.is_submitted():
        form.sector_code.data = rule.sector_code or ""
    return form


def _input(form: DestinationRuleForm) -> destination_rules.RuleInput:
    return destination_rules.RuleInput(
        country_code=form.country_code.data, sector_code=form.sector_code.data or None, status=form.status.data,
        valid_from=form.valid_from.data, valid_to=form.valid_to.data, basis=form.basis.data,
        source=form.source.data)
