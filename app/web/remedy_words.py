"""Words for what would close a gap (app.domain.remedies): each failed gate and its steps, with a link
where a page lets the seeker take the step.

Seekers get links to their own pages; coordinators (reviewing a seeker's ranking) get the cohort
page they manage instead, and no links to pages only the seeker can open.
"""
from dataclasses import dataclass

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _

from app.domain.eligibility import OPENING_GATES
from app.domain.remedies import Gap, Remedy, Step
from app.web.factor_words import language_label
from app.web.gate_words import gate_label, gate_sentence
from app.web.opening_words import education_label, scheme_name

SEEKER, COORDINATOR = "seeker", "coordinator"


@dataclass(frozen=True)
class StepText:
    sentence: str
    link: str | None = None
    link_label: str | None = None


@dataclass(frozen=True)
class GapText:
    label: str
    sentences: list[str]
    steps: list[StepText]


def _long(day) -> str:
    return format_date(day, "long") if day else "—"


def _cohort(data: dict, audience: str) -> StepText:
    if "test" in data:
        sentence = _("Training that includes this language: \"%(programme)s\", %(starts)s to %(ends)s.",
                     programme=data["programme"], starts=_long(data["starts_on"]), ends=_long(data["ends_on"]))
    else:
        sentence = _("Next training for this certificate: \"%(programme)s\", %(starts)s to %(ends)s.",
                     programme=data["programme"], starts=_long(data["starts_on"]), ends=_long(data["ends_on"]))
    if data.get("in_time") is True:
        sentence += " " + _("It ends before this job starts.")
    elif data.get("in_time") is False:
        sentence += " " + _("It ends after this job starts, so it helps with later openings like this one.")
    if data.get("mine") == "enrolled":
        sentence += " " + _("You have a place in it.")
    elif data.get("mine") == "waitlisted":
        sentence += " " + _("You are on its waiting list.")
    elif data["status"] == "planned":
        sentence += " " + _("Enrolment opens later.")
    elif data["seats_left"] <= 0:
        sentence += " " + _("It is full: you can join the waiting list.")
    if audience == COORDINATOR:
        return StepText(sentence, url_for("coordinator.cohort", cohort_id=data["cohort_id"]), _("Open the cohort"))
    link = url_for("seeker.training", scheme=data.get("scheme"), _anchor=f"cohort-{data['cohort_id']}")
    return StepText(sentence, link, _("See the training"))


def _old_enough(data: dict) -> str:
    day = _long(data["on"])
    if data["in_time"] is True:
        return _("You can apply from %(date)s, before the deadline (%(deadline)s).", date=day,
                 deadline=_long(data["deadline"]))
    if data["before_start"] is False:
        return _("That is after this job starts (%(start)s), so this opening is not possible for you. Openings "
                 "that start after %(date)s can be.", start=_long(data["start"]), date=day)
    if data["before_deadline"] is False:
        return _("That is after the deadline (%(deadline)s), so this opening is not possible for you. Later "
                 "openings can be.", deadline=_long(data["deadline"]))
    return _("From %(date)s you can be matched to openings like this one.", date=day)


def _seeker_link(audience: str, endpoint: str, label: str, **values) -> dict:
    """A link to one of the seeker's own pages: only the seeker gets it (a coordinator would get a 403)."""
    return {"link": url_for(endpoint, **values), "link_label": label} if audience == SEEKER else {}


def _awaits_verification(data: dict, audience: str) -> StepText:
    return StepText(_("Your certificate \"%(scheme)s\" is waiting for Disnaker to verify it. It counts as soon as "
                      "it is verified.", scheme=scheme_name(data["scheme"])),
                    **_seeker_link(audience, "seeker.papers", _("See my certificates")))


def _upload(data: dict, audience: str) -> StepText:
    sentence = (_("Your earlier certificate was not accepted. If you hold a valid one, upload it again for "
                  "verification.") if data["again"] else
                _("Do you already hold this certificate? Upload it for verification."))
    return StepText(sentence, **_seeker_link(audience, "seeker.certification_new", _("Upload a certificate")))


def _language_level(data: dict, _audience: str) -> StepText:
    if data["needs"] == "pass":  # a pass/fail test has no "higher"
        return StepText(_("Pass the %(test)s test.", test=data["test"]))
    return StepText(_("Reach %(needs)s or higher.", needs=language_label(data["test"], data["needs"])))


def _language_result(data: dict, audience: str) -> StepText:
    return StepText(_("Already passed %(test)s? Add your result to your profile.", test=data["test"]),
                    **_seeker_link(audience, "seeker.profile_languages", _("Add my language result")))


def _education(data: dict, audience: str) -> StepText:
    return StepText(_("Finishing %(needs)s or higher closes this gap. If your profile shows the wrong education, "
                      "correct it.", needs=education_label(data["needs"])),
                    **_seeker_link(audience, "seeker.profile_education", _("Check my education")))


def _consent(_data: dict, audience: str) -> StepText:
    return StepText(_("Give your consent to matching. You can withdraw it at any time."),
                    **_seeker_link(audience, "seeker.privacy", _("Give my consent"), _anchor="consent-matching"))


STEPS = {
    Step.TRAINING_COHORT: _cohort,
    Step.ASK_COORDINATOR: lambda _data, _audience: StepText(_(
        "No training for this certificate is planned yet. Ask the coordinator at Disnaker when the next one starts.")),
    Step.CERT_AWAITS_VERIFICATION: _awaits_verification,
    Step.CERT_UPLOAD: _upload,
    Step.CERT_RENEW: lambda data, _audience: StepText(_(
        "Renew it: you need a certificate that is still valid on %(start)s.", start=_long(data["start"]))),
    Step.LANGUAGE_LEVEL: _language_level,
    Step.LANGUAGE_RESULT: _language_result,
    Step.EDUCATION_NEEDED: _education,
    Step.OLD_ENOUGH_ON: lambda data, _audience: StepText(_old_enough(data)),
    Step.NOTHING_CLOSES: lambda data, _audience: StepText(_(
        "The employer set an age limit of %(max_age)d for this job, and nothing can change that. It says nothing "
        "about you: many openings have a higher limit or none.", max_age=data["max_age"])),
    Step.GIVE_CONSENT: _consent,
    Step.PLACED: lambda _data, _audience: StepText(_(
        "While you hold a job you accepted, you are not matched to other openings. When that placement ends, your "
        "matches come back.")),
    Step.CLOSED_TO_ALL: lambda _data, _audience: StepText(_(
        "Nobody can take this opening at the moment, whatever their profile. Nothing you do changes that; it may "
        "open again later.")),
}


def step_text(remedy: Remedy, audience: str = SEEKER) -> StepText:
    """One step in words, with its link for this audience."""
    return STEPS[remedy.code](remedy.data, audience)


def gap_texts(gaps: list[Gap], audience: str = SEEKER) -> list[GapText]:
    """The gaps of one opening in words; the opening's own gates make one entry, with one step for all."""
    own = [g for g in gaps if g.failure.code in OPENING_GATES]
    texts = []
    if own:
        texts.append(GapText(_("This opening is closed for now"), [gate_sentence(g.failure) for g in own],
                             [step_text(own[0].remedies[0], audience)]))
    for gap in gaps:
        if gap.failure.code not in OPENING_GATES:
            texts.append(GapText(gate_label(gap.failure.code), [gate_sentence(gap.failure)],
                                 [step_text(r, audience) for r in gap.remedies]))
    return texts
