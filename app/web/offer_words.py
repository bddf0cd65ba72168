"""Words for Cek Tawaran: the verdicts, each reason in the reader's language, and whom to contact.

Shared by the public checker and the coordinators' report pages. Reasons arrive as stored records
(`{"code", "severity", "data"}`): amounts are strings, countries ISO codes.
"""
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_currency
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.web.channel_messages import country_label
from app.web.offer_reason_words import DETAILS, SIGNAL_NAMES, TITLES

# The official vacancy listing that Kemlu points to (../shared/data/legal_rules.md, section 7).
OFFICIAL_VACANCIES_URL = "https://siskop2mi.bp2mi.go.id/lowongan/list"

VERDICT_TITLES = {
    "red": _l("Danger: do not accept this offer"),
    "amber": _l("Be careful: this offer cannot be trusted yet"),
    "green": _l("This offer matches an opening approved by the city"),
}
VERDICT_LABELS = {"red": _l("Red"), "amber": _l("Amber"), "green": _l("Green")}
VISA_WORDS = {"work": _l("Work visa"), "tourist": _l("Tourist visa"), "visit": _l("Visit visa (kunjungan)"),
              "on_arrival": _l("Visa on arrival"), "visa_free": _l("Visa-free entry, passport only"),
              "student": _l("Student visa"), "other": _l("Another visa")}
CONTRACT_WORDS = {"yes": _l("Yes, a written contract"), "no": _l("No written contract"),
                  "unknown": _l("I don't know")}
REFUSALS = {
    "UNKNOWN_KELURAHAN": _l("Choose a kelurahan from the list."),
    "NOTE_REQUIRED": _l("Write what was done about the report."),
    "NOT_SENT": _l("We could not send your report. Please wait a few seconds and press the button again."),
}
FIELD_NAMES = {"country": _l("Country"), "employer": _l("Employer or agent"), "code": _l("Verification code"),
               "monthly_wage": _l("Wage per month"), "currency": _l("Currency"),
               "money_asked_idr": _l("Money asked of the worker"), "visa": _l("Visa"),
               "contract": _l("Written contract")}


@dataclass(frozen=True)
class Worded:
    code: str
    severity: str
    title: str
    detail: str
    data: dict


def money(amount, currency="IDR") -> str:
    """An amount as people write it: Rp20.000.000, not Rp20.000.000,00."""
    if amount in (None, ""):
        return "—"
    if not currency:
        return str(amount)
    return format_currency(Decimal(amount), currency, format="¤#,##0.##", currency_digits=False,
                           locale=get_locale())


def _quoted(words) -> str:
    return ", ".join(f"“{word}”" for word in words or ())


def _said(value) -> str:
    """An employer name, or a country code shown as the country's name."""
    value = value or ""
    return country_label(value) if len(value) == 2 and value.isupper() else value


def _signal_order(code: str) -> int:
    return list(SIGNAL_NAMES).index(code) if code in SIGNAL_NAMES else len(SIGNAL_NAMES)


def _values(data: dict) -> dict:
    """A reason's data ready to be put in a sentence."""
    return {
        "code": data.get("code") or "", "country": country_label(data.get("country")),
        "said": _said(data.get("said")), "registered": _said(data.get("registered")),
        "amount": money(data.get("amount")), "limit": money(data.get("limit")),
        "words": _quoted(data.get("words")), "places": ", ".join(data.get("places") or ()),
        "employer": data.get("employer") or "", "title": data.get("title") or "", "city": data.get("city") or "",
        "wage": money(data.get("wage"), data.get("currency")),
        "reference": money(data.get("reference"), data.get("currency")), "ratio": data.get("ratio") or "",
        "because": ", ".join(str(SIGNAL_NAMES.get(c, c)) for c in sorted(data.get("because") or (), key=_signal_order)),
        "visa": str(VISA_WORDS.get(data.get("visa"), "")),
    }


def reason(record: dict) -> Worded:
    """One stored reason in the reader's language."""
    code, data = record["code"], record.get("data") or {}
    values = _values(data)
    if code == "CODE_WAGE_DIFFERS":
        values["registered"] = money(data.get("registered"), data.get("currency"))
    elif code == "MONEY_AS_REGISTERED":
        values["registered"] = money(data.get("registered"))
    title, detail = TITLES.get(code), DETAILS.get(code)
    return Worded(code, record["severity"], str(title) % values if title else code,
                  detail(data, values) if detail else "", data)


def reasons(records: list[dict]) -> list[Worded]:
    return [reason(record) for record in records]


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, code))


def field_value(name: str, value) -> str:
    """A stored field of a report, as a coordinator reads it."""
    if name == "country":
        return country_label(value)
    if name == "visa":
        return str(VISA_WORDS.get(value, value))
    if name == "contract":
        return str(CONTRACT_WORDS.get(value, value))
    if name == "money_asked_idr":
        return money(value)
    return str(value)


def words() -> dict:
    """What the templates need."""
    return {"verdict_titles": VERDICT_TITLES, "verdict_labels": VERDICT_LABELS, "worded": reasons,
            "field_names": FIELD_NAMES, "field_value": field_value, "official_vacancies": OFFICIAL_VACANCIES_URL}
