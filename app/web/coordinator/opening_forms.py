"""The coordinator's decisions on an opening."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.web.forms import BaseForm


class ApproveForm(BaseForm):
    justification = TextAreaField(
        _l("Justification for a caution destination"), validators=[Optional(), Length(max=4000)],
        description=_l("Needed only when the destination is marked caution: say why this placement is safe and "
                       "lawful. It is kept on the opening's record."))


class RequestChangesForm(BaseForm):
    reasons = TextAreaField(_l("What must change"), validators=[DataRequired(_l("Say what must change: the "
                                                                               "employer will read it.")),
                                                                  Length(max=4000)],
                            description=_l("The employer sees this text. Name each field and what is wrong."))

