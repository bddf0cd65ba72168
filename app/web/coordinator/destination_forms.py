"""The form for a destination rule, with the fingerprint of the values last previewed."""
import hashlib

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.web.forms import BaseForm

RULE_STATUS_CHOICES = [("allowed", _l("Allowed")), ("caution", _l("Caution: needs a written justification")),
                       ("blocked", _l("Blocked"))]


class DestinationRuleForm(BaseForm):
    country_code = SelectField(_l("Country"), validators=[DataRequired()])
    sector_code = SelectField(_l("Sector"), validators=[Optional()],
                              description=_l("A rule for one sector wins over the country-wide rule."))
    status = RadioField(_l("Status"), choices=RULE_STATUS_CHOICES, validators=[DataRequired()])
    valid_from = DateField(_l("Valid from"), validators=[DataRequired()])
    valid_to = DateField(_l("Valid until"), validators=[Optional()],
                         description=_l("Leave empty while the rule is in force with no end date."))
    basis = TextAreaField(_l("Basis"), validators=[DataRequired(), Length(max=2000)],
                          description=_l("Why this status: the decision, in a sentence or two."))
    source = TextAreaField(_l("Legal source"), validators=[DataRequired(), Length(max=1000)],
                           description=_l("A link to the regulation or statement, or its number and date."))
    previewed = HiddenField()

    def fingerprint(self) -> str:
        """Identifies the values as typed, so that saving is only possible for what was previewed."""
        values = [str(getattr(self, name).data or "").strip() for name in (
            "country_code", "sector_code", "status", "valid_from", "valid_to", "basis", "source")]
        return hashlib.sha256("\x1f".join(values).encode()).hexdigest()
