"""Forms of the seeker's profile pages, and the words for the profile service's refusal codes."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.services.profile_preferences import country_name
from app.web.messages import problem_message


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier on a phone than a multiple select."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BasicsForm(FlaskForm):
    education_code = SelectField(_l("Highest education completed"), validators=[Optional()],
                                 description=_l("SMK is vocational senior secondary school; it counts as much as "
                                                "SMA."))
    phone = StringField(_l("Mobile phone"), validators=[Optional(), Length(max=20)],
                        description=_l("Employers never see it; Disnaker uses it to reach you."),
                        render_kw={"inputmode": "tel", "autocomplete": "tel"})


class ExperienceForm(FlaskForm):
    title = StringField(_l("What did you do?"), validators=[DataRequired(), Length(max=120)],
                        description=_l("For example: welder, waiter, sewing machine operator."))
    place = StringField(_l("Where? (optional)"), validators=[Optional(), Length(max=120)],
                        description=_l("The company, shop or town."))
    years = IntegerField(_l("Years"), validators=[Optional(), NumberRange(min=0, max=50)], default=0,
                         render_kw={"inputmode": "numeric"})
    months = IntegerField(_l("Months"), validators=[Optional(), NumberRange(min=0, max=600)], default=0,
                          description=_l("How long you did it: years and months, for example 1 year and 6 months."),
                          render_kw={"inputmode": "numeric"})

    def total_months(self) -> int:
        return (self.years.data or 0) * 12 + (self.months.data or 0)


class SkillsForm(FlaskForm):
    skills = StringField(_l("Add skills"), validators=[DataRequired(), Length(max=1000)],
                         description=_l("Choose from the list or write your own. Separate several skills with "
                                        "commas, for example: las, menjahit."),
                         render_kw={"list": "skill-vocabulary", "autocomplete": "off", "autocapitalize": "none"})


class LanguageForm(FlaskForm):
    level_id = SelectField(_l("Test and level"), coerce=int, validators=[DataRequired()],
                           description=_l("The test you passed and the level on your certificate."))
    tested_on = DateField(_l("Date of the test (optional)"), validators=[Optional()])
    certificate = FileField(_l("Scan of the certificate (optional)"),
                            description=_l("PDF, JPEG or PNG, at most 5 MB."),
                            render_kw={"accept": "application/pdf,image/jpeg,image/png"})


class PreferencesForm(FlaskForm):
    countries = MultiCheckboxField(_l("Countries you would like to work in"), validators=[Optional()])
    sectors = MultiCheckboxField(_l("Sectors you would like to work in"), validators=[Optional()])


PROBLEMS = {
    "UNKNOWN_EDUCATION": _l("Choose an education level from the list."),
    "MONTHS_RANGE": _l("Write how long you did it: at least 1 month, at most %(max)s months."),
    "EXPERIENCE_TOO_LONG": _l("All your experience together cannot be more than %(years)s years."),
    "SKILL_EMPTY": _l("Write at least one skill."),
    "SKILL_TOO_LONG": _l("A skill can have at most %(max)s characters. Separate several skills with commas."),
    "UNKNOWN_LANGUAGE_LEVEL": _l("Choose a test and level from the list."),
    "LANGUAGE_TEST_TWICE": _l("You already have a %(test)s result. Delete it first to enter a new one."),
    "DATE_IN_FUTURE": _l("This date is in the future."),
    "UPLOAD_EMPTY": _l("The file is empty. Choose the scan again."),
    "UPLOAD_TOO_LARGE": _l("The file is larger than 5 MB. Scan it at a lower resolution or as a PDF."),
    "UPLOAD_NOT_ALLOWED_TYPE": _l("Only PDF, JPEG or PNG files are accepted."),
    "UPLOAD_DAMAGED": _l("The file seems damaged or incomplete. Scan it again."),
    "UNKNOWN_COUNTRY": _l("%(code)s is not a country code we know."),
    "COUNTRY_BLOCKED": _l("%(country)s is not a legal destination for migrant workers."),
    "UNKNOWN_SECTOR": _l("Choose sectors from the list."),
}


def problem_words(code: str, data: dict) -> str:
    if code not in PROBLEMS:
        return problem_message(code, data)  # shared codes such as PHONE_INVALID
    words = dict(data)
    if "code" in words:
        words["country"] = country_name(words["code"], str(get_locale()))
    return str(PROBLEMS[code]) % words


def attach_problems(form, problems) -> None:
    """Put each refusal under its field, so it shows beside what the seeker typed."""
    for problem in problems:
        field = getattr(form, problem.field, None)
        message = problem_words(problem.code, problem.data)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
