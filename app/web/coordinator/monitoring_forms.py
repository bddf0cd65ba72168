"""Forms of the coordinators' monitoring pages: open a case, add a note, update a case."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.domain.vocab import CASE_CATEGORIES, CASE_SEVERITIES, CASE_STATUSES
from app.services import cases
from app.web.coordinator.monitoring_words import CATEGORIES, SEVERITIES, SOURCES, STATUSES
from app.web.forms import BaseForm

TEXT_MAX = 4000
CALL_SOURCES = ("phone", "walk_in", "other")


def _choices(codes, words) -> list[tuple[str, str]]:
    return [(code, words[code]) for code in codes]


def _owner_choices() -> list[tuple[int, str]]:
    return [(user.id, user.display_name) for user in cases.coordinators()]


def _int_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class CaseForm(BaseForm):
    source = SelectField(_l("Comes from"), choices=_choices(CALL_SOURCES, SOURCES), validators=[Optional()])
    placement = SelectField(_l("Worker and placement"), coerce=_int_or_none, validators=[Optional()],
                            description=_l("Leave empty for someone without a placement, e.g. a job fraud report."))
    category = SelectField(_l("Category"), choices=[("", "—")] + _choices(CASE_CATEGORIES, CATEGORIES),
                           validators=[InputRequired()])
    severity = SelectField(_l("Severity"), choices=_choices(reversed(CASE_SEVERITIES), SEVERITIES), default="high",
                           validators=[InputRequired()])
    owner = SelectField(_l("Owner"), coerce=int, validators=[InputRequired()])
    summary = TextAreaField(_l("Summary"), validators=[InputRequired(), Length(max=TEXT_MAX)],
                            description=_l("What happened, in a few sentences. Facts, not guesses."))

    def fill_choices(self, with_placement: bool) -> None:
        """Owners now (coordinators change); the placement list only for a call or a visit."""
        self.owner.choices = _owner_choices()
        if with_placement:
            self.placement.choices = [(None, "—")] + [
                (p.id, f"{p.seeker.full_name} · {p.opening.title} · {p.opening.employer.legal_name}")
                for p in cases.placements_for_cases()]
        else:
            del self.placement
            del self.source


class NoteForm(BaseForm):
    text = TextAreaField(_l("Note"), validators=[InputRequired(), Length(max=TEXT_MAX)])


class CaseUpdateForm(BaseForm):
    status = SelectField(_l("Status"), choices=_choices(CASE_STATUSES, STATUSES), validators=[InputRequired()])
    severity = SelectField(_l("Severity"), choices=_choices(reversed(CASE_SEVERITIES), SEVERITIES),
                           validators=[InputRequired()])
    owner = SelectField(_l("Owner"), coerce=int, validators=[InputRequired()])
    resolution = TextAreaField(_l("Resolution"), validators=[Optional(), Length(max=TEXT_MAX)],
                               description=_l("Needed to resolve or close the case."))

    def fill_choices(self) -> None:
        self.owner.choices = _owner_choices()
