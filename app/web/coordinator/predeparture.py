"""Coordinator pages for the pre-departure checklist: one page per item to attach, upload, flag or reject,
and the departure itself, refused with the missing items named."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from app.domain import predeparture as gate
from app.models import Placement
from app.services import applications, placement_reads, predeparture, predeparture_reads
from app.services.audit import Actor
from app.web.coordinator import bp
from app.web.coordinator.predeparture_forms import PAPER_FORMS, AttachForm, DepartForm, RejectItemForm
from app.web.placement_words import CHANGED, ITEMS, move_problems
from app.web.placement_words import words as placement_words
from app.web.predeparture_words import DONE, attach_problems, problem_words, words
from app.web.seeker.papers_forms import scan_of


@bp.app_template_global("predeparture_checklist")
def checklist_for(placement: Placement) -> predeparture_reads.Checklist:
    """The checklist section of the placement page reads its rows through this (the page's view is shared)."""
    return predeparture_reads.checklist(placement)


@bp.app_template_global("predeparture_words")
def words_for_section() -> dict:
    return words()


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


def _load(placement_id: int, item: str) -> Placement:
    placement = placement_reads.placement_by_id(placement_id)
    if placement is None or item not in gate.ITEMS:
        abort(404)
    return placement


def _back(placement: Placement):
    return redirect(url_for(".placement", placement_id=placement.id, _anchor="checklist"))


def _show(placement: Placement, item: str, form=None, reject_form=None):
    """The item's page; new forms carry the version shown, forms sent back keep the version first seen."""
    shown, seen = predeparture_reads.checklist(placement), {"version": placement.version}
    row = shown.row(item)
    if form is None:
        paper = {"document_id": row.paper.id} if row.paper is not None else {}
        form = PAPER_FORMS.get(item, AttachForm)(formdata=None, data={**seen, **paper})
    return render_template(
        "coordinator/predeparture_item.html", placement=placement, item=item, checklist=shown, row=row,
        terms=predeparture.opening_terms(placement.opening), form=form,
        reject_form=reject_form or RejectItemForm(formdata=None, data=seen), **words(), **placement_words())


@bp.get("/placements/<int:placement_id>/checklist/<item>")
def predeparture_item(placement_id: int, item: str):
    placement = _load(placement_id, item)
    predeparture_reads.record_item_opened(placement, item, _actor())
    return _show(placement, item)


@bp.post("/placements/<int:placement_id>/checklist/<item>/attach")
def predeparture_attach(placement_id: int, item: str):
    placement, form = _load(placement_id, item), AttachForm()
    if not form.validate():
        return _show(placement, item, form=form)
    return _decide(placement, item, form, lambda: predeparture.attach_paper(
        placement, item, form.document_id.data, _actor(), expected_version=form.version.data, note=form.note.data))


@bp.post("/placements/<int:placement_id>/checklist/<item>/upload")
def predeparture_upload(placement_id: int, item: str):
    placement = _load(placement_id, item)
    form = PAPER_FORMS[item]() if item in PAPER_FORMS else abort(404)
    if not form.validate():
        return _show(placement, item, form=form)
    paper = predeparture.PlacementPaper(
        scan_of(form.scan), terms=form.terms() if hasattr(form, "terms") else None,
        visa_type=form.visa_type.data if "visa_type" in form else None,
        valid_until=form.valid_until.data if "valid_until" in form else None)
    return _decide(placement, item, form, lambda: predeparture.record_placement_paper(
        placement, item, paper, _actor(), expected_version=form.version.data, note=form.note.data))


@bp.post("/placements/<int:placement_id>/checklist/<item>/reject")
def predeparture_reject(placement_id: int, item: str):
    placement, form = _load(placement_id, item), RejectItemForm()
    if not form.validate():
        return _show(placement, item, reject_form=form)
    return _decide(placement, item, form, lambda: predeparture.reject_item(
        placement, item, form.reason.data, _actor(), expected_version=form.version.data), reject=True)


def _decide(placement: Placement, item: str, form, action, reject: bool = False):
    """Run a decision and say what happened; a refused entry shows the item page again with the problems."""
    try:
        outcome = action()
    except predeparture.ChecklistChanged:
        flash(str(CHANGED), "warning")
        return redirect(url_for(".predeparture_item", placement_id=placement.id, item=item))
    except predeparture.ChecklistRefused as refused:
        attach_problems(form, refused.problems)
        return _show(placement, item, **({"reject_form": form} if reject else {"form": form}))
    category = "success" if outcome.status == gate.VERIFIED else "warning"
    flash(str(DONE[outcome.status]) % {"item": ITEMS[item]}, category)
    for code in outcome.codes:
        flash(_rule_words(code, placement), "error")
    return _back(placement)


def _rule_words(code: str, placement: Placement) -> str:
    if code != gate.PASSPORT_TOO_SHORT:
        return problem_words(code)
    shown = predeparture_reads.checklist(placement)
    paper = shown.row("passport").paper
    expires = (paper.expires_on if paper else None) or placement.seeker.passport_expires_on
    return problem_words(code, {"needed": format_date(shown.passport_needed_until),
                                "expires": format_date(expires) if expires else "—"})


@bp.post("/placements/<int:placement_id>/depart")
def predeparture_depart(placement_id: int):
    placement = placement_reads.placement_by_id(placement_id) or abort(404)
    form = DepartForm()
    if not form.validate():
        flash(_("Something was missing in the form. Please try again."), "error")
        return _back(placement)
    try:
        applications.move(placement, "departed", current_user._get_current_object(), note=form.note.data,
                          expected_version=form.version.data, remote_addr=request.remote_addr)
    except applications.MoveRefused as refused:
        _flash_refusal(placement, refused.codes)
    except applications.PlacementChanged:
        flash(str(CHANGED), "warning")
    else:
        flash(_("Departure recorded."), "success")
    return _back(placement)


def _flash_refusal(placement: Placement, codes: list[str]) -> None:
    for message in move_problems([code for code in codes if code != gate.PREDEPARTURE_INCOMPLETE]):
        flash(message, "error")
    if gate.PREDEPARTURE_INCOMPLETE in codes:
        missing = ", ".join(str(ITEMS[item]) for item in predeparture.missing_items(placement))
        flash(_("Departure refused. Still to verify: %(items)s.", items=missing), "error")
