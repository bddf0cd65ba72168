"""Words for openings: legality checks, refusals and labels, in the reader's language."""
from flask import g
from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.services import opening_queries
from app.web.channel_messages import country_label
from app.web.template_helpers import format_money

SCHEME_NAME_MAX = 80

CHECK_TITLES = {
    "EMPLOYER_VERIFIED": _l("Employer verified"),
    "AGREEMENT_ACTIVE": _l("Partner-city agreement in force"),
    "DESTINATION": _l("Destination allowed for this sector"),
    "WAGE_PRESENT": _l("Monthly wage stated and above zero"),
    "NO_WORKER_FEE": _l("No placement fee charged to the worker"),
    "AGE_RANGE_LAWFUL": _l("Age range lawful (18 or older)"),
    "CERTIFICATION_REQUIRED": _l("At least one competency certification required"),
    "CONTRACT_FIELDS_COMPLETE": _l("Contract contents required by law complete"),
}

CONTRACT_FIELD_WORDS = {
    "employer": _l("employer"), "job": _l("job title and occupation"), "wage": _l("wage and currency"),
    "hours": _l("working hours"), "leave": _l("annual leave"), "insurance": _l("insurance"),
    "duration": _l("contract length"),
}

IMPORTANCE_WORDS = {"must": _l("Must have"), "important": _l("Important"), "nice": _l("Nice to have")}

CLOSE_REASON_WORDS = {"manual": _l("Closed by hand"), "filled": _l("All positions filled"),
                      "deadline": _l("Application deadline passed"),
                      "employer_suspended": _l("Employer suspended")}

REFUSALS = {
    "WRONG_STATUS": _l("This cannot be done while the opening has this status."),
    "CANNOT_SUBMIT": _l("The opening cannot be submitted yet."),
    "CHECKS_FAILED": _l("The opening cannot be approved: some legality checks fail."),
    "INVALID": _l("Please check the form."),
}

PROBLEMS = {
    "REQUIRED": _l("This field is required."),
    "UNKNOWN_OCCUPATION": _l("This is not a 4-digit ISCO-08 occupation code. Search for the job and choose it."),
    "UNKNOWN_SECTOR": _l("Choose a sector from the list."),
    "UNKNOWN_LANGUAGE_LEVEL": _l("Choose a language level from the list."),
    "UNKNOWN_EDUCATION": _l("Choose an education level from the list."),
    "UNKNOWN_SCHEME": _l("Choose certification schemes from the list."),
    "UNKNOWN_COUNTRY": _l("Choose a country from the list."),
    "UNKNOWN_CURRENCY": _l("Use a three-letter ISO 4217 currency code, for example JPY, KRW or EUR."),
    "MIN_AGE_UNDER_18": _l("The minimum age is never below 18."),
    "MAX_AGE_BELOW_MIN": _l("The maximum age cannot be below the minimum age."),
    "POSITIONS_POSITIVE": _l("At least one position."),
    "NEGATIVE_AMOUNT": _l("This cannot be negative."),
    "WAGE_NOT_POSITIVE": _l("The wage must be more than zero."),
    "HOURS_OUT_OF_RANGE": _l("Between 1 and %(max)s hours a week."),
    "CONTRACT_MONTHS_POSITIVE": _l("At least one month."),
    "DEADLINE_AFTER_START": _l("The application deadline must be on or before the start date."),
    "SKILL_TOO_LONG": _l("A skill can have at most %(max)s characters."),
    "REASONS_REQUIRED": _l("Say what must change: the employer will read it."),
    "UNKNOWN_REASON": _l("Choose a reason from the list."),
}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, code))


def attach_problems(form, problems) -> None:
    """Put each problem under its form field, or at the top of the form."""
    for problem in problems:
        template = str(PROBLEMS.get(problem.code, problem.code))
        message = template % problem.data if problem.data else template
        field = getattr(form, problem.field, None)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)


