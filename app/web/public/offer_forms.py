"""Forms of Cek Tawaran: the offer to check, and the same offer reported with an optional contact.

Reporting is protected against spam without a puzzle: a field people never see (bots fill it), and a
signed time stamp from when the form was shown (a person needs more than two seconds to read the answer).
"""
import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from app.domain.offer_amounts import CURRENCIES, parse_amount
from app.domain.offer_check import Offer
from app.domain.offer_reading import VISAS
from app.web.forms import BaseForm
from app.web.offer_words import CONTRACT_WORDS, VISA_WORDS
from app.web.text_filters import without_control_characters

TEXT_MAX = 5000
MIN_SECONDS_DEFAULT = 2
STAMP_MAX_AGE = 24 * 3600
CHECK_FIELDS = ("text", "country", "employer", "code", "monthly_wage", "currency", "money_asked", "visa", "contract")


def _filled(value) -> bool:
    return (value or "").strip() not in ("", "unknown")


class OfferCheckForm(BaseForm):
    text = TextAreaField(_l("The offer"), validators=[Optional(), Length(max=TEXT_MAX)],
                         filters=[without_control_characters],
                         description=_l("Paste the message, post or letter exactly as you received it."),
                         render_kw={"rows": 8})
    country = SelectField(_l("Country of the job"), validators=[Optional()])
    employer = StringField(_l("Employer or agent"), validators=[Optional(), Length(max=200)],
                           filters=[without_control_characters],
                           description=_l("The company or the person who offers the job."))
    code = StringField(_l("Verification code"), validators=[Optional(), Length(max=40)],
                       filters=[without_control_characters],
                       description=_l("If the offer has one, for example JBT-7K3Q-9M2X."),
                       render_kw={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"})
    monthly_wage = StringField(_l("Wage per month"), validators=[Optional(), Length(max=40)],
                               filters=[without_control_characters],
                               description=_l("For example 15 juta, 15000000 or 180000."),
                               render_kw={"autocomplete": "off"})
    currency = SelectField(_l("Currency of the wage"), choices=[("", _l("As written"))] + [(c, c) for c in CURRENCIES],
                           validators=[Optional()])
    money_asked = StringField(_l("Money asked of you, in rupiah"), validators=[Optional(), Length(max=40)],
                              filters=[without_control_characters],
                              description=_l("Fees, down payment, deposit… Leave empty if nothing is asked."),
                              render_kw={"autocomplete": "off"})
    visa = SelectField(_l("Visa you would travel on"),
                       choices=[("", _l("I don't know / not said"))] + [(v, VISA_WORDS[v]) for v in VISAS],
                       validators=[Optional()])
    contract = RadioField(_l("Is there a written contract you sign before leaving?"), default="unknown",
                          choices=[(k, v) for k, v in CONTRACT_WORDS.items()], validators=[Optional()])

    def has_details(self) -> bool:
        """Whether any detail beyond the text is filled in or wrong (the page then shows them open)."""
        return any(_filled(self[name].data) or self[name].errors for name in CHECK_FIELDS[1:])

    def fill_choices(self, countries) -> None:
        self.country.choices = [("", _l("I don't know"))] + list(countries)[1:]

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        self.wage, self.asked = self._amount(self.monthly_wage), self._amount(self.money_asked)
        if self.wage is not None and not (self.currency.data or self.wage.currency):
            self.currency.errors.append(_l("Choose the currency of the wage."))
        if self.asked is not None and self.asked.currency not in (None, "IDR"):
            self.money_asked.errors.append(_l("Write the amount in rupiah."))
        if not any(_filled(self[name].data) for name in CHECK_FIELDS):
            self.form_errors.append(_l("Paste the offer, or fill in at least one of its details."))
        return not (self.errors or self.form_errors)

    def _amount(self, field):
        if not (field.data or "").strip():
            return None
        money = parse_amount(field.data)
        if money is None or money.amount < 0:
            field.errors.append(_l("Write an amount such as 15000000 or 15 juta."))
        return money

    def offer(self) -> Offer:
        """The offer as the person gave it (call after validate)."""
        return Offer(text=(self.text.data or "").strip(), country=self.country.data or None,
                     employer=(self.employer.data or "").strip() or None, code=(self.code.data or "").strip() or None,
                     monthly_wage=self.wage.amount if self.wage else None,
                     currency=(self.currency.data or self.wage.currency) if self.wage else None,
                     money_asked_idr=self.asked.amount if self.asked else None, visa=self.visa.data or None,
                     contract=self.contract.data or "unknown")


class OfferReportForm(OfferCheckForm):
    contact = StringField(_l("Your phone number or e-mail (optional)"), validators=[Optional(), Length(max=200)],
                          filters=[without_control_characters],
                          description=_l("Only Disnaker's coordinators see it, to ask you more about the offer. "
                                         "Leave it empty to report without it."),
                          render_kw={"autocomplete": "tel"})
    kelurahan = SelectField(_l("Your kelurahan (optional)"), validators=[Optional()],
                            description=_l("It shows the city where such offers go around."))
    website = StringField(_l("Leave this field empty"), validators=[Optional()],
                          render_kw={"autocomplete": "off", "tabindex": "-1"})
    started = HiddenField()

    def is_a_person(self, now: float | None = None) -> bool:
        """The hidden field is empty and the form was shown long enough ago (and not too long)."""
        age = stamp_age(self.started.data, now)
        minimum = current_app.config.get("OFFER_REPORT_MIN_SECONDS", MIN_SECONDS_DEFAULT)
        return not (self.website.data or "").strip() and age is not None and minimum <= age <= STAMP_MAX_AGE


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="offer-report-form")


def form_stamp(now: float | None = None) -> str:
    """The signed moment the report form was shown."""
    return _serializer().dumps(round(now if now is not None else time.time(), 3))


def stamp_age(token: str | None, now: float | None = None) -> float | None:
    """Seconds since the stamp was made; None when it is missing or forged."""
    try:
        shown = float(_serializer().loads(token or ""))
    except (BadSignature, TypeError, ValueError):
        return None
    return (now if now is not None else time.time()) - shown
