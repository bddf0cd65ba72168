"""The employer's opening form, and the small forms of the opening pages."""
import re

import pycountry
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, select
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.domain.skill_terms import split_terms
from app.extensions import db
from app.models import CertificationScheme, EducationLevel, LanguageTest, Opening, Sector
from app.services.opening_terms import MAX_HOURS_PER_WEEK, OpeningTerms
from app.services.openings import EMPLOYER_CLOSE_REASONS
from app.web.channel_messages import country_choices
from app.web.forms import BaseForm
from app.web.opening_words import CLOSE_REASON_WORDS, occupation_label

OCCUPATION_CODE = re.compile(r"^\s*(\d{4})(?!\d)")
SCHEME_LABEL_MAX = 90


GENERAL_SCHEME = "SKK-CPMI"  # UU 18/2017 art. 13(c): a competency certificate for every prospective migrant worker


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def occupation_code(text: str | None) -> str | None:
    """The 4-digit code at the start of what was typed or chosen ("7212 — Welders…" or "7212")."""
    match = OCCUPATION_CODE.match(text or "")
    return match.group(1) if match else None


def _occupation_typed(form, field):
    if field.data and occupation_code(field.data) is None:
        raise ValidationError(_l("Type the 4-digit ISCO-08 code, or choose a job from the search list."))


def _currency(form, field):
    if field.data and pycountry.currencies.get(alpha_3=field.data.strip().upper()) is None:
        raise ValidationError(_l("Use a three-letter ISO 4217 currency code, for example JPY, KRW or EUR."))


def _not_below_min_age(form, field):
    if field.data is not None and form.min_age.data is not None and field.data < form.min_age.data:
        raise ValidationError(_l("The maximum age cannot be below the minimum age."))


def _not_after_start(form, field):
    if field.data and form.start_date.data and field.data > form.start_date.data:
        raise ValidationError(_l("The application deadline must be on or before the start date."))


SKILLS_HINT = _l("Separate skills with commas, for example: welding, forklift, bahasa Jepang dasar.")


