"""Words for the matcher's factors: each factor of an explanation as one sentence, with its data.

The domain gives codes and numbers (app/domain/matching/features.py says what each means); this
module says them in the reader's language. Skill terms are shown with the vocabulary's label in
Indonesian, and as the canonical (English) term otherwise. Level differences are exact, read from
the reference data, even where the score stops counting them.
"""
from collections.abc import Iterable

from flask import g
from flask_babel import format_decimal, format_percent, get_locale, ngettext
from flask_babel import gettext as _

from app.domain.matching.scoring import Factor
from app.services import match_reference
from app.web.opening_words import education_label


def _cached(name: str, load):
    """A reference map read once per request."""
    if name not in g:
        setattr(g, name, load())
    return getattr(g, name)


def skill_label(term: str) -> str:
    """A canonical skill term as the reader knows it."""
    if str(get_locale()) == "id":
        return _cached("factor_skill_labels", match_reference.skill_labels).get(term) or term
    return term


def language_label(test: str | None, level: str | None) -> str:
    """"JLPT N3"; a pass/fail test reads "EPS-TOPIK (passed)"."""
    if level == "pass":
        return _("%(test)s (passed)", test=test)
    return f"{test} {level}"


def duration_words(months: int) -> str:
    """"2 years 3 months", "1 year", "5 months"."""
    years, rest = divmod(int(months), 12)
    parts = []
    if years:
        parts.append(ngettext("%(num)d year", "%(num)d years", years))
    if rest or not years:
        parts.append(ngettext("%(num)d month", "%(num)d months", rest))
    return " ".join(parts)


def _required_skills(data: dict) -> str:
    matched, of, missing = data["matched"], data["of"], data.get("missing") or []
    if not missing:
        return ngettext("Has the %(num)d required skill", "Has all %(num)d required skills", of)
    return ngettext("Has %(matched)d of %(num)d required skill (missing: %(missing)s)",
                    "Has %(matched)d of %(num)d required skills (missing: %(missing)s)", of,
                    matched=matched, missing=", ".join(skill_label(term) for term in missing))


def _similarity(data: dict) -> str:
    return _("Skills cover %(share)s of all the skills asked, weighted by importance and rarity",
             share=format_percent(data["share"]))


def _preferred_skills(data: dict) -> str:
    return ngettext("Has %(matched)d of %(num)d nice-to-have skill", "Has %(matched)d of %(num)d nice-to-have skills",
                    data["of"], matched=data["matched"])


def _cert_level(data: dict) -> str:
    has, needs = data.get("has"), data["needs"]
    if has is None:
        return _("No certificate with a KKNI level in this sector (required: level %(needs)d)", needs=needs)
    if has > needs:
        return ngettext("Certificate at KKNI level %(has)d, %(num)d level above the required level %(needs)d",
                        "Certificate at KKNI level %(has)d, %(num)d levels above the required level %(needs)d",
                        has - needs, has=has, needs=needs)
    if has == needs:
        return _("Certificate at KKNI level %(has)d, the required level", has=has)
    return _("Certificate at KKNI level %(has)d, below the required level %(needs)d", has=has, needs=needs)


def _levels_between(test: str, has: str, needs: str, fallback: int) -> int:
    ranks = _cached("factor_language_ranks", match_reference.language_ranks)
    if (test, has) in ranks and (test, needs) in ranks:
        return ranks[(test, has)] - ranks[(test, needs)]
    return fallback


def _language_margin(data: dict) -> str:
    test, has, needs = data["test"], data.get("has"), data["needs"]
    if has is None:
        return _("No %(test)s result", test=test)
    above = _levels_between(test, has, needs, data.get("levels_above", 0))
    held, minimum = language_label(test, has), language_label(test, needs)
    if above > 0:
        return ngettext("%(held)s, %(num)d level above the minimum (%(minimum)s)",
                        "%(held)s, %(num)d levels above the minimum (%(minimum)s)", above, held=held, minimum=minimum)
    return _("%(held)s, the minimum required", held=held)


def _education_margin(data: dict) -> str:
    has, needs = data.get("has"), data["needs"]
    if has is None:
        return _("Education not stated (minimum: %(needs)s)", needs=education_label(needs))
    ranks = _cached("factor_education_ranks", match_reference.education_ranks)
    above = ranks[has] - ranks[needs] if has in ranks and needs in ranks else data.get("levels_above", 0)
    if above > 0:
        return ngettext("%(has)s, %(num)d level above the minimum (%(needs)s)",
                        "%(has)s, %(num)d levels above the minimum (%(needs)s)", above,
                        has=education_label(has), needs=education_label(needs))
    return _("%(has)s, the minimum education", has=education_label(has))


def _experience_years(data: dict) -> str:
    years = data["years"]
    if not years:
        return _("No work experience stated")
    return ngettext("%(years)s year of work experience", "%(years)s years of work experience",
                    1 if years == 1 else 2, years=format_decimal(years))


def _relevant_experience(data: dict) -> str:
    if not data["months"]:
        return _("No past work in this occupation")
    return _("%(duration)s of work in this occupation", duration=duration_words(data["months"]))


def _sector_training(data: dict) -> str:
    return _("Completed training in this sector") if data["trained"] else _("No completed training in this sector")


def _preference_fit(data: dict) -> str:
    country, sector = data["country"], data["sector"]
    if country and sector:
        return _("Wants to work in this country and sector")
    if country:
        return _("Wants to work in this country")
    if sector:
        return _("Wants to work in this sector")
    return _("Has not listed this country or sector among their wishes")


SENTENCES = {
    "REQUIRED_SKILLS": _required_skills,
    "SKILL_SIMILARITY": _similarity,
    "PREFERRED_SKILLS": _preferred_skills,
    "CERT_LEVEL": _cert_level,
    "LANGUAGE_MARGIN": _language_margin,
    "EDUCATION_MARGIN": _education_margin,
    "EXPERIENCE_YEARS": _experience_years,
    "RELEVANT_EXPERIENCE": _relevant_experience,
    "SECTOR_TRAINING": _sector_training,
    "PREFERENCE_FIT": _preference_fit,
}


def factor_sentence(factor: Factor) -> str:
    """One factor of an explanation in words, with its data."""
    # A page of 50 candidates words some 500 factors and many are alike ("Completed training in this
    # sector"): each distinct one is worded once per request and language.
    key = (str(get_locale()), factor.code, repr(factor.data))
    known = g.setdefault("factor_sentences", {})
    if key not in known:
        known[key] = SENTENCES[factor.code](factor.data)
    return known[key]


def explanation(factors: Iterable[Factor]) -> list[tuple[str, float]]:
    """(sentence, contribution) of every factor, largest contribution first (ties keep the feature order).

    A contribution is the factor's part of the score (0 to 1): the contributions add up to the score.
    """
    ordered = sorted(factors, key=lambda factor: -factor.contribution)
    return [(factor_sentence(factor), factor.contribution) for factor in ordered]
