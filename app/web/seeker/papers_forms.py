"""Forms for certificates and documents, and the words for their refusal codes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.domain.documents import ABSENT, REQUIRED, SEEKER_DOCUMENTS
from app.services.papers import REASON_MAX, Scan

FILE_HINT = _l("A PDF, or a photo (JPEG or PNG) where every word can be read. At most 5 MB.")
ACCEPT = {"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
          "data-max-bytes": str(5 * 1024 * 1024)}

PROBLEMS = {
    "EMPTY": _l("The file is empty."),
    "TOO_LARGE": _l("The file is larger than 5 MB."),
    "NOT_ALLOWED_TYPE": _l("Only PDF, JPEG or PNG files are accepted."),
    "DAMAGED": _l("The file seems damaged or incomplete."),
    "SCAN_REQUIRED": _l("Choose the file to upload."),
    "UNKNOWN_SCHEME": _l("Choose a scheme from the list."),
    "NUMBER_REQUIRED": _l("Enter the number printed on it."),
    "CERTIFICATE_ALREADY_ADDED": _l("You have already added a certificate with this number."),
    "CERTIFICATE_IS_A_RECORD": _l("A certificate that has been reviewed stays on your record and cannot be "
                                  "removed."),
    "ISSUED_REQUIRED": _l("Enter the date of issue."),
    "ISSUED_IN_FUTURE": _l("The date of issue cannot be in the future."),
    "EXPIRY_REQUIRED": _l("Enter the date it is valid until."),
    "EXPIRES_BEFORE_ISSUED": _l("It cannot expire before it was issued."),
    "ALREADY_EXPIRED": _l("This document has expired. Upload one that is still valid."),
    "PASSPORT_FORMAT": _l("A passport number has 6 to 9 letters and digits, for example E1234567 or "
                          "AB1234567."),
    "PASSPORT_TAKEN": _l("This passport number is already registered to another account. If it is yours, "
                         "contact Disnaker."),
    "BPJS_FORMAT": _l("A BPJS Ketenagakerjaan number has 11 to 16 digits."),
    "REASON_REQUIRED": _l("Say why, so the job seeker knows what to fix."),
}

NUMBER_LABELS = {"passport": _l("Passport number"), "bpjs": _l("BPJS Ketenagakerjaan membership number")}
NUMBER_HINTS = {"passport": _l("As printed on the photo page, for example E1234567."),
                "bpjs": _l("The number on your BPJS Ketenagakerjaan card (KPJ).")}
EXPIRY_LABELS = {REQUIRED: _l("Valid until"), "optional": _l("Valid until (if it says)")}


def words_for(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def attach(form, problems) -> None:
    """Put each problem under its field (or at the top of the form), beside what the user typed."""
    for problem in problems:
        field = getattr(form, problem.field, None)
        if field is not None:
            field.errors = list(field.errors) + [words_for(problem.code)]
        else:
            form.form_errors.append(words_for(problem.code))


def scan_of(field) -> Scan | None:
    """The uploaded file of a FileField, or None when none was chosen."""
    storage = field.data
    if storage is None or not getattr(storage, "filename", None):
        return None
    return Scan(storage.read(), storage.filename)


class CertificationForm(FlaskForm):
    # Required-ness is checked by the service, so that every problem, the file's included, shows at once.
    scheme_code = SelectField(_l("Certification scheme"))
    issuer = StringField(_l("Issued by (LSP or other body)"), validators=[Optional(), Length(max=160)],
                         description=_l("For example: LSP Pekerja Domestik Lintas Benua."))
    number = StringField(_l("Certificate number"), validators=[Length(max=80)],
                         render_kw={"autocomplete": "off"})
    issued_on = DateField(_l("Date of issue"), validators=[Optional()])
    expires_on = DateField(_l("Valid until"), validators=[Optional()],
                           description=_l("Leave empty if the certificate does not expire."))
    scan = FileField(_l("Scan or photo of the certificate"), description=FILE_HINT, render_kw=ACCEPT)


class DocumentForm(FlaskForm):
    number = StringField(_l("Number"), validators=[Length(max=40)], render_kw={"autocomplete": "off"})
    issued_on = DateField(_l("Date of issue"), validators=[Optional()])
    expires_on = DateField(_l("Valid until"), validators=[Optional()])
    scan = FileField(_l("Scan or photo of the document"), description=FILE_HINT, render_kw=ACCEPT)

    @classmethod
    def for_kind(cls, kind: str) -> "DocumentForm":
        """The form with only the fields this kind of document has."""
        form, spec = cls(), SEEKER_DOCUMENTS[kind]
        if spec.number == ABSENT:
            del form.number
        else:
            form.number.label.text = NUMBER_LABELS[kind]
            form.number.description = NUMBER_HINTS[kind]
        if spec.expires_on == ABSENT:
            del form.expires_on
        else:
            form.expires_on.label.text = EXPIRY_LABELS[spec.expires_on]
        if spec.issued_on != REQUIRED:
            form.issued_on.label.text = _l("Date of issue (if it says)")
        return form


class DecisionForm(FlaskForm):
    """Verifying needs nothing but the button (and the CSRF token)."""


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Reason for rejecting"), validators=[
        DataRequired(PROBLEMS["REASON_REQUIRED"]), Length(max=REASON_MAX)],
        description=_l("The job seeker reads this. Say what to fix, for example: the scan is blurred."))
