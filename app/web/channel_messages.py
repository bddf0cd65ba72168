"""Words for partner cities, destination rules and employers: refusal codes and country names."""
import pycountry
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

MESSAGES = {
    "REQUIRED": _l("This field is required."),
    "UNKNOWN_COUNTRY": _l("Choose a country from the list."),
    "UNKNOWN_SECTOR": _l("Choose sectors from the list."),
    "UNKNOWN_STATUS": _l("Choose a status from the list."),
    "EXPIRES_BEFORE_SIGNED": _l("The agreement cannot expire before it is signed."),
    "ACTIVE_NEEDS_SIGNED_DATE": _l("An active agreement needs the date it was signed."),
    "ENDS_BEFORE_START": _l("The rule cannot end before it starts."),
    "SOURCE_REQUIRED": _l("Give the legal source: a link or the regulation's number and date."),
    "REASON_REQUIRED": _l("Say why: the organisation's users will read it."),
    "WRONG_STATUS": _l("This cannot be done while the organisation has this status."),
    "NOT_EDITABLE": _l("The organisation's details cannot be changed while it is rejected or suspended."),
    "EMAIL_TAKEN": _l("An account with this e-mail already exists."),
    "EMPTY": _l("The file is empty."),
    "TOO_LARGE": _l("The file is too large: at most 5 MB."),
    "NOT_ALLOWED_TYPE": _l("Upload a PDF, JPEG or PNG file."),
    "DAMAGED": _l("The file seems damaged. Scan it again and upload the new file."),
}


def message(code: str) -> str:
    return str(MESSAGES.get(code, code))


def attach(form, problems) -> None:
    """Put each problem under its field, or at the top of the form when it names none."""
    for problem in problems:
        field = getattr(form, problem.field, None) if problem.field else None
        if field is not None:
            field.errors = list(field.errors) + [message(problem.code)]
        else:
            form.form_errors.append(message(problem.code))


def country_label(code: str | None) -> str:
    """A country's name in the reader's language (ISO 3166 code from pycountry), with its code."""
    if not code:
        return "—"
    locale = get_locale()
    country = pycountry.countries.get(alpha_2=code.upper())
    english = getattr(country, "common_name", None) or (country.name if country else code)
    name = locale.territories.get(code.upper()) if locale else None
    return f"{name or english} ({code.upper()})"


def country_choices(codes=None) -> list[tuple[str, str]]:
    """Every ISO 3166 country (or only `codes`), sorted by its name in the reader's language."""
    codes = codes if codes is not None else [c.alpha_2 for c in pycountry.countries]
    return [("", _("Choose…"))] + sorted(((c, country_label(c)) for c in codes), key=lambda pair: pair[1])
