"""Forms for the coordinator's decisions on an employer."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.web.forms import BaseForm


class ReasonForm(BaseForm):
    """A decision that needs a reason the organisation's users will read (reject, suspend)."""
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Say why: the organisation's users will "
                                                                      "read it.")), Length(max=2000)],
                           description=_l("Sent by e-mail to the organisation's users and shown on their page."))

