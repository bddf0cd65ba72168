"""Words for the readiness checklist: each item's name, what its state means, what to do next and where."""
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from app.domain.readiness import Item

TITLES = {
    "adult": _l("Age 18"),
    "profile": _l("Complete profile"),
    "competency_certificate": _l("Competency certificate"),
    "language_certificate": _l("Language certificates"),
    "passport": _l("Passport"),
    "health_certificate": _l("Health and psychological certificate"),
    "bpjs": _l("BPJS Ketenagakerjaan"),
    "family_permission": _l("Family permission, acknowledged by the lurah"),
    "marital_status": _l("Marital status letter"),
    "opp_certificate": _l("Pre-departure orientation (OPP) certificate"),
    "consent_matching": _l("Consent to matching"),
}

RENEW = {
    "passport": _l("Renew your passport at the immigration office."),
    "competency_certificate": _l("Renew your certificate at an LSP, or take the competency test again."),
}

# What to do when the item is not done yet, and at which office.
TODO = {
    "profile": _l("Fill in your education, skills and mobile phone."),
    "competency_certificate": _l("Take a training at a BLK and the competency test at an LSP, then add your "
                                 "certificate."),
    "language_certificate": _l("Add a scan of your language certificate to each language."),
    "passport": _l("Ask Disnaker for a passport recommendation letter, then apply at the immigration office."),
    "health_certificate": _l("Have the health and psychological check at a clinic appointed for migrant workers; "
                             "ask Disnaker which one."),
    "bpjs": _l("Register for BPJS Ketenagakerjaan as a migrant worker."),
    "family_permission": _l("Your parent, spouse or guardian signs the permission letter; your lurah "
                            "acknowledges it."),
    "marital_status": _l("Ask your kelurahan office for a marital status letter."),
    "opp_certificate": _l("Attend the pre-departure orientation when your departure is near."),
    "consent_matching": _l("Agree to matching so that verified employers can find you."),
}

WHERE = {
    "competency_certificate": _l("An LSP, after a training at a BLK"),
    "passport": _l("Kantor Imigrasi Kelas I TPI Pangkalpinang"),
    "health_certificate": _l("A clinic appointed for migrant workers"),
    "bpjs": _l("BPJS Ketenagakerjaan office in Pangkalpinang"),
    "family_permission": _l("Your kelurahan office (the lurah)"),
    "marital_status": _l("Your kelurahan office"),
    "opp_certificate": _l("BP3MI / KP2MI orientation"),
}

# Where in Jembatan the item is taken care of: (endpoint, its arguments, link text); shown only when the page exists.
LINKS = {
    "profile": ("seeker.profile", {}, _l("My profile")),
    "language_certificate": ("seeker.profile_languages", {}, _l("My languages")),
    "competency_certificate": ("seeker.papers", {}, _l("Certificates and documents")),
    "consent_matching": ("seeker.privacy", {}, _l("My data and consents")),
    **{kind: ("seeker.document_edit", {"kind": kind}, _l("Add or update this document"))
       for kind in ("passport", "health_certificate", "bpjs", "family_permission", "marital_status",
                    "opp_certificate")},
}

STATES = {"done": _l("Done"), "pending": _l("Waiting for verification"), "missing": _l("To do"),
          "expiring": _l("Expires soon")}
LACKING = {"education": _l("education"), "skills": _l("skills"), "phone": _l("mobile phone")}
# status_badge colours by status name: a state borrows the colour of a status that means the same.
TONES = {"done": "verified", "pending": "pending", "expiring": "caution", "missing": "draft"}


def _when(day) -> str:
    return format_date(day, "medium")


def _detail(item: Item) -> list[str]:
    data, lines = item.data, []
    if item.code == "adult":
        lines.append(_l("You can work abroad from %(date)s. Until then you can train and get certified.") % {
            "date": _when(data["on"])})
    elif item.code == "profile" and data.get("lacking"):
        lines.append(_l("Still missing: %(items)s.") % {"items": ", ".join(str(LACKING[n]) for n in data["lacking"])})
    elif item.code == "language_certificate" and data.get("without"):
        lines.append(_l("Languages without a certificate scan: %(n)s.") % {"n": data["without"]})
    elif item.code == "consent_matching" and data.get("guardian_needed"):
        lines.append(_l("Under 18, a parent or guardian must agree as well."))
    elif item.state == "pending":
        lines.append(_l("Disnaker is checking it."))
    if item.state == "done" and data.get("expires_on"):
        lines.append(_l("Valid until %(date)s.") % {"date": _when(data["expires_on"])})
    if item.state == "expiring":
        what = (_l("On %(date)s it will have less than 6 months left.") if item.code == "passport"
                else _l("It expires on %(date)s."))
        lines.append(what % {"date": _when(data["expires_on"])})
        if data.get("renewal_pending"):
            lines.append(_l("Your renewal is waiting for verification."))
    if data.get("expired_on"):
        lines.append(_l("It expired on %(date)s.") % {"date": _when(data["expired_on"])})
    if data.get("needs_until"):
        lines.append(_l("It expires on %(date)s, but must be valid until at least %(until)s.") % {
            "date": _when(data["expires_on"]), "until": _when(data["needs_until"])})
    if data.get("rejected"):
        lines.append(_l("The last one you sent was not accepted; open it to see why."))
    return lines


def _next_step(item: Item):
    """What to do next, or None when nothing is for the seeker to do now."""
    if item.state in ("done", "pending") or item.data.get("renewal_pending"):
        return None
    renewing = item.state == "expiring" or "expired_on" in item.data or "needs_until" in item.data
    return (renewing and RENEW.get(item.code)) or TODO.get(item.code)


def describe(item: Item) -> dict:
    """Everything the dashboard shows for one item, in the reader's language."""
    tone = "rejected" if item.state == "missing" and item.data.get("rejected") else TONES[item.state]
    todo = _next_step(item)
    return {
        "code": item.code, "state": item.state, "tone": tone, "state_label": STATES[item.state],
        "title": TITLES[item.code], "detail": [str(line) for line in _detail(item)],
        "todo": todo, "where": WHERE.get(item.code) if todo else None, "link": LINKS.get(item.code),
    }
