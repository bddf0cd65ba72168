"""Forms of the coordinators' reported-offers pages."""
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from app.services.offer_reports import NOTE_MAX
from app.web.forms import BaseForm
from app.web.text_filters import without_control_characters


class HandleForm(BaseForm):
    note = TextAreaField(_l("What was done"), validators=[InputRequired(), Length(max=NOTE_MAX)],
                         filters=[without_control_characters],
                         description=_l("For example: called the reporter, warned the kelurahan, passed to the "
                                        "police. Other coordinators read it."))
