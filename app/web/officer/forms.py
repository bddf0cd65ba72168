"""The officer's look-up form, and the words for the look-up's refusal codes."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, Length

from app.domain import immigration as rules

KINDS = [("nik", _l("NIK (16 digits)")), ("passport_number", _l("Passport number"))]

PROBLEMS = {
    rules.ONE_IDENTIFIER: _l("Enter the NIK or the passport number."),
    rules.BAD_NIK: _l("A NIK has exactly 16 digits."),
    rules.BAD_PASSPORT: _l("A passport number has 6 to 9 letters and digits, for example E1234567."),
    rules.BAD_DATE: _l("Enter dates as shown by the date picker (year-month-day)."),
    rules.WINDOW_REVERSED: _l("The end date is before the start date."),
    rules.WINDOW_TOO_LONG: _l("Choose a period of at most one year."),
}


class LookupForm(FlaskForm):
    kind = RadioField(_l("What does the person show?"), choices=KINDS, default="nik")
    number = StringField(_l("Number"), validators=[DataRequired(message=PROBLEMS[rules.ONE_IDENTIFIER]),
                                                   Length(max=40)],
                         filters=[lambda value: value.strip() if value else value],
                         render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"})
