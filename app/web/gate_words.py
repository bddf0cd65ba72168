"""Words for the legal gates: why someone cannot be matched to an opening, in plain words.

`gate_sentence` words a failure with its data for the person it concerns: the gates about the
candidate speak to the seeker ("you"), the gates about the opening speak about the opening, so
employers and coordinators can read those too. `gate_label` names a gate in two or three words,
for lists that carry only the codes (the coordinator's ineligible candidates).
"""
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.candidate_card import short_scheme_name
from app.domain.eligibility import Failure, Gate
from app.web.channel_messages import country_label
from app.web.factor_words import language_label
from app.web.labels import label
from app.web.opening_words import education_label, scheme_name, sector_label
from app.web.template_helpers import format_money

LABELS = {
    Gate.TOO_YOUNG: _l("Too young"),
    Gate.TOO_OLD: _l("Above the age limit"),
    Gate.CERT_MISSING: _l("Certificate missing"),
    Gate.CERT_EXPIRES_BEFORE_START: _l("Certificate expires before the start"),
    Gate.LANGUAGE_BELOW: _l("Language level too low"),
    Gate.EDUCATION_BELOW: _l("Education below the minimum"),
    Gate.DESTINATION_BLOCKED: _l("Destination not allowed"),
    Gate.EMPLOYER_NOT_VERIFIED: _l("Employer not verified"),
    Gate.AGREEMENT_INACTIVE: _l("Partner-city agreement not in force"),
    Gate.OPENING_NOT_APPROVED: _l("Opening not approved"),
    Gate.WORKER_FEE: _l("Charges the worker a fee"),
    Gate.NO_CONSENT: _l("No consent to matching"),
    Gate.ALREADY_PLACED: _l("Already placed"),
}


def gate_label(code: Gate | str) -> str:
    """A gate's short name."""
    return str(LABELS[Gate(code)])


def _scheme(code: str) -> str:
    """A scheme's short name (without its legal notes), or its code when the reference has no such scheme."""
    return short_scheme_name(scheme_name(code)) or code


def _too_young(data: dict) -> str:
    return _("You will be %(age)d on the start date; the minimum age is %(min_age)d. You turn %(min_age)d on "
             "%(date)s.", age=data["age_on_start"], min_age=data["min_age"],
             date=format_date(data["eligible_from"], "long"))


def _too_old(data: dict) -> str:
    return _("You will be %(age)d on the start date; the maximum age for this job is %(max_age)d.",
             age=data["age_on_start"], max_age=data["max_age"])


def _cert_missing(data: dict) -> str:
    return _("This job needs a verified certificate \"%(scheme)s\". You do not have one yet.",
             scheme=_scheme(data["scheme"]))


def _cert_expires(data: dict) -> str:
    return _("Your certificate \"%(scheme)s\" expires on %(expires)s, before the start date (%(start)s). Renew it "
             "first.", scheme=_scheme(data["scheme"]),
             expires=format_date(data["expires_on"], "long"), start=format_date(data["start"], "long"))


def _language_below(data: dict) -> str:
    needs = language_label(data["test"], data["needs"])
    if data.get("has") is None:
        return _("This job needs %(needs)s. You have no %(test)s result yet.", needs=needs, test=data["test"])
    return _("This job needs %(needs)s. You have %(has)s.", needs=needs,
             has=language_label(data["test"], data["has"]))


def _education_below(data: dict) -> str:
    needs = education_label(data["needs"])
    if data.get("has") is None:
        return _("This job needs at least: %(needs)s. Your education is not in your profile yet.", needs=needs)
    return _("This job needs at least: %(needs)s. Your education: %(has)s.", needs=needs,
             has=education_label(data["has"]))


def _destination(data: dict) -> str:
    where, when = country_label(data["country"]), format_date(data["on"], "long")
    sector = sector_label(data["sector"]) if data.get("sector") else None
    if data["status"] == "blocked":
        if sector:
            return _("Working in %(country)s in the sector %(sector)s is not allowed on %(date)s.",
                     country=where, sector=sector, date=when)
        return _("Working in %(country)s is not allowed on %(date)s.", country=where, date=when)
    return _("%(country)s needs caution on %(date)s: a coordinator must first justify this opening in writing.",
             country=where, date=when)


def _not_approved(data: dict) -> str:
    return _("The opening is not approved (its status: %(status)s).",
             status=label("opening_status", data.get("status")))


def _worker_fee(data: dict) -> str:
    return _("The opening would charge the worker %(amount)s. The law allows no placement fee.",
             amount=format_money(data["amount"], "IDR"))


SENTENCES = {
    Gate.TOO_YOUNG: _too_young,
    Gate.TOO_OLD: _too_old,
    Gate.CERT_MISSING: _cert_missing,
    Gate.CERT_EXPIRES_BEFORE_START: _cert_expires,
    Gate.LANGUAGE_BELOW: _language_below,
    Gate.EDUCATION_BELOW: _education_below,
    Gate.DESTINATION_BLOCKED: _destination,
    Gate.EMPLOYER_NOT_VERIFIED: lambda _data: _("The employer is not verified yet."),
    Gate.AGREEMENT_INACTIVE: lambda _data: _("The partner city's agreement is not in force."),
    Gate.OPENING_NOT_APPROVED: _not_approved,
    Gate.WORKER_FEE: _worker_fee,
    Gate.NO_CONSENT: lambda _data: _("You have not agreed to matching. You can agree on your privacy page."),
    Gate.ALREADY_PLACED: lambda _data: _("You already accepted a job offer, so you are not matched to others."),
}


def gate_sentence(failure: Failure) -> str:
    """One failed gate, with its data, in plain words."""
    return SENTENCES[Gate(failure.code)](failure.data)
