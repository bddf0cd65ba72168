"""Words for the domain's vocabulary codes (stages, statuses, kinds), in the reader's language."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "role": {"seeker": _l("Job seeker"), "employer": _l("Partner employer"), "coordinator": _l("Coordinator"),
             "officer": _l("Immigration officer"), "admin": _l("Administrator")},
    "stage": {
        "applied": _l("Applied"), "shortlisted": _l("Shortlisted"), "interview": _l("Interview"),
        "offered": _l("Offered"), "accepted": _l("Accepted"), "contract_signed": _l("Contract signed"),
        "documents_verified": _l("Documents verified"), "departed": _l("Departed"), "arrived": _l("Arrived"),
        "completed": _l("Completed"), "returned": _l("Returned"), "withdrawn": _l("Withdrawn"),
        "rejected": _l("Rejected"), "cancelled": _l("Cancelled"), "terminated": _l("Terminated"),
        "repatriated": _l("Repatriated"),
    },
    "opening_status": {"draft": _l("Draft"), "submitted": _l("Submitted"),
                       "changes_requested": _l("Changes requested"), "approved": _l("Approved"),
                       "closed": _l("Closed")},
    "verification": {"pending": _l("Waiting for verification"), "verified": _l("Verified"),
                     "rejected": _l("Rejected"), "suspended": _l("Suspended")},
    "agreement": {"draft": _l("Draft"), "active": _l("Active"), "suspended": _l("Suspended"),
                  "ended": _l("Ended")},
    "consent": {"matching": _l("Matching and being shown to verified employers"),
                "immigration_sharing": _l("Sharing placement status with Immigration"),
                "employer_contact": _l("Contact by partner employers"),
                "guardian": _l("Parent or guardian agrees")},
    "gender": {"F": _l("Female"), "M": _l("Male")},
}


def label(kind: str, code) -> str:
    """The word for a code; the code itself if no word is known (never an empty cell)."""
    if code is None:
        return "—"
    return str(LABELS.get(kind, {}).get(code, code))
