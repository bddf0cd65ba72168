"""Forms for the pre-departure checklist. Each carries the placement version the coordinator saw, so a decision
made on an old page is refused instead of overwriting a newer one."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.domain.predeparture import VISA_TYPES, Terms
from app.services.papers import REASON_MAX
from app.web.forms import BaseForm
from app.web.predeparture_words import VISA_TYPES as VISA_WORDS
from app.web.seeker.papers_forms import ACCEPT, FILE_HINT

NOTE_HINT = _l("For coordinators only; the job seeker does not see it.")


class _Versioned(BaseForm):
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class AttachForm(_Versioned):
    document_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=REASON_MAX)],
                         description=NOTE_HINT)


class _PaperForm(_Versioned):
    scan = FileField(_l("Scan of the signed document"), description=FILE_HINT, render_kw=ACCEPT)
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=REASON_MAX)],
                         description=NOTE_HINT)


class AgreementForm(_PaperForm):
    pass


class ContractForm(_PaperForm):
    """The terms as the signed contract states them; the service compares them with the opening."""
    job_title = StringField(_l("Job, as written in the contract"), validators=[Optional(), Length(max=200)])
    monthly_wage = DecimalField(_l("Monthly wage"), places=2, validators=[Optional(), NumberRange(min=0)])
    currency = StringField(_l("Currency"), validators=[Optional(), Length(max=3)],
                           description=_l("Three letters, for example JPY."))
    hours_per_week = IntegerField(_l("Working hours per week"), validators=[Optional(), NumberRange(min=1, max=84)])
    contract_months = IntegerField(_l("Contract length (months)"),
                                   validators=[Optional(), NumberRange(min=1, max=120)])

    def terms(self) -> Terms:
        return Terms((self.job_title.data or "").strip() or None, self.monthly_wage.data,
                     (self.currency.data or "").strip().upper() or None, self.hours_per_week.data,
                     self.contract_months.data)


class VisaForm(_PaperForm):
    visa_type = SelectField(_l("Type of visa, as written on it"), validators=[Optional()],
                            choices=[("", _l("Choose the type"))] + [(code, VISA_WORDS[code]) for code in VISA_TYPES])
    valid_until = DateField(_l("Valid until (if it says)"), validators=[Optional()])


class RejectItemForm(_Versioned):
    reason = TextAreaField(_l("Why is it rejected?"), validators=[DataRequired(_l("Say why the item is rejected.")),
                                                                 Length(max=REASON_MAX)],
                           description=_l("For coordinators only. The job seeker is told that Disnaker will "
                                          "contact them."))


class DepartForm(_Versioned):
    note = TextAreaField(_l("Note (optional), for example the flight"), validators=[Optional(), Length(max=1000)],
                         description=_l("The job seeker can read this note; the employer cannot."))


PAPER_FORMS = {"employment_contract": ContractForm, "placement_agreement": AgreementForm, "work_visa": VisaForm}
