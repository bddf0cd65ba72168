"""Forms of the reports and the audit log viewer: a period, a month, the audit filters."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, MonthField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from app.domain.report_tables import Period


class PeriodForm(FlaskForm):
    """From/to dates read from the query string (?from=…&to=…); a GET changes nothing, so no CSRF token."""
    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()], name="from")
    end = DateField(_l("To"), validators=[Optional()], name="to")

    def validate_end(self, field):
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The end of the period cannot be before its start."))

    def period(self) -> Period:
        return Period(self.start.data, self.end.data)

    def args(self) -> dict[str, str]:
        """The period as query arguments, for links that keep it (exports, pages)."""
        return {name: field.data.isoformat() for name, field in (("from", self.start), ("to", self.end))
                if field.data}


class MonthForm(FlaskForm):
    class Meta:
        csrf = False

    month = MonthField(_l("Month"), validators=[Optional()])


class AuditLogForm(PeriodForm):
    actor = StringField(_l("Who"), validators=[Optional(), Length(max=160)])
    object_type = SelectField(_l("Object type"), validators=[Optional()], validate_choice=False)
    object_id = StringField(_l("Object number"), validators=[Optional(), Length(max=64)])
    action = SelectField(_l("Action"), validators=[Optional()], validate_choice=False)
    page = IntegerField(validators=[Optional()])
