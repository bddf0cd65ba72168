"""Forms for sign-up, login and passwords."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.web.forms import BaseForm as FlaskForm

PASSWORD_MAX = 256


def strong_enough(form, field):
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_l("Use at least %(n)d characters.", n=minimum))


class LoginForm(FlaskForm):
    identifier = StringField(_l("E-mail or NIK"), validators=[DataRequired(), Length(max=254)],
                             render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})


class NewPasswordMixin:
    password = PasswordField(_l("New password"), validators=[DataRequired(), strong_enough,
                                                             Length(max=PASSWORD_MAX)],
                             description=_l("At least 12 characters. A short sentence is easy to remember."),
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", _l("The passwords differ."))],
                            render_kw={"autocomplete": "new-password"})


class SeekerRegistrationForm(NewPasswordMixin, FlaskForm):
    nik = StringField(_l("NIK (16 digits, from your KTP)"), validators=[DataRequired(), Length(max=24)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)],
                            render_kw={"autocomplete": "name"})
    birth_date = DateField(_l("Date of birth"), validators=[DataRequired()])
    gender = RadioField(_l("Gender (as on your KTP)"), choices=[("F", _l("Female")), ("M", _l("Male"))],
                        validators=[DataRequired()])
    place = SelectField(_l("Where you live"), validators=[DataRequired()],
                        description=_l("Your kelurahan in Pangkalpinang, or your regency elsewhere in "
                                       "Bangka Belitung."))
    phone = StringField(_l("Mobile phone"), validators=[DataRequired(), Length(max=20)],
                        render_kw={"inputmode": "tel", "autocomplete": "tel"})
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    guardian_consent = BooleanField(_l("I am under 18 and my parent or guardian agrees to my registration"))
    consent_matching = BooleanField(_l("I agree that Jembatan uses my profile to match me with openings and "
                                       "shows it, without my NIK or contact details, to verified employers"),
                                    validators=[DataRequired(_l("We need this consent to match you."))])


class EmployerRegistrationForm(NewPasswordMixin, FlaskForm):
    legal_name = StringField(_l("Organisation's legal name"), validators=[DataRequired(), Length(max=200)])
    partner_city_id = SelectField(_l("Partner city"), coerce=int, validators=[DataRequired()])
    registration_number = StringField(_l("Company registration number"), validators=[Optional(), Length(max=80)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    sector_code = SelectField(_l("Sector"), validators=[Optional()])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=200)])
    contact_person = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    contact_phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    email = EmailField(_l("Work e-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                            render_kw={"autocomplete": "current-password"})


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    pass
