"""Check-ins of workers abroad: when one is due, when it is overdue, and what an answer raises.

Pure: dates, answers and words in; dates, booleans and codes out. The safe word is compared by the
service (it holds only a hash); this module says how a word is normalised and which words of a
message are worth comparing.
"""
import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.vocab import CHECKIN_ANSWERS

DEFAULT_INTERVAL_DAYS = 30
DEFAULT_GRACE_DAYS = 3
REMINDER_AFTER_DAYS = 1      # an unanswered check-in gets one reminder the day after it falls due
EARLY_WINDOW_DAYS = 7        # an answer this close before the next due date counts for it
ABROAD_STAGES = ("departed", "arrived")

OK, CONCERN, DISTRESS = CHECKIN_ANSWERS
ANSWERS = CHECKIN_ANSWERS

# Alert kinds and severities (app.domain.vocab.ALERT_KINDS, CASE_SEVERITIES).
OVERDUE_ALERT = ("checkin_overdue", "high")
_ANSWER_ALERTS = {CONCERN: ("concern", "medium"), DISTRESS: ("distress", "critical")}

SAFE_WORD_MIN, SAFE_WORD_MAX = 4, 40
MAX_SAFE_WORD_CANDIDATES = 16  # each candidate costs one slow hash comparison
SAFE_WORD_TOO_SHORT = "SAFE_WORD_TOO_SHORT"
SAFE_WORD_TOO_LONG = "SAFE_WORD_TOO_LONG"
SAFE_WORD_ONE_WORD = "SAFE_WORD_ONE_WORD"
SAFE_WORDS_DIFFER = "SAFE_WORDS_DIFFER"
SAFE_WORD_TOO_PLAIN = "SAFE_WORD_TOO_PLAIN"

# Words a worker would type anyway: as a safe word they would raise false alarms.
_PLAIN_WORDS = frozenset({"baik", "sehat", "aman", "lancar", "terima", "kasih", "good", "fine", "well", "okay",
                          "thanks", "tolong", "help", "bantuan", "semua", "saya"})


# --- the schedule ------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Schedule:
    """Check-ins every `interval_days` from departure, or on the departure's day of every month when `monthly`.

    The n-th date is always counted from departure, never from the previous one, so that a clamped
    month end (31 Jan -> 28 Feb) does not drag every later date to the 28th.
    """
    departure: date
    interval_days: int = DEFAULT_INTERVAL_DAYS
    monthly: bool = False

    def nth(self, n: int) -> date:
        if self.monthly:
            return add_months(self.departure, n)
        return self.departure + timedelta(days=n * self.interval_days)

    def due_dates(self, until: date) -> list[date]:
        """Every due date after departure up to and including `until`."""
        dates, n = [], 1
        while (due := self.nth(n)) <= until:
            dates.append(due)
            n += 1
        return dates

    def latest_due(self, today: date) -> date | None:
        """The most recent due date on or before today (None before the first one)."""
        dates = self.due_dates(today)
        return dates[-1] if dates else None

    def next_due(self, today: date) -> date:
        """The first due date after today."""
        n = 1
        while (due := self.nth(n)) <= today:
            n += 1
        return due


def is_overdue(due_on: date, today: date, grace_days: int = DEFAULT_GRACE_DAYS) -> bool:
    """Unanswered past its due date plus the grace days: due 1 March with 3 days' grace is overdue on 5 March."""
    return today > due_on + timedelta(days=grace_days)


def needs_reminder(due_on: date, today: date) -> bool:
    return today >= due_on + timedelta(days=REMINDER_AFTER_DAYS)


def answer_counts_for(due_on: date, last_answered_on: date | None) -> bool:
    """Whether the worker's latest answer already covers a due date: sent after it, or a few days before."""
    return last_answered_on is not None and last_answered_on >= due_on - timedelta(days=EARLY_WINDOW_DAYS)


def slot_for_answer(next_due: date, today: date) -> date:
    """The due date a spontaneous answer counts for: the next one if it is a few days away, else today."""
    return next_due if (next_due - today).days <= EARLY_WINDOW_DAYS else today


# --- answers -----------------------------------------------------------------------------------------


def effective_answer(chosen: str, safe_word_used: bool) -> str:
    """What the check-in records: the safe word turns any answer into distress."""
    return DISTRESS if safe_word_used else chosen


def alert_for_answer(answer: str) -> tuple[str, str] | None:
    """The alert (kind, severity) an answer raises; all well raises none."""
    return _ANSWER_ALERTS.get(answer)


# --- the safe word -----------------------------------------------------------------------------------


def normalise_word(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed: 'Mawar!' and ' mawár ' are the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", plain).split())


def safe_word_problems(word: str, repeated: str) -> list[str]:
    """Why a new safe word is refused: one word of 4 to 40 letters or digits, typed the same twice."""
    normal = normalise_word(word)
    problems = []
    if " " in normal:
        problems.append(SAFE_WORD_ONE_WORD)
    if len(normal) < SAFE_WORD_MIN:
        problems.append(SAFE_WORD_TOO_SHORT)
    elif len(normal) > SAFE_WORD_MAX:
        problems.append(SAFE_WORD_TOO_LONG)
    elif normal in _PLAIN_WORDS:
        problems.append(SAFE_WORD_TOO_PLAIN)
    if normal != normalise_word(repeated):
        problems.append(SAFE_WORDS_DIFFER)
    return problems


def safe_word_candidates(message: str | None) -> list[str]:
    """The words of a message that could be the safe word, once each, in order, at most a fixed number."""
    seen: list[str] = []
    for word in normalise_word(message or "").split():
        if SAFE_WORD_MIN <= len(word) <= SAFE_WORD_MAX and word not in seen:
            seen.append(word)
    return seen[:MAX_SAFE_WORD_CANDIDATES]


def without_word(message: str | None, word: str) -> str | None:
    """The message with every occurrence of `word` (normalised) taken out; None when nothing else is left."""
    kept = [token for token in (message or "").split() if word not in normalise_word(token).split()]
    text = " ".join(kept).strip()
    return text or None
