"""Forms for an employer's own organisation: its details, and adding a colleague."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.web.forms import BaseForm


class OrganisationForm(BaseForm):
    legal_name = StringField(_l("Organisation's legal name"), validators=[DataRequired(), Length(max=200)])
    registration_number = StringField(_l("Company registration number"), validators=[Optional(), Length(max=80)])
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=300)])
    sector_code = SelectField(_l("Sector"), validators=[Optional()])
    contact_person = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=120)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    contact_phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)],
                                render_kw={"inputmode": "tel", "autocomplete": "tel"})
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200)])


class InviteForm(BaseForm):
    display_name = StringField(_l("Colleague's name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Colleague's work e-mail"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("We send them a link to choose a password."))
