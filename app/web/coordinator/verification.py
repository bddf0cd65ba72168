"""Coordinator pages: the queues of certificates and documents waiting for review, oldest first,
each shown with its scan beside what the seeker entered."""
import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db, talisman
from app.models import Certification, Document, Upload
from app.services import certifications, documents
from app.services.audit import Actor
from app.services.papers import AlreadyDecided, PapersRefused, upload_for_coordinator
from app.services.uploads import download_name, read_upload
from app.web.coordinator import bp
from app.web.files import FILE_CSP, send_upload
from app.web.seeker.papers_forms import DecisionForm, RejectForm, attach

INLINE_TYPES = ("image/jpeg", "image/png")


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/verification")
def verification():
    certs, certs_waiting = certifications.pending_certifications()
    docs, docs_waiting = documents.pending_documents()
    return render_template("coordinator/verification.html", certifications=certs, certs_waiting=certs_waiting,
                           documents=docs, docs_waiting=docs_waiting, names=documents.DOCUMENT_NAMES)


def _scan(upload_id: int | None) -> Upload | None:
    return db.session.get(Upload, upload_id) if upload_id else None


def _show_certification(cert: Certification, reject_form: RejectForm | None = None):
    certifications.record_review_opened(cert, _actor())
    return render_template("coordinator/verification_certification.html", cert=cert, scan=_scan(cert.upload_id),
                           history=certifications.same_scheme_history(cert), decision_form=DecisionForm(),
                           reject_form=reject_form or RejectForm(formdata=None))


@bp.get("/verification/certifications/<int:certification_id>")
def certification_review(certification_id: int):
    return _show_certification(db.get_or_404(Certification, certification_id))


@bp.post("/verification/certifications/<int:certification_id>/verify")
def verify_certification(certification_id: int):
    cert = db.get_or_404(Certification, certification_id)
    if DecisionForm().validate_on_submit():
        _decide(lambda: certifications.verify_certification(cert, _actor()), _("Certificate verified."))
    return _to_next(certifications.next_pending_certification(), ".certification_review", "certification_id")


@bp.post("/verification/certifications/<int:certification_id>/reject")
def reject_certification(certification_id: int):
    cert = db.get_or_404(Certification, certification_id)
    form = RejectForm()
    if not form.validate_on_submit() or not _decide(
            lambda: certifications.reject_certification(cert, _actor(), form.reason.data),
            _("Certificate rejected. The job seeker has been told why."), form):
        return _show_certification(cert, form)
    return _to_next(certifications.next_pending_certification(), ".certification_review", "certification_id")


def _show_document(doc: Document, reject_form: RejectForm | None = None):
    documents.record_review_opened(doc, _actor())
    return render_template("coordinator/verification_document.html", doc=doc, scan=_scan(doc.upload_id),
                           name=documents.DOCUMENT_NAMES.get(doc.kind, doc.kind),
                           number=documents.document_number(doc), decision_form=DecisionForm(),
                           reject_form=reject_form or RejectForm(formdata=None))


@bp.get("/verification/documents/<int:document_id>")
def document_review(document_id: int):
    return _show_document(db.get_or_404(Document, document_id))


@bp.post("/verification/documents/<int:document_id>/verify")
def verify_document(document_id: int):
    doc = db.get_or_404(Document, document_id)
    if DecisionForm().validate_on_submit():
        _decide(lambda: documents.verify_document(doc, _actor()), _("Document verified."))
    return _to_next(documents.next_pending_document(), ".document_review", "document_id")


@bp.post("/verification/documents/<int:document_id>/reject")
def reject_document(document_id: int):
    doc = db.get_or_404(Document, document_id)
    form = RejectForm()
    if not form.validate_on_submit() or not _decide(
            lambda: documents.reject_document(doc, _actor(), form.reason.data),
            _("Document rejected. The job seeker has been told why."), form):
        return _show_document(doc, form)
    return _to_next(documents.next_pending_document(), ".document_review", "document_id")


def _decide(action, done_message: str, form=None) -> bool:
    """Run a decision; say what happened. False when the form has to be shown again."""
    try:
        action()
    except AlreadyDecided:
        flash(_("Someone else has already decided on this item."), "warning")
    except PapersRefused as refused:
        attach(form, refused.problems)
        return False
    else:
        flash(done_message, "success")
    return True


def _to_next(next_id: int | None, endpoint: str, key: str):
    """After a decision, on to the next item waiting longest, or back to the queues when none is left."""
    if next_id is None:
        return redirect(url_for(".verification"))
    return redirect(url_for(endpoint, **{key: next_id}))


@bp.get("/files/<int:upload_id>")
@talisman(content_security_policy=FILE_CSP)
def file(upload_id: int):
    upload = upload_for_coordinator(upload_id, _actor()) or abort(404)
    if upload.content_type not in INLINE_TYPES or request.args.get("download"):
        return send_upload(upload)
    response = send_file(io.BytesIO(read_upload(upload)), mimetype=upload.content_type, as_attachment=False,
                         download_name=download_name(upload), max_age=0)
    response.headers.update({"Content-Security-Policy": FILE_CSP, "X-Content-Type-Options": "nosniff",
                             "Cache-Control": "no-store", "Cross-Origin-Resource-Policy": "same-origin"})
    return response
