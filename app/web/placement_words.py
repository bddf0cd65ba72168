"""Words for the placement journey: reasons, move buttons, refusals, and who made a move."""
from flask_babel import format_date, get_locale
from flask_babel import lazy_gettext as _l

from app.domain import placement_flow as flow

REASONS = {
    "rejected": {
        "not_selected": _l("Another applicant was chosen"), "requirements_not_met": _l("Requirements not met"),
        "position_filled": _l("The position is filled"), "no_show": _l("Did not come to the interview"),
        "other": _l("Other reason"),
    },
    "withdrawn": {
        "found_other_work": _l("I found other work"), "family": _l("Family reasons"),
        "changed_mind": _l("I changed my mind"), "health": _l("Health"), "other": _l("Other reason"),
    },
    "cancelled": {
        "placed_elsewhere": _l("Placed through another opening"), "opening_closed": _l("The opening closed"),
        "employer_withdrew": _l("The employer withdrew"), "documents_incomplete": _l("Documents incomplete"),
        "seeker_unreachable": _l("The job seeker could not be reached"), "other": _l("Other reason"),
    },
    "terminated": {
        "employer_ended_contract": _l("The employer ended the contract"),
        "worker_ended_contract": _l("The worker ended the contract"), "mutual_agreement": _l("Mutual agreement"),
        "business_closed": _l("The business closed"), "other": _l("Other reason"),
    },
    "repatriated": {
        "abuse": _l("Abuse or violence"), "unpaid_wages": _l("Unpaid wages"), "health": _l("Health"),
        "accident": _l("Accident"), "deportation": _l("Deportation"), "emergency": _l("Emergency in the country"),
        "other": _l("Other reason"),
    },
    "returned": {
        "early_return_family": _l("Came home early for family reasons"),
        "early_return_health": _l("Came home early for health reasons"), "other": _l("Other reason"),
    },
}

ACTIONS = {
    "shortlisted": _l("Shortlist"), "interview": _l("Invite to an interview"), "offered": _l("Make an offer"),
    "accepted": _l("Accept the offer"), "contract_signed": _l("Record the signed contract"),
    "documents_verified": _l("Mark the documents verified"), "departed": _l("Record the departure"),
    "arrived": _l("Record the arrival"), "completed": _l("Record the contract completed"),
    "returned": _l("Record the return home"), "withdrawn": _l("Withdraw"), "rejected": _l("Reject"),
    "cancelled": _l("Cancel the placement"), "terminated": _l("Record the end of the contract"),
    "repatriated": _l("Record a repatriation"),
}

MOVE_PROBLEMS = {
    flow.MOVE_NOT_ALLOWED: _l("This step is not possible from the current stage."),
    flow.ROLE_NOT_ALLOWED: _l("You may not make this step."),
    flow.REASON_REQUIRED: _l("Choose a reason."),
    flow.UNKNOWN_REASON: _l("Choose a reason from the list."),
    flow.NOTE_REQUIRED: _l("With \"Other reason\", write a short note."),
    "PREDEPARTURE_INCOMPLETE": _l("Departure is possible only when every pre-departure item is verified."),
    "ALREADY_PLACED": _l("This job seeker already holds another placement."),
}
CHANGED = _l("This placement changed meanwhile; here it is again. Please check and decide again.")

APPLY_BLOCKERS = {
    "OPENING_NOT_OPEN": _l("This opening does not take applications now."),
    "DEADLINE_PASSED": _l("The deadline for this opening was %(deadline)s."),
    "NO_MATCHING_CONSENT": _l("You have not agreed to be matched with employers. Give this consent on the "
                              "\"My data and consents\" page first."),
    "UNDER_18_ON_START": _l("You must be at least 18 years old on the start date (%(start)s)."),
    "BELOW_MIN_AGE": _l("This opening is for people aged %(min_age)s or older on the start date."),
    "ABOVE_MAX_AGE": _l("This opening is for people aged at most %(max_age)s on the start date."),
    "ALREADY_PLACED": _l("You already accepted another job. You can apply again once that placement ends."),
    "ALREADY_APPLIED": _l("You have already applied to this opening. Follow it under \"My applications\"."),
    "WITHDRAWN_BEFORE": _l("You withdrew your application to this opening; a withdrawn application cannot be "
                           "opened again."),
}

ACTORS = {
    "seeker": _l("Job seeker"), "employer": _l("Partner employer"), "coordinator": _l("Disnaker coordinator"),
    "system": _l("Jembatan, automatically"), "cli": _l("Disnaker, by import"),
}

# The pre-departure checklist (issue 6 owns the gate; these are the items' names).
ITEMS = {
    "marital_status": _l("Marital status letter"), "employment_contract": _l("Signed employment contract"),
    "placement_agreement": _l("Placement agreement"), "work_visa": _l("Work visa"), "passport": _l("Passport"),
    "health_certificate": _l("Health and psychological certificate"), "bpjs": _l("BPJS Ketenagakerjaan"),
    "family_permission": _l("Family permission acknowledged by the lurah"),
    "opp_certificate": _l("Pre-departure orientation (OPP) certificate"),
}

NEXT_STEPS = {
    "applied": _l("The employer is reviewing the applications. We will tell you when something changes."),
    "shortlisted": _l("You are on the shortlist. The employer may invite you to an interview."),
    "interview": _l("Prepare for your interview. Disnaker can help you get ready."),
    "offered": _l("You have an offer. Read it carefully, then accept it or withdraw."),
    "accepted": _l("Come to Disnaker to sign your contract."),
    "contract_signed": _l("Bring your pre-departure documents to Disnaker to be verified."),
    "documents_verified": _l("Your documents are verified. Disnaker will tell you the departure date."),
    "departed": _l("Have a safe journey. Check in regularly once you are there."),
    "arrived": _l("Check in regularly. If anything is wrong, ask for help at once."),
    "completed": _l("Your contract is completed. Tell Disnaker when you are home."),
}


def reason_label(stage: str, code: str | None) -> str:
    if not code:
        return ""
    return str(REASONS.get(stage, {}).get(code, code))


def action_label(stage: str) -> str:
    return str(ACTIONS.get(stage, stage))


def actor_label(label: str | None) -> str:
    """Who made a move, as a role: "employer:12" → "Partner employer"."""
    kind = (label or "").split(":", 1)[0]
    return str(ACTORS.get(kind, kind or "—"))


def move_problems(codes: list[str]) -> list[str]:
    return [str(MOVE_PROBLEMS.get(code, code)) for code in codes]


def apply_blockers(codes: list[str], opening) -> list[str]:
    values = {"deadline": format_date(opening.deadline) if opening.deadline else "—",
              "start": format_date(opening.start_date) if opening.start_date else "—",
              "min_age": opening.min_age, "max_age": opening.max_age}
    return [str(APPLY_BLOCKERS.get(code, code)) % values for code in codes]


def country_name(code: str | None) -> str:
    if not code:
        return "—"
    return get_locale().territories.get(code.upper(), code)


def words() -> dict:
    """What the placement templates need to word codes."""
    return {"reason_label": reason_label, "action_label": action_label, "actor_label": actor_label,
            "country_name": country_name, "next_steps": NEXT_STEPS, "item_words": ITEMS}
