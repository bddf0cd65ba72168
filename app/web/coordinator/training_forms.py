"""Forms for training programmes, cohorts, their rosters and the demand they prepare for."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, DecimalField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.web.forms import BaseForm
from app.web.training_words import PROVIDER_KIND_WORDS

NEW_STATUS_CHOICES = [("planned", _l("Planned: enrolment not open yet")), ("open", _l("Open for enrolment now"))]
RESULT_CHOICES = [("", _l("No result yet")), ("passed", _l("Passed")), ("failed", _l("Not passed"))]


class ProgrammeForm(BaseForm):
    name = StringField(_l("Name of the programme"), validators=[DataRequired(), Length(max=200)])
    scheme_code = SelectField(_l("Certification scheme"), validators=[DataRequired()],
                              description=_l("Passing the training records a verified certificate of this scheme."))
    provider = StringField(_l("Provider"), validators=[DataRequired(), Length(max=200)],
                           description=_l("For example: UPTD BLK Kota Pangkalpinang."))
    provider_kind = SelectField(_l("Kind of provider"), choices=list(PROVIDER_KIND_WORDS.items()),
                                validators=[DataRequired()])
    hours = IntegerField(_l("Training hours"), validators=[InputRequired(), NumberRange(min=1, max=5000)])
    cost_idr = DecimalField(_l("Cost to the participant (Rp)"), places=0, default=0,
                            validators=[Optional(), NumberRange(min=0)],
                            description=_l("0 when the training is free for participants."))
    language = StringField(_l("Language of instruction"), validators=[Optional(), Length(max=40)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])


class CohortForm(BaseForm):
    programme_id = SelectField(_l("Programme"), coerce=int, validators=[DataRequired()])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    place = StringField(_l("Place"), validators=[DataRequired(), Length(max=200)])
    capacity = IntegerField(_l("Places"), validators=[InputRequired(), NumberRange(min=1, max=1000)],
                            description=_l("When the places are taken, new enrolments go on a waiting list."))
    status = RadioField(_l("Enrolment"), choices=NEW_STATUS_CHOICES, default="planned")


class EnrolmentForm(BaseForm):
    attendance_pct = IntegerField(_l("Attendance (%)"), validators=[Optional(), NumberRange(min=0, max=100)])
    result = SelectField(_l("Result"), choices=RESULT_CHOICES, validators=[Optional()])


def optional_int(value) -> int | None:
    return None if value in (None, "") else int(value)


class DemandForm(BaseForm):
    """Link an approved opening, or a partner city with the positions it asks for; the service checks the ids."""
    opening_id = SelectField(_l("Approved opening"), coerce=optional_int, validate_choice=False,
                             validators=[Optional()])
    partner_city_id = SelectField(_l("Partner city"), coerce=optional_int, validate_choice=False,
                                  validators=[Optional()])
    positions = IntegerField(_l("Positions the city asks for"), validators=[Optional(), NumberRange(min=1)],
                             description=_l("Leave empty if the city has not given a number."))