class OpeningForm(BaseForm):
    # The job
    title = StringField(_l("Job title"), validators=[DataRequired(), Length(max=200)])
    occupation = StringField(_l("Occupation (ISCO-08 / KBJI)"), validators=[DataRequired(), _occupation_typed,
                                                                              Length(max=250)],
                             description=_l("Type the 4-digit code (for example 7212 for welders), or start "
                                            "typing a job title and choose from the list."),
                             render_kw={"autocomplete": "off", "list": "occupation-options"})
    sector_code = SelectField(_l("Sector"), validators=[DataRequired()])
    city = StringField(_l("City of work"), validators=[DataRequired(), Length(max=120)])
    country_code = SelectField(_l("Country of work"), validators=[DataRequired()])
    positions = IntegerField(_l("Positions"), default=1, validators=[InputRequired(), NumberRange(min=1)])
    # Requirements
    scheme_codes = MultiCheckboxField(_l("Required certification schemes"),
                                      description=_l("The law requires a competency certificate for every "
                                                     "placement: choose at least one."))
    skills_must = TextAreaField(_l("Must-have skills"), description=SKILLS_HINT, validators=[Length(max=2000)])
    skills_important = TextAreaField(_l("Important skills"), validators=[Length(max=2000)])
    skills_nice = TextAreaField(_l("Nice-to-have skills"), validators=[Length(max=2000)])
    language_level_id = SelectField(_l("Language test and minimum level"), coerce=int, default=0)
    min_education_code = SelectField(_l("Minimum education"), default="")
    min_age = IntegerField(_l("Minimum age"), default=18,
                           validators=[InputRequired(), NumberRange(min=18, message=_l("Never below 18."))])
    max_age = IntegerField(_l("Maximum age (optional)"), validators=[Optional(), NumberRange(max=99),
                                                                     _not_below_min_age])
    # Terms of the contract
    start_date = DateField(_l("Start date"), validators=[Optional()])
    contract_months = IntegerField(_l("Contract length (months)"), validators=[Optional(), NumberRange(min=1)])
    hours_per_week = IntegerField(_l("Working hours per week"),
                                  validators=[Optional(), NumberRange(min=1, max=MAX_HOURS_PER_WEEK)])
    monthly_wage = DecimalField(_l("Monthly wage"), places=2,
                                validators=[Optional(), NumberRange(min=0.01, message=_l("More than zero."))])
    currency = StringField(_l("Currency (ISO 4217)"), validators=[Optional(), Length(min=3, max=3), _currency],
                           description=_l("Three letters, for example JPY, KRW, TWD, EUR."),
                           render_kw={"autocapitalize": "characters", "spellcheck": "false"})
    annual_leave_days = IntegerField(_l("Paid annual leave (days)"), validators=[Optional(), NumberRange(min=0)])
    insurance = TextAreaField(_l("Insurance"), validators=[Optional(), Length(max=2000)],
                              description=_l("Health, accident and employment insurance the employer provides."))
    accommodation = TextAreaField(_l("Accommodation"), validators=[Optional(), Length(max=2000)])
    benefits = TextAreaField(_l("Other benefits"), validators=[Optional(), Length(max=2000)])
    # Costs and dates
    worker_costs_idr = DecimalField(_l("Costs charged to the worker (rupiah)"), places=0, default=0,
                                    validators=[InputRequired(), NumberRange(min=0)],
                                    description=_l("Placement fees the worker would pay, beyond the personal "
                                                   "costs the law allows. Must be 0 for the city to approve."))
    deadline = DateField(_l("Application deadline"), validators=[Optional(), _not_after_start])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)],
                                description=_l("The work, the workplace, and anything a candidate should know."))

    def fill_choices(self) -> None:
        self.sector_code.choices = _sector_choices()
        self.country_code.choices = country_choices()
        self.scheme_codes.choices = _scheme_choices()
        self.language_level_id.choices = _language_choices()
        self.min_education_code.choices = _education_choices()

    def fill_from(self, opening: Opening) -> None:
        """Show an opening's current terms (on GET only: a POST keeps what was typed)."""
        for name in ("title", "sector_code", "city", "country_code", "positions", "min_education_code", "min_age",
                     "max_age", "start_date", "contract_months", "hours_per_week", "monthly_wage", "currency",
                     "annual_leave_days", "insurance", "accommodation", "benefits", "worker_costs_idr", "deadline",
                     "description"):
            getattr(self, name).data = getattr(opening, name)
        self.min_education_code.data = opening.min_education_code or ""
        self.language_level_id.data = opening.language_level_id or 0
        self.occupation.data = occupation_label(opening.occupation) if opening.occupation else opening.occupation_code
        self.scheme_codes.data = [c.scheme_code for c in opening.certifications]
        for importance in ("must", "important", "nice"):
            getattr(self, f"skills_{importance}").data = ", ".join(
                s.term for s in opening.skills if s.importance == importance)

    def terms(self) -> OpeningTerms:
        data = {name: getattr(self, name).data for name in (
            "title", "sector_code", "city", "country_code", "positions", "min_age", "max_age", "start_date",
            "contract_months", "hours_per_week", "monthly_wage", "currency", "annual_leave_days", "insurance",
            "accommodation", "benefits", "worker_costs_idr", "deadline", "description")}
        return OpeningTerms(
            **data, occupation_code=occupation_code(self.occupation.data), scheme_codes=list(self.scheme_codes.data),
            skills={imp: split_terms(getattr(self, f"skills_{imp}").data) for imp in ("must", "important", "nice")},
            language_level_id=self.language_level_id.data or None,
            min_education_code=self.min_education_code.data or None,
        )


class CloseForm(BaseForm):
    reason = SelectField(_l("Why close it?"), default="manual",
                         choices=[(r, CLOSE_REASON_WORDS[r]) for r in EMPLOYER_CLOSE_REASONS])


def _sector_choices() -> list:
    use_id = str(get_locale()) == "id"
    sectors = db.session.scalars(select(Sector).order_by(Sector.name_id if use_id else Sector.name_en))
    return [("", _("Choose…"))] + [(s.code, s.name_id if use_id else s.name_en) for s in sectors]


def _scheme_choices() -> list:
    # The general competency certificate every CPMI needs comes first, then the sector schemes.
    general_first = case((CertificationScheme.code == GENERAL_SCHEME, 0),
                         (CertificationScheme.sector_code == "general", 1), else_=2)
    schemes = db.session.scalars(select(CertificationScheme).order_by(general_first, CertificationScheme.code))
    return [(s.code, _short(f"{s.code} — {s.name}")) for s in schemes]


def _short(text: str) -> str:
    return text if len(text) <= SCHEME_LABEL_MAX else text[:SCHEME_LABEL_MAX - 1].rstrip() + "…"


def _language_choices() -> dict:
    tests = db.session.scalars(select(LanguageTest).order_by(LanguageTest.language, LanguageTest.code))
    groups = {_("None"): [(0, _("No language test required"))]}
    for test in tests:
        groups[f"{test.code} ({test.language})"] = [(level.id, f"{test.code} {level.label}") for level in test.levels]
    return groups


def _education_choices() -> list:
    use_id = str(get_locale()) == "id"
    levels = db.session.scalars(select(EducationLevel).order_by(EducationLevel.rank, EducationLevel.code))
    return [("", _("No minimum"))] + [(e.code, e.name_id if use_id else e.name_en) for e in levels]
