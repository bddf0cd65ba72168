"""Seeker pages: their certificates and documents, with the scans they uploaded."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.domain.certificates import counts_on, short_scheme_name
from app.domain.clock import utcnow
from app.domain.documents import SEEKER_DOCUMENTS
from app.extensions import talisman
from app.services import certifications, documents
from app.services.audit import Actor
from app.services.papers import PapersRefused, own_upload
from app.web.files import FILE_CSP, send_upload
from app.web.seeker import bp
from app.web.seeker.papers_forms import CertificationForm, DocumentForm, attach, scan_of, words_for


def _profile():
    profile = current_user.seeker
    if profile is None:
        abort(404)
    return profile


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/papers")
def papers():
    profile, today = _profile(), utcnow().date()
    certs = certifications.seeker_certifications(profile.id)
    counting = {c.id for c in certs if counts_on(certifications.facts(c), today)}
    docs = documents.seeker_documents(profile.id)
    numbers = {kind: documents.document_number(doc) for kind, doc in docs.items()}
    return render_template("seeker/papers.html", certifications=certs, counting=counting, documents=docs,
                           numbers=numbers, kinds=list(SEEKER_DOCUMENTS), names=documents.DOCUMENT_NAMES,
                           today=today, short=short_scheme_name)


@bp.route("/papers/certifications/new", methods=["GET", "POST"])
def certification_new():
    profile, form = _profile(), CertificationForm()
    form.scheme_code.choices = [("", _("Choose a scheme"))] + certifications.scheme_choices()
    if form.validate_on_submit():
        entry = certifications.CertificationEntry(
            scheme_code=form.scheme_code.data, number=form.number.data, issued_on=form.issued_on.data,
            expires_on=form.expires_on.data, issuer=form.issuer.data)
        try:
            certifications.add_certification(profile, entry, scan_of(form.scan), _actor())
        except PapersRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("Certificate added. A coordinator will check it; we will tell you when it is done."), "success")
            return redirect(url_for(".papers"))
    return render_template("seeker/papers_certification.html", form=form)


@bp.post("/papers/certifications/<int:certification_id>/delete")
def certification_delete(certification_id: int):
    cert = certifications.own_certification(_profile().id, certification_id) or abort(404)
    try:
        certifications.withdraw_certification(cert, _actor())
    except PapersRefused as refused:
        flash(words_for(refused.problems[0].code), "error")
    else:
        flash(_("Certificate removed."), "success")
    return redirect(url_for(".papers"))


@bp.route("/papers/documents/<kind>", methods=["GET", "POST"])
def document_edit(kind: str):
    if kind not in SEEKER_DOCUMENTS:
        abort(404)
    profile, form = _profile(), DocumentForm.for_kind(kind)
    current = documents.seeker_documents(profile.id).get(kind)
    if form.validate_on_submit():
        entry = documents.DocumentEntry(kind=kind, number=form.number.data if "number" in form else None,
                                        issued_on=form.issued_on.data,
                                        expires_on=form.expires_on.data if "expires_on" in form else None)
        try:
            documents.save_document(profile, entry, scan_of(form.scan), _actor())
        except PapersRefused as refused:
            attach(form, refused.problems)
        else:
            flash(_("Document saved. A coordinator will check it; we will tell you when it is done."), "success")
            return redirect(url_for(".papers"))
    return render_template("seeker/papers_document.html", form=form, kind=kind, current=current,
                           name=documents.DOCUMENT_NAMES[kind])


@bp.get("/files/<int:upload_id>")
@talisman(content_security_policy=FILE_CSP)
def file(upload_id: int):
    upload = own_upload(current_user.id, upload_id) or abort(404)
    return send_upload(upload)
