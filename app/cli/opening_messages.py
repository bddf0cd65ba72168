"""Words for the openings import's problem codes, as `flask openings import` prints them (English, like every
command). Codes the seekers import shares (file, CSV and field-type problems) take its words."""
from app.cli.seeker_messages import MESSAGES as SHARED
from app.domain.seeker_fields import Problem
from app.services.partners import country_name

CONTRACT_ITEMS = {"employer": "the employer", "job": "the job (title and ISCO-08 code)",
                  "wage": "the wage and its currency", "hours": "the working hours", "leave": "the annual leave",
                  "insurance": "the insurance", "duration": "the contract length"}

MESSAGES = {
    **SHARED,
    # Reading the record
    "STATUS_INVALID": "write draft, submitted or approved, not {value}",
    "UNKNOWN_CURRENCY": "{code} is not an ISO 4217 currency code (JPY, KRW, TWD, EUR…)",
    "UNKNOWN_OCCUPATION": "{code} is not a 4-digit ISCO-08 unit group (see `flask reference list occupations`)",
    "INTEGER_FORMAT": "write a whole number",
    "AMOUNT_FORMAT": "write the amount as digits, with a point before at most 2 decimals and no thousands "
                     "separators: 230000 or 1500.50",
    "NUMBER_TOO_LARGE": "too large: at most {max}",
    "LANGUAGE_FORMAT": "write the language as TEST:LEVEL, e.g. JLPT:N4, or {{\"test\": ..., \"min_level\": ...}}",
    "JUSTIFICATION_WITHOUT_APPROVAL": "a caution justification belongs only to an opening imported as approved",
    "REF_REPEATED": "the same ref is also on line {lines}",
    # Who the record names
    "UNKNOWN_EMPLOYER": "no employer named {name} is registered (register it on the web, or import with "
                        "--create-employers to vouch for it)",
    "UNKNOWN_PARTNER_CITY": "no partner city named {name} is registered (add it on the web, or import with "
                            "--create-employers to vouch for it)",
    "PARTNER_CITY_COUNTRY": "this partner city is in {countries}, but the record says {country}",
    "PARTNER_CITY_AMBIGUOUS": "several partner cities have this name in this country (ids {ids}); rename one",
    "EMPLOYER_OF_OTHER_CITY": "this employer is registered under the partner city {cities}, not this one",
    "EMPLOYER_AMBIGUOUS": "several employers have this name under this partner city (ids {ids}); rename one",
    "REF_CLOSED": "the opening with this ref is closed; closed openings are not changed by an import",
    "REF_OF_OTHER_EMPLOYER": "this ref belongs to an opening of another employer",
    # The web form's rules for the terms
    "REQUIRED": "required, but empty or missing",
    "MIN_AGE_UNDER_18": "the minimum age is never below 18: the law forbids placing anyone younger abroad",
    "MAX_AGE_BELOW_MIN": "the maximum age is below the minimum age",
    "POSITIONS_POSITIVE": "at least one position",
    "NEGATIVE_AMOUNT": "cannot be negative",
    "WAGE_NOT_POSITIVE": "the wage must be more than zero",
    "HOURS_OUT_OF_RANGE": "between 1 and {max} hours a week",
    "CONTRACT_MONTHS_POSITIVE": "at least one month",
    "DEADLINE_AFTER_START": "the application deadline must be on or before the start date",
    "SKILL_TOO_LONG": "a skill can have at most {max} characters",
    # The legality checks of submission and approval
    "EMPLOYER_NOT_VERIFIED": "the employer is not verified: only a verified employer's openings are submitted "
                             "or approved",
    "AGREEMENT_NOT_ACTIVE": "the partner city's agreement is not in force: its employers cannot post openings",
    "DESTINATION_BLOCKED": "{country} is a blocked destination for this sector on {on} ({source}); such an "
                           "opening can never be approved",
    "DESTINATION_NEEDS_JUSTIFICATION": "{country} needs caution on {on}: an approved opening needs a "
                                       "coordinator's written justification in caution_justification",
    "WAGE_MISSING": "an approved opening states a monthly wage above zero, with its currency",
    "WORKER_FEE": "the worker would pay {amount} rupiah; an approved opening charges the worker nothing (0)",
    "AGE_RANGE_UNLAWFUL": "the age range is not lawful: from 18, and the maximum not below the minimum",
    "CERTIFICATION_REQUIRED": "the law requires a competency certificate for every placement: name at least one "
                              "scheme in required_certifications",
    "CONTRACT_FIELD_MISSING": "the employment contract the law requires must state {item_words}",
}


def problem_message(problem: Problem) -> str:
    """The sentence for one problem; an unknown code is printed as it is, never hidden."""
    data = dict(problem.data)
    for key in ("lines", "ids", "countries", "cities"):
        if key in data:
            data[key] = ", ".join(map(str, data[key]))
    if "item" in data:
        data["item_words"] = CONTRACT_ITEMS.get(data["item"], data["item"])
    if problem.code.startswith("DESTINATION_") and data.get("country"):
        data["country"] = f"{country_name(data['country']) or data['country']} ({data['country']})"
    if data.get("source") == "":
        data["source"] = "no source on record"
    template = MESSAGES.get(problem.code)
    try:
        return template.format(**data) if template else problem.code
    except (KeyError, IndexError):
        return f"{problem.code} {problem.data}"
