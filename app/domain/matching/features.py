"""The features of a candidate x opening pair: what each one means, in one place.

Every feature is a number from 0 to 1 computed from what the opening asks; a feature "applies"
only when the opening asks something of its kind (a language margin needs a language requirement).
This module is the reference: `ranking.py` computes the same values for many candidates at once,
operation for operation, and the tests hold the two equal to the last bit.

Never features: gender, age, religion, kelurahan, name or any identity number. Age is a gate only.
Skills a candidate has beyond those the opening asks for never lower a feature: every skill
feature is a share of what the OPENING asks that the candidate has (not a symmetric cosine), so
coverage of what is asked decides and the TF-IDF weights only refine it.
"""
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.eligibility import CandidateFacts, OpeningFacts, best_language, valid_until

# How much each skill counts, by the importance the employer gave it on the opening form.
IMPORTANCE_WEIGHT = {"must": 3.0, "important": 2.0, "nice": 1.0}
REQUIRED_IMPORTANCE = ("must", "important")

LEVELS_CAP = 2  # language or education levels above the minimum that still add
KKNI_CAP = 3  # KKNI levels above the required one that still add
EXPERIENCE_TENTHS_CAP = 50  # 5 years, counted in tenths of a year as the profile stores them
RELEVANT_MONTHS_CAP = 36


@dataclass(frozen=True)
class Feature:
    code: str
    meaning: str


FEATURES = (
    Feature("REQUIRED_SKILLS", "Share of the opening's must-have and important skills the candidate has, "
            "must-have counting 3 and important 2."),
    Feature("SKILL_SIMILARITY", "TF-IDF share of all the opening's skills the candidate has: each asked skill weighs "
            "its importance (3/2/1) times its inverse document frequency over the candidates, as scikit-learn's "
            "TfidfVectorizer computes it (smooth idf), so a rare skill matched counts more than a common one."),
    Feature("PREFERRED_SKILLS", "Share of the opening's nice-to-have skills the candidate has."),
    Feature("CERT_LEVEL", "KKNI levels above the highest level the required schemes have, of the best valid, verified "
            "certificate in the opening's sector, up to 3. Applies only when a required scheme has a KKNI level."),
    Feature("LANGUAGE_MARGIN", "Levels of the required test above the required level, up to 2."),
    Feature("EDUCATION_MARGIN", "Education levels above the opening's minimum, up to 2 (SMK = SMA, D4 = S1)."),
    Feature("EXPERIENCE_YEARS", "Years of work experience the candidate states, up to 5."),
    Feature("RELEVANT_EXPERIENCE", "Months of past jobs in the opening's occupation (the ISCO group or one "
            "under it), up to 36."),
    Feature("SECTOR_TRAINING", "Completed and passed training in a programme whose scheme is in the opening's sector."),
    Feature("PREFERENCE_FIT", "Half for the opening's country being among the candidate's preferred countries, "
            "half for its sector being among the preferred sectors."),
)
CODES = tuple(f.code for f in FEATURES)
MEANINGS = {f.code: f.meaning for f in FEATURES}


def skill_idf(df: int, n: int) -> float:
    """scikit-learn's smooth idf: ln((1 + n) / (1 + df)) + 1, for a term `df` of `n` candidates hold."""
    return math.log((1 + n) / (1 + df)) + 1.0


def experience_tenths(years: Decimal | float | int) -> int:
    """Years as the profile stores them (one decimal) in whole tenths, exactly."""
    if not isinstance(years, Decimal):
        years = Decimal(str(years))
    return int((years * 10).to_integral_value())


def applies(opening: OpeningFacts) -> tuple[bool, ...]:
    """Which features the opening asks anything of, in FEATURES order."""
    importances = {importance for _term, importance in opening.skills}
    return (
        any(i in REQUIRED_IMPORTANCE for i in importances),
        bool(opening.skills),
        "nice" in importances,
        opening.required_kkni_level is not None,
        opening.language is not None,
        opening.min_education_rank > 0,
        True,
        opening.occupation_code is not None,
        opening.sector_code is not None,
        True,
    )


