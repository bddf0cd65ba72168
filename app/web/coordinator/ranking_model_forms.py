"""The promote and roll back buttons: each carries the serving model the coordinator saw on the page."""
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from app.web.forms import BaseForm


class ServingForm(BaseForm):
    serving = HiddenField(validators=[DataRequired(), Length(max=40)])
