"""Words for training: refusal codes, statuses and provider kinds, for seekers' and coordinators' pages."""
from flask_babel import lazy_gettext as _l

from app.domain.certificates import short_scheme_name

PROBLEMS = {
    "COHORT_NOT_OPEN": _l("This cohort is not open for enrolment."),
    "COHORT_STARTED": _l("This cohort has already started."),
    "ALREADY_ENROLLED": _l("You are already on this cohort's list."),
    "ALREADY_COMPLETED": _l("You have already taken part in this cohort."),
    "NOT_WITHDRAWABLE": _l("This enrolment has already ended."),
    "NOT_ON_ROSTER": _l("Attendance and results are recorded only for enrolled participants."),
    "COHORT_CLOSED": _l("This cohort is completed or cancelled; its roster no longer changes."),
    "MOVE_NOT_ALLOWED": _l("This cohort cannot move to that status."),
    "COHORT_NOT_RUNNING": _l("Only a running cohort can be completed. Start it first."),
    "COHORT_NOT_STARTED": _l("This cohort has not started yet."),
    "RESULTS_MISSING": _l("Enter a result for every participant first (%(missing)s missing)."),
    "CAPACITY_BELOW_SEATS": _l("The capacity cannot be lower than the number of people already enrolled."),
    "ATTENDANCE_RANGE": _l("Attendance is a percentage from 0 to 100."),
    "NUMBER_TOO_LONG": _l("A certificate number has at most %(limit)s characters."),
    "NUMBER_REPEATED": _l("Each certificate number must be different."),
    "UNKNOWN_SCHEME": _l("Choose a certification scheme from the list."),
    "UNKNOWN_PROVIDER_KIND": _l("Choose a kind of provider from the list."),
    "UNKNOWN_PROGRAMME": _l("Choose a programme from the list."),
    "UNKNOWN_STATUS": _l("Choose a status from the list."),
    "REQUIRED": _l("This field is required."),
    "HOURS_POSITIVE": _l("Give the number of training hours."),
    "COST_NEGATIVE": _l("The cost cannot be negative."),
    "ENDS_BEFORE_START": _l("The cohort cannot end before it starts."),
    "CAPACITY_POSITIVE": _l("Give the number of places."),
    "OPENING_NOT_APPROVED": _l("Only an approved opening can be linked."),
    "ALREADY_LINKED": _l("This opening is already linked to the cohort."),
    "POSITIONS_POSITIVE": _l("Positions must be at least 1."),
    "DEMAND_TARGET_REQUIRED": _l("Choose an opening or a partner city."),
}

COHORT_STATUS_WORDS = {"planned": _l("Planned"), "open": _l("Open for enrolment"), "running": _l("Running"),
                       "completed": _l("Completed"), "cancelled": _l("Cancelled")}
ENROLMENT_WORDS = {"enrolled": _l("Enrolled"), "waitlisted": _l("Waiting list"), "withdrawn": _l("Withdrawn"),
                   "completed": _l("Passed"), "failed": _l("Not passed")}
# What a coordinator's status button says, by the status it moves to.
STATUS_ACTIONS = {"open": _l("Open for enrolment"), "planned": _l("Back to planned"),
                  "running": _l("Start the cohort"), "cancelled": _l("Cancel the cohort")}
PROVIDER_KIND_WORDS = {"BLK": _l("BLK (public training centre)"), "LPK": _l("LPK (private training institute)"),
                       "LSP": _l("LSP (certification body)"), "other": _l("Other")}


def problem(code: str, data: dict | None = None) -> str:
    template = PROBLEMS.get(code)
    return str(template) % (data or {}) if template else code


def attach(form, problems) -> None:
    """Put each problem under its field, or at the top of the form when it names none."""
    for p in problems:
        field = getattr(form, p.field, None) if p.field else None
        if field is not None:
            field.errors = list(field.errors) + [problem(p.code, p.data)]
        else:
            form.form_errors.append(problem(p.code, p.data))


def words() -> dict:
    """What the training templates need to word codes."""
    return {"cohort_status_words": COHORT_STATUS_WORDS, "enrolment_words": ENROLMENT_WORDS,
            "status_actions": STATUS_ACTIONS, "provider_kind_words": PROVIDER_KIND_WORDS,
            "scheme_name": short_scheme_name}
