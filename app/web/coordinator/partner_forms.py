"""Forms for partner cities and their agreements."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import DateField, EmailField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.web.forms import BaseForm

AGREEMENT_STATUS_CHOICES = [("draft", _l("Draft")), ("active", _l("Active")), ("suspended", _l("Suspended")),
                            ("ended", _l("Ended"))]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (the form macros render it as a fieldset)."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PartnerForm(BaseForm):
    name = StringField(_l("City name"), validators=[DataRequired(), Length(max=120)])
    country_code = SelectField(_l("Country"), validators=[DataRequired()])
    agreement_kind = StringField(_l("Kind of agreement"), validators=[Optional(), Length(max=120)],
                                 description=_l("For example: sister-city MoU, letter of intent."))
    agreement_status = SelectField(_l("Agreement status"), choices=AGREEMENT_STATUS_CHOICES,
                                   validators=[DataRequired()],
                                   description=_l("Only an active agreement, not expired, lets the city's "
                                                  "employers submit openings."))
    agreement_signed_on = DateField(_l("Signed on"), validators=[Optional()])
    agreement_expires_on = DateField(_l("Expires on"), validators=[Optional()],
                                     description=_l("Leave empty if the agreement has no end date."))
    sector_codes = MultiCheckboxField(_l("Sectors covered"))
    scan = FileField(_l("Scan of the signed agreement"),
                     description=_l("PDF, JPEG or PNG, at most 5 MB. A new file replaces the old one."))
    contact_name = StringField(_l("Contact person"), validators=[Optional(), Length(max=120)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