def _destination_detail(data: dict, passed: bool) -> str:
    where = country_label(data["country"])
    when = format_date(data["on"], "medium")
    if data["status"] == "allowed":
        return _("%(country)s is an allowed destination for this sector on %(date)s.", country=where, date=when)
    if data["status"] == "blocked":
        return _("%(country)s is blocked for this sector on %(date)s. Such an opening can never be approved.",
                 country=where, date=when)
    if passed:
        return _("%(country)s needs caution on %(date)s; a coordinator's written justification is on record.",
                 country=where, date=when)
    return _("%(country)s needs caution on %(date)s: approval needs a coordinator's written justification.",
             country=where, date=when)


def _detail(code: str, passed: bool, data: dict) -> str:
    if code == "EMPLOYER_VERIFIED":
        return _("The organisation is verified.") if passed else _("The organisation is not verified.")
    if code == "AGREEMENT_ACTIVE":
        return (_("The partner city's agreement is in force.") if passed
                else _("The partner city's agreement is not in force."))
    if code == "DESTINATION":
        return _destination_detail(data, passed)
    if code == "WAGE_PRESENT":
        return (_("%(wage)s a month.", wage=format_money(data["amount"], data["currency"])) if passed
                else _("State a monthly wage above zero, with its currency."))
    if code == "NO_WORKER_FEE":
        return (_("The worker pays nothing.") if passed
                else _("The worker would pay %(amount)s. It must be 0.", amount=format_money(data["amount"], "IDR")))
    if code == "AGE_RANGE_LAWFUL":
        return (_("From %(low)s years.", low=data["min_age"]) if passed
                else _("The minimum age must be at least 18, and the maximum not below the minimum."))
    if code == "CERTIFICATION_REQUIRED":
        return (ngettext("%(num)d scheme required.", "%(num)d schemes required.", data["count"]) if passed
                else _("The law requires a competency certificate for every placement: name at least one scheme."))
    missing = ", ".join(str(CONTRACT_FIELD_WORDS[name]) for name in data.get("missing", []))
    return _("All present.") if passed else _("Missing: %(fields)s.", fields=missing)


def describe_checks(results) -> list[dict]:
    """Each check as the pages show it: code, passed, a title and a sentence."""
    return [{"code": r.code, "passed": r.passed, "title": str(CHECK_TITLES.get(r.code, r.code)),
             "detail": _detail(r.code, r.passed, r.data), "data": r.data} for r in results]


def sector_label(code: str | None) -> str:
    """A sector's name in the reader's language; the names are read once per request."""
    if "opening_sectors" not in g:
        g.opening_sectors = opening_queries.sector_names()
    sector = g.opening_sectors.get(code)
    if sector is None:
        return code or "—"
    return sector.name_id if str(get_locale()) == "id" else sector.name_en


def scheme_name(code: str) -> str:
    """A certification scheme's name, shortened for a list (the names carry long legal notes)."""
    if "opening_schemes" not in g:
        g.opening_schemes = opening_queries.scheme_names()
    name = g.opening_schemes.get(code, "")
    return name if len(name) <= SCHEME_NAME_MAX else name[:SCHEME_NAME_MAX - 1].rstrip() + "…"


def education_label(code: str | None) -> str:
    if "opening_education" not in g:
        g.opening_education = opening_queries.education_names()
    level = g.opening_education.get(code)
    if level is None:
        return code or "—"
    return level.name_id if str(get_locale()) == "id" else level.name_en


def occupation_label(occupation) -> str:
    if occupation is None:
        return "—"
    title = occupation.title_id if str(get_locale()) == "id" and occupation.title_id else occupation.title_en
    return f"{occupation.code} — {title}"


def page_words() -> dict:
    """What the opening templates need beyond the app-wide helpers."""
    return {"country_label": country_label, "sector_label": sector_label,
            "education_label": education_label,
            "scheme_name": scheme_name, "importance_words": IMPORTANCE_WORDS,
            "close_reason_words": CLOSE_REASON_WORDS, "occupation_label": occupation_label}