def evaluate(candidate: CandidateFacts, opening: OpeningFacts, idf: Mapping[str, float],
             today: date) -> list[tuple[float, dict]]:
    """(value, explanation data) of every feature, in FEATURES order; `idf` holds the opening's terms."""
    return [
        _required_skills(candidate, opening),
        _similarity(candidate, opening, idf),
        _preferred_skills(candidate, opening),
        _cert_level(candidate, opening, opening.start_on(today)),
        _language_margin(candidate, opening),
        _education_margin(candidate, opening),
        _experience_years(candidate),
        _relevant_experience(candidate, opening),
        _sector_training(candidate, opening),
        _preference_fit(candidate, opening),
    ]


def _required_skills(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    total = got = 0.0
    matched, missing = [], []
    for term, importance in o.skills:
        if importance in REQUIRED_IMPORTANCE:
            weight = IMPORTANCE_WEIGHT[importance]
            total += weight
            if term in c.skills:
                got += weight
                matched.append(term)
            else:
                missing.append(term)
    value = got / total if total else 0.0
    return value, {"matched": len(matched), "of": len(matched) + len(missing), "missing": missing}


def _similarity(c: CandidateFacts, o: OpeningFacts, idf: Mapping[str, float]) -> tuple[float, dict]:
    total = got = 0.0
    for term, importance in o.skills:
        weight = IMPORTANCE_WEIGHT[importance] * idf[term]
        total += weight
        if term in c.skills:
            got += weight
    value = got / total if total else 0.0
    return value, {"share": round(value, 2)}


def _preferred_skills(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    nice = [term for term, importance in o.skills if importance == "nice"]
    matched = sum(1 for term in nice if term in c.skills)
    return (matched / len(nice) if nice else 0.0), {"matched": matched, "of": len(nice)}


def _cert_level(c: CandidateFacts, o: OpeningFacts, start: date) -> tuple[float, dict]:
    needs = o.required_kkni_level
    if needs is None:
        return 0.0, {}
    levels = [cert.kkni_level for cert in c.certificates
              if cert.kkni_level is not None and (cert.sector_code == o.sector_code or cert.scheme_code in o.schemes)
              and _counts(c, cert.scheme_code, start)]
    has = max(levels) if levels else None
    above = min(max(has - needs, 0), KKNI_CAP) if has is not None else 0
    return above / KKNI_CAP, {"has": has, "needs": needs, "levels_above": above}


def _counts(c: CandidateFacts, scheme: str, start: date) -> bool:
    held, expires_on = valid_until(c, scheme)
    return held and (expires_on is None or expires_on >= start)


def _language_margin(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    need = o.language
    if need is None:
        return 0.0, {}
    best = best_language(c, need.test_code)
    above = min(max(best.rank - need.rank, 0), LEVELS_CAP) if best else 0
    return above / LEVELS_CAP, {"test": need.test_code, "has": best.level_code if best else None,
                                "needs": need.level_code, "levels_above": above}


def _education_margin(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    if not o.min_education_rank:
        return 0.0, {}
    above = min(max(c.education_rank - o.min_education_rank, 0), LEVELS_CAP)
    return above / LEVELS_CAP, {"has": c.education_code, "needs": o.min_education_code, "levels_above": above}


def _experience_years(c: CandidateFacts) -> tuple[float, dict]:
    tenths = min(experience_tenths(c.experience_years), EXPERIENCE_TENTHS_CAP)
    return tenths / EXPERIENCE_TENTHS_CAP, {"years": float(c.experience_years)}


def in_occupation(job_code: str | None, opening_code: str | None) -> bool:
    """A past job counts for the opening's ISCO group when its code is that group or one under it."""
    return bool(job_code and opening_code and job_code.startswith(opening_code))


def _relevant_experience(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    if o.occupation_code is None:
        return 0.0, {}
    months = sum(m for code, m in c.experience if in_occupation(code, o.occupation_code))
    return min(months, RELEVANT_MONTHS_CAP) / RELEVANT_MONTHS_CAP, {"months": months,
                                                                   "occupation": o.occupation_code}


def _sector_training(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    if o.sector_code is None:
        return 0.0, {}
    trained = o.sector_code in c.trained_sectors
    return (1.0 if trained else 0.0), {"sector": o.sector_code, "trained": trained}


def _preference_fit(c: CandidateFacts, o: OpeningFacts) -> tuple[float, dict]:
    country = o.country_code in c.preferred_countries
    sector = o.sector_code is not None and o.sector_code in c.preferred_sectors
    return 0.5 * country + 0.5 * sector, {"country": country, "sector": sector}
