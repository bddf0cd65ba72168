"""Words for the pre-departure checklist: refusals, differences, visa types, and what the seeker should do."""
from flask_babel import lazy_gettext as _l

from app.domain import predeparture as gate
from app.web.seeker.papers_forms import PROBLEMS as FILE_PROBLEMS

PROBLEMS = {
    **FILE_PROBLEMS,
    gate.PREDEPARTURE_INCOMPLETE: _l("Departure is possible only when every pre-departure item is verified."),
    gate.CHECKLIST_CLOSED: _l("The checklist can be changed only after the contract is signed and before the "
                              "departure."),
    gate.UNKNOWN_ITEM: _l("This is not an item of the checklist."),
    gate.NOT_ATTACHABLE: _l("This document comes with the placement: upload it on the item."),
    gate.NOT_UPLOADABLE: _l("This document is the job seeker's own: verify it on the Verification page, then "
                            "attach it here."),
    gate.DOCUMENT_WRONG_KIND: _l("This document is of another kind."),
    gate.DOCUMENT_UNKNOWN: _l("The job seeker's document changed meanwhile. Look at it again before you confirm."),
    gate.DOCUMENT_NOT_VERIFIED: _l("Only a verified document can be attached. Verify it first."),
    gate.DOCUMENT_EXPIRED: _l("This document has expired."),
    gate.START_DATE_UNKNOWN: _l("The opening has no start date or contract length, so the passport cannot be "
                                "checked against it."),
    gate.PASSPORT_EXPIRY_UNKNOWN: _l("The passport's expiry date is not known."),
    gate.PASSPORT_TOO_SHORT: _l("The passport must be valid until at least %(needed)s (the contract plus six "
                                "months). It expires on %(expires)s."),
    gate.VISA_TYPE_REQUIRED: _l("Choose the type of visa written on it."),
    gate.VISA_TOURIST_OR_VISIT: _l("A tourist or visit visa is never a work visa. Working on it is illegal and a "
                                   "warning sign of trafficking: the departure stays blocked."),
    gate.VISA_NOT_FOR_WORK: _l("Only a work visa allows this job. The departure stays blocked."),
    gate.VISA_EXPIRES_BEFORE_START: _l("The visa ends before the work starts."),
    gate.TERMS_INCOMPLETE: _l("Enter every term as the contract states it: job, wage, currency, hours and "
                              "duration."),
    gate.CONTRACT_DIFFERS: _l("The contract differs from the opening."),
    gate.REASON_REQUIRED: _l("Say why the item is rejected."),
}

# The same refusals in a few words, for the checklist table.
SHORT = {
    gate.PASSPORT_TOO_SHORT: _l("Expires too soon for the contract"),
    gate.PASSPORT_EXPIRY_UNKNOWN: _l("Expiry date unknown"),
    gate.DOCUMENT_EXPIRED: _l("Expired"),
    gate.VISA_TOURIST_OR_VISIT: _l("Tourist or visit visa: not for work"),
    gate.VISA_NOT_FOR_WORK: _l("Not a work visa"),
    gate.VISA_EXPIRES_BEFORE_START: _l("Ends before the work starts"),
}

TERMS = {
    "job_title": _l("Job"), "monthly_wage": _l("Monthly wage"), "currency": _l("Currency"),
    "hours_per_week": _l("Hours per week"), "contract_months": _l("Contract length (months)"),
}

VISA_TYPES = {
    "work": _l("Work visa"), "tourist": _l("Tourist visa"), "visit": _l("Visit visa"),
    "business": _l("Business visit visa"), "transit": _l("Transit visa"), "student": _l("Student visa"),
    "other": _l("Another visa"),
}

HOLDERS = {"seeker": _l("From the job seeker's papers"), "placement": _l("Uploaded for this placement")}

DONE = {
    gate.VERIFIED: _l("Verified: %(item)s."),
    gate.FLAGGED: _l("Flagged: %(item)s differs from the opening. It does not count as verified."),
    gate.REJECTED: _l("Rejected: %(item)s. The job seeker has been told."),
}

# The seeker's words for an item's status (no internal notes, ever).
SEEKER_STATUS = {gate.PENDING: _l("Not yet"), gate.VERIFIED: _l("Verified"), gate.FLAGGED: _l("Being checked"),
                 gate.REJECTED: _l("Not accepted")}

# What the seeker can do about an item that is not verified yet.
SEEKER_HINTS = {
    "upload": _l("Upload it on the \"Certificates and documents\" page."),
    "pending": _l("You uploaded it. Disnaker is checking it."),
    "rejected_paper": _l("It was not accepted. See why, and upload it again, on the \"Certificates and "
                         "documents\" page."),
    "to_attach": _l("It is verified. Disnaker will add it to your checklist."),
    "placement": _l("Disnaker arranges this with the employer. You will sign it or receive it at Disnaker."),
    "flagged": _l("Your contract differs from the job you accepted. Do not sign anything else; Disnaker will "
                  "contact you."),
    "rejected": _l("It was not accepted. Disnaker will contact you about what to do."),
    "changed": _l("You replaced it. Disnaker is checking it again."),
}


# Why a paper of the seeker's was not accepted, in words for them (the rule, never a coordinator's note).
SEEKER_CODE_HINTS = {
    gate.PASSPORT_TOO_SHORT: _l("Your passport must stay valid until six months after your contract ends. Renew it "
                                "at the Immigration Office, then upload the new one."),
    gate.PASSPORT_EXPIRY_UNKNOWN: _l("The expiry date of your passport is not known. Upload your passport again."),
    gate.DOCUMENT_EXPIRED: _l("It has expired. Upload a valid one."),
    gate.VISA_TOURIST_OR_VISIT: _l("A tourist or visit visa does not allow work. You will travel only with a work "
                                   "visa; Disnaker will contact you."),
    gate.VISA_NOT_FOR_WORK: _l("This kind of visa does not allow work. You will travel only with a work visa; "
                               "Disnaker will contact you."),
    gate.VISA_EXPIRES_BEFORE_START: _l("The visa ends before your work starts. Disnaker will contact you."),
}


def problem_words(code: str, data: dict | None = None) -> str:
    template = PROBLEMS.get(code)
    return (str(template) % data if data else str(template)) if template else code


def attach_problems(form, problems) -> None:
    """Put each problem under its field (or at the top of the form)."""
    for problem in problems:
        field = getattr(form, problem.field, None)
        message = problem_words(problem.code, problem.data or None)
        if field is not None and problem.field != "terms":
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)


def seeker_hint(row) -> str | None:
    """What the seeker should know or do about one item of their checklist."""
    if row.cleared:
        return None
    if row.document_changed:
        return str(SEEKER_HINTS["changed"])
    if row.status == gate.REJECTED and row.codes and row.codes[0] in SEEKER_CODE_HINTS:
        return str(SEEKER_CODE_HINTS[row.codes[0]])
    if row.status in (gate.FLAGGED, gate.REJECTED):
        return str(SEEKER_HINTS[row.status])
    if row.holder == "placement":
        return str(SEEKER_HINTS["placement"])
    paper = row.paper
    key = ("upload" if paper is None else "pending" if paper.status == "pending"
           else "rejected_paper" if paper.status == "rejected" else "to_attach")
    return str(SEEKER_HINTS[key])


def words() -> dict:
    """What the checklist templates need to word codes."""
    return {"problem_words": problem_words, "short_words": SHORT, "term_words": TERMS, "visa_words": VISA_TYPES,
            "holder_words": HOLDERS, "seeker_status_words": SEEKER_STATUS, "seeker_hint": seeker_hint}
