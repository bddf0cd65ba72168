"""Each Cek Tawaran reason in plain words: a short title and one or two sentences saying why it matters.

`values` holds the reason's data ready for a sentence (see offer_words._values); `data` the raw data.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

TITLES = {
    "CODE_VALID": _l("The verification code is real and matches the offer"),
    "NO_CODE": _l("The offer has no verification code"),
    "CODE_UNKNOWN": _l("The verification code is not valid"),
    "CODE_MALFORMED": _l("The verification code is not valid"),
    "CODE_NOT_CURRENT": _l("The opening with this code is not open now"),
    "CODE_OTHER_EMPLOYER": _l("The code belongs to another employer"),
    "CODE_OTHER_COUNTRY": _l("The code belongs to a job in another country"),
    "CODE_WAGE_DIFFERS": _l("The wage differs from the approved opening"),
    "DESTINATION_BLOCKED": _l("Placement in %(country)s is closed"),
    "DESTINATION_CAUTION": _l("%(country)s is not an official destination"),
    "TRANSIT_ROUTE": _l("The route leads to scam compounds"),
    "MONEY_ASKED_HIGH": _l("You are asked to pay %(amount)s"),
    "MONEY_ASKED": _l("You are asked to pay %(amount)s"),
    "MONEY_AS_REGISTERED": _l("The money asked matches the approved opening"),
    "FEE_MENTIONED": _l("The offer speaks of fees"),
    "NOT_WORK_VISA": _l("You would travel without a work visa"),
    "NO_CONTRACT": _l("No written contract before you leave"),
    "WAGE_FAR_ABOVE_NORM": _l("The wage is far above normal"),
    "SCAM_JOB": _l("The job is one that scam recruiters use"),
    "TRANSIT_HINT": _l("The trip goes through a transit point"),
    "FREE_TRAVEL": _l("A free ticket or free lodging is promised"),
    "EASY_TERMS": _l("The terms are too easy"),
    "INDIVIDUAL_RECRUITER": _l("A person, not an official channel, is recruiting"),
    "PASSPORT_HELD": _l("Someone else would keep your passport"),
    "SCAM_PATTERN": _l("This is how recruitment into scam compounds looks"),
}
# Short names of the signals that SCAM_PATTERN lists, in the order they are read out.
SIGNAL_NAMES = {
    "SCAM_JOB": _l("a job of the kind scam recruiters use"),
    "SCAM_REGION": _l("a country where scam compounds operate"),
    "TRANSIT_HINT": _l("a transit route"), "WAGE_FAR_ABOVE_NORM": _l("a wage far above normal"),
    "FREE_TRAVEL": _l("a free ticket or lodging"), "EASY_TERMS": _l("very easy terms"),
    "INDIVIDUAL_RECRUITER": _l("a private recruiter"),
}


def _found_where(data: dict) -> str:
    """Where the offer names the country, when the form did not: a sentence to add, or nothing."""
    sentence = {"text": _("It is named in the offer's text."), "place": _("A place named in the offer is there."),
                "phone": _("The offer gives a phone number of that country.")}.get(data.get("from"))
    return " " + sentence if sentence else ""


def _blocked(data, v):
    if data.get("sector") == "domestic-work":
        text = _("Domestic work for households in %(country)s has been closed to Indonesian workers since 2015. "
                 "Going there for it is outside the law.", **v)
    else:
        text = _("%(country)s is not an official placement country. Anyone sent there to work goes outside the "
                 "law, and many end up trapped in online-scam compounds.", **v)
    return text + _found_where(data)


def _recruiter(data, v):
    parts = [_("It says %(words)s.", **v)] if data.get("words") else []
    if data.get("phone"):
        parts.append(_("It gives a personal phone number to contact."))
    parts.append(_("Official offers come through Disnaker or a licensed placement company (P3MI), never only "
                   "through a private chat."))
    return " ".join(parts)


def _visa(data, v):
    said = _("The offer says: %(visa)s.", **v) if data.get("visa") else _("It says %(words)s.", **v)
    return said + " " + _("Work abroad needs a work visa. Travelling on a tourist or visit visa, a visa on arrival "
                          "or visa-free entry means working illegally and without protection.")


def _contract(data, v):
    said = _("You said there is no written contract.") if data.get("said_no") else _("It says %(words)s.", **v)
    return said + " " + _("The law requires an employment contract that you sign before you leave. “The contract "
                          "comes later, over there” is how people get trapped.")


def _wage(data, v):
    basis = (_("the highest wage of the openings the city approved") if data.get("basis") == "openings"
             else _("published minimum or typical wages"))
    return _("%(wage)s a month is %(ratio)s times the reference for %(country)s (%(reference)s, from %(basis)s). "
             "Very high pay for easy work is a common lure.", basis=basis, **v)


DETAILS = {
    "CODE_VALID": lambda d, v: _("%(code)s is the code of an opening the city approved: %(title)s at %(employer)s "
                                 "in %(city)s. Compare every detail of the offer with the opening page.", **v),
    "NO_CODE": lambda d, v: _("Every offer that comes through the city's official channel carries a code like "
                              "JBT-7K3Q-9M2X. Without one, nothing in this offer can be checked. Ask for the code, "
                              "or ask Disnaker."),
    "CODE_UNKNOWN": lambda d, v: _("No opening approved by the city has the code %(code)s. A made-up code is a sign "
                                   "of a fake offer.", **v),
    "CODE_MALFORMED": lambda d, v: _("“%(code)s” is not one of the city's codes: they look like JBT-7K3Q-9M2X. "
                                     "A made-up code is a sign of a fake offer.", **v),
    "CODE_NOT_CURRENT": lambda d, v: _("%(code)s belongs to an opening that is closed or being reviewed again. It is "
                                       "not taking applications: do not sign or pay anything for it.", **v),
    "CODE_OTHER_EMPLOYER": lambda d, v: _("%(code)s is the code of an opening at %(registered)s, not of “%(said)s”. "
                                          "Someone may be using a real code for another offer.", **v),
    "CODE_OTHER_COUNTRY": lambda d, v: _("%(code)s is the code of an opening in %(registered)s, but the offer speaks "
                                         "of %(said)s.", **v),
    "CODE_WAGE_DIFFERS": lambda d, v: _("The offer says %(wage)s a month; the approved opening says %(registered)s. "
                                        "Ask why before you accept anything.", **v),
    "DESTINATION_BLOCKED": _blocked,
    "DESTINATION_CAUTION": lambda d, v: _("The city has no official placement channel to %(country)s. Ask Disnaker "
                                          "before you accept.", **v) + _found_where(d),
    "TRANSIT_ROUTE": lambda d, v: _("The offer names %(places)s: the online-scam compounds, or the border crossings "
                                    "into them, where Indonesians, many from Bangka, were held in 2025.", **v),
    "MONEY_ASKED_HIGH": lambda d, v: _("A worker may not be charged a placement fee. You pay only your own documents "
                                       "(passport, medical check-up, BPJS Ketenagakerjaan), each to the office that "
                                       "issues it; more than %(limit)s can only be a placement fee.", **v),
    "MONEY_ASKED": lambda d, v: _("Ask what exactly it pays for. Pay only for your own documents, and only to the "
                                  "office that issues them, never to a recruiter.", **v),
    "MONEY_AS_REGISTERED": lambda d, v: _("The approved opening lists %(registered)s of personal costs for the worker. "
                                          "Pay them only to the offices that issue your documents.", **v),
    "FEE_MENTIONED": lambda d, v: _("It speaks of %(words)s. A worker may not be charged a placement fee: ask what "
                                    "any money is for before you pay.", **v),
    "NOT_WORK_VISA": _visa,
    "NO_CONTRACT": _contract,
    "WAGE_FAR_ABOVE_NORM": _wage,
    "SCAM_JOB": lambda d, v: _("It says %(words)s. Jobs as admin, customer service or operator, or in crypto and "
                               "online gambling, are how people are lured into scam compounds.", **v),
    "TRANSIT_HINT": lambda d, v: _("It says %(words)s. Recruiters for the compounds in Myanmar, Laos and Cambodia buy "
                                   "tickets only to Bangkok or Chiang Rai, then cross the border by road or river.",
                                   **v),
    "FREE_TRAVEL": lambda d, v: _("It says %(words)s. Free tickets and lodging are a warning sign named by the "
                                  "Ministry of Foreign Affairs.", **v),
    "EASY_TERMS": lambda d, v: _("It says %(words)s. Real jobs abroad need a certificate, a test and weeks of "
                                 "preparation.", **v),
    "INDIVIDUAL_RECRUITER": _recruiter,
    "PASSPORT_HELD": lambda d, v: _("It says %(words)s. No employer or agent may keep your passport: it is how "
                                    "people are stopped from leaving.", **v),
    "SCAM_PATTERN": lambda d, v: _("These signs together (%(because)s) match how people from Bangka were recruited "
                                   "into online-scam compounds in 2025. Do not go.", **v),
}
