"""Words for the ranking model page: feature names, refusals of a promotion, and the history of changes."""
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.services.matcher.promotion import PromotionRefused

FEATURE_NAMES = {
    "REQUIRED_SKILLS": _l("Required skills"),
    "SKILL_SIMILARITY": _l("Skill similarity"),
    "PREFERRED_SKILLS": _l("Nice-to-have skills"),
    "CERT_LEVEL": _l("Certificate level"),
    "LANGUAGE_MARGIN": _l("Language above the minimum"),
    "EDUCATION_MARGIN": _l("Education above the minimum"),
    "EXPERIENCE_YEARS": _l("Years of work experience"),
    "RELEVANT_EXPERIENCE": _l("Experience in the occupation"),
    "SECTOR_TRAINING": _l("Training in the sector"),
    "PREFERENCE_FIT": _l("Wishes: country and sector"),
}

FEATURE_HINTS = {
    "REQUIRED_SKILLS": _l("Share of the must-have and important skills the candidate has."),
    "SKILL_SIMILARITY": _l("Share of all the skills asked, a rare skill counting more than a common one."),
    "PREFERRED_SKILLS": _l("Share of the nice-to-have skills the candidate has."),
    "CERT_LEVEL": _l("KKNI levels above the level the opening requires, up to 3."),
    "LANGUAGE_MARGIN": _l("Levels of the required language test above the minimum, up to 2."),
    "EDUCATION_MARGIN": _l("Education levels above the minimum, up to 2."),
    "EXPERIENCE_YEARS": _l("Years of work experience, up to 5."),
    "RELEVANT_EXPERIENCE": _l("Months of past work in the opening's occupation, up to 36."),
    "SECTOR_TRAINING": _l("Completed and passed training in the opening's sector."),
    "PREFERENCE_FIT": _l("The opening's country and sector among the candidate's wishes."),
}


def share(value) -> str:
    """A weight as its share of all the weights (they add up to 1)."""
    return format_percent(value or 0, "#,##0.0%")


def ndcg(value) -> str:
    return "—" if value is None else format_decimal(value, "0.000")


def refusal(refused: PromotionRefused) -> str:
    """Why a promotion or rollback was not made, in words."""
    d = refused.data
    if refused.code == "WORSE_THAN_SERVING":
        return _("%(version)s was not promoted: on the %(openings)s openings held out when it was trained it scores "
                 "NDCG@10 %(model)s, below the %(serving)s of the serving model %(name)s.", version=d["version"],
                 openings=d["openings"], model=ndcg(d["ndcg_model"]), serving=ndcg(d["ndcg_serving"]),
                 name=d["serving"])
    if refused.code == "INELIGIBLE_RANKED":
        return _("%(version)s was not promoted: the check ranking put %(count)s candidates whom the legal gates refuse "
                 "into the top of %(openings)s openings. This is a fault to report; nothing was changed.", **d)
    if refused.code == "FILE_UNREADABLE":
        return _("%(version)s was not promoted: its file cannot be used (%(problem)s).", **d)
    if refused.code == "SERVING_CHANGED":
        return _("Nothing was changed: the serving model changed meanwhile (it is now %(serving)s). Check the page "
                 "again, then decide.", **d)
    if refused.code == "ALREADY_SERVING":
        return _("%(version)s already serves.", **d)
    return _("Nothing to roll back: the default weights serve.")


def history_sentence(event) -> str:
    d = event.details
    if event.action == "trained":
        return _("Trained %(version)s: NDCG@10 %(model)s against %(serving)s for %(name)s on %(openings)s held-out "
                 "openings.", version=d.get("version"), model=ndcg(d.get("ndcg_model")),
                 serving=ndcg(d.get("ndcg_serving")), name=d.get("serving"), openings=d.get("held_out"))
    if event.action == "promoted":
        return _("Promoted %(version)s in place of %(replaced)s, after checking %(candidates)s ranked candidates on "
                 "%(openings)s approved openings.", version=d.get("version"), replaced=d.get("replaced"),
                 candidates=d.get("candidates_checked"), openings=d.get("openings_checked"))
    if d.get("problem"):
        return _("Rolled back %(version)s to %(to)s (the file of %(meant)s could not be used).",
                 version=d.get("version"), to=d.get("to"), meant=d.get("meant"))
    return _("Rolled back %(version)s to %(to)s.", version=d.get("version"), to=d.get("to"))
