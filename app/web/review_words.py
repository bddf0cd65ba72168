"""Words for requests for a human review of a ranking: refusals and statuses."""
from flask_babel import lazy_gettext as _l

from app.services import reviews

REFUSALS = {
    reviews.ALREADY_OPEN: _l("You already asked a person to check this, and the request is still open. You will get "
                             "an answer here; there is no need to ask again."),
    reviews.OPENING_UNKNOWN: _l("This opening is no longer published. Choose another one, or ask about your list as "
                                "a whole."),
    reviews.MESSAGE_REQUIRED: _l("Tell us in a few words what looks wrong to you."),
    reviews.MESSAGE_TOO_LONG: _l("Please keep it shorter: at most %(max)d characters."),
    reviews.ALREADY_ANSWERED: _l("This request was already answered."),
    reviews.ANSWER_REQUIRED: _l("Write the answer the seeker will read."),
}
STATUS_WORDS = {"open": _l("Waiting for a person"), "answered": _l("Answered")}


def refusal(code: str) -> str:
    return str(REFUSALS.get(code, code)) % {"max": reviews.MESSAGE_MAX}
