"""Words for the candidates pages of an opening (employer and coordinator): refusals and the template helpers."""
from flask import g
from flask_babel import format_percent, get_locale
from flask_babel import lazy_gettext as _l

from app.services.placement_reads import education_names
from app.services.shortlists import NOT_A_CANDIDATE, NOT_ELIGIBLE, OPENING_BLOCKED
from app.web.factor_words import explanation
from app.web.gate_words import gate_label, gate_sentence

REFUSALS = {
    NOT_A_CANDIDATE: _l("This candidate is no longer available."),
    NOT_ELIGIBLE: _l("This candidate no longer meets every legal requirement of the opening, so they cannot be "
                     "shortlisted. The list below is up to date."),
    OPENING_BLOCKED: _l("Nobody can be shortlisted while the opening itself does not meet the legal requirements: "
                        "see why below."),
}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, code))


def percent(share: float) -> str:
    """A score or a contribution (0 to 1) as a whole percentage in the reader's locale."""
    # A page shows some 600 of them but only 101 can differ: Babel formats each once per request.
    key = (str(get_locale()), round(share * 100))
    known = g.setdefault("candidate_percents", {})
    if key not in known:
        known[key] = format_percent(key[1] / 100)
    return known[key]


def words() -> dict:
    """What the candidates templates need beyond the app-wide helpers."""
    return {"explanation": explanation, "gate_sentence": gate_sentence, "gate_label": gate_label,
            "percent": percent, "education": education_names()}
