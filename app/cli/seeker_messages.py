"""Words for the import's problem codes, as `flask seekers import` prints them (English, like every command)."""
from app.domain.seeker_fields import Problem

MESSAGES = {
    "MISSING": "required, but empty or missing",
    "UNKNOWN_FIELD": "unknown field (check the spelling of the field name)",
    "WRONG_TYPE": "should be {expected}",
    "TOO_LONG": "too long: at most {max} characters",
    "DATE_FORMAT": "write the date as YYYY-MM-DD",
    "DATE_IMPOSSIBLE": "{value} is not a real date",
    "DATE_IN_FUTURE": "the issue date is in the future",
    "EXPIRES_BEFORE_ISSUED": "expires before it was issued",
    "BOOL_INVALID": "write true or false (or yes/no, 1/0)",
    "GENDER_INVALID": "write F or M, not {value}",
    "UNKNOWN_KELURAHAN": "unknown kelurahan code {code} (see `flask reference list kelurahan`)",
    "EMAIL_INVALID": "not a valid e-mail address",
    "PHONE_INVALID": "not a valid phone number",
    "UNKNOWN_EDUCATION": "unknown education level {code} (SD, SMP, SMA, SMK, D1, D2, D3, D4, S1, S2 or S3)",
    "EXPERIENCE_INVALID": "write a number of years from 0 to {max}",
    "LANGUAGE_FORMAT": "write a language as TEST:LEVEL, e.g. JLPT:N4, or {{\"test\": ..., \"level\": ...}}",
    "UNKNOWN_LANGUAGE_TEST": "unknown language test {test} (see `flask reference list languages`)",
    "UNKNOWN_LANGUAGE_LEVEL": "{test} has no level {level} (see `flask reference list languages`)",
    "CERTIFICATION_FORMAT": "write a certification as scheme|number|issued_on|expires_on|verified",
    "UNKNOWN_SCHEME": "unknown certification scheme {code} (see `flask reference list schemes`)",
    "CERTIFICATION_REPEATED": "the same scheme and number appear twice in this record",
    "UNKNOWN_COUNTRY": "{code} is not an ISO 3166 two-letter country code",
    "UNKNOWN_SECTOR": "unknown sector {code} (see `flask reference list sectors`)",
    "TOO_YOUNG_TO_REGISTER": "younger than {min_age} on the day of the import",
    "GUARDIAN_CONSENT_NEEDED": "under 18: a parent's or guardian's consent is needed (guardian_consent true)",
    "NIK_NOT_DIGITS": "a NIK has only digits",
    "NIK_LENGTH": "a NIK has 16 digits; this one has {length}",
    "NIK_PROVINCE_UNKNOWN": "a NIK starts with a province code; {code} is not one",
    "NIK_DATE_IMPOSSIBLE": "the birth date in this NIK ({digits}) is not a real date",
    "NIK_SERIAL_ZERO": "the last four digits of a NIK are never 0000",
    "NIK_BIRTH_DATE_MISMATCH": "NIK says born {nik_date}, the record says {entered}",
    "NIK_GENDER_MISMATCH": "the NIK is of a {nik_gender}, the record says {entered}",
    "REF_REPEATED": "the same ref is also on line {lines}",
    "NIK_REPEATED": "the same NIK is also on line {lines}, under another ref",
    "EMAIL_REPEATED": "the same e-mail is also on line {lines}, under another ref",
    "NIK_TAKEN": "a seeker with this NIK is already stored under ref {ref}",
    "EMAIL_TAKEN": "this e-mail already belongs to the seeker with ref {ref}",
    "REF_ERASED": "this seeker's data was erased at their request; it is not imported again",
    "NOT_UTF8": "not UTF-8 text (save the file as UTF-8)",
    "NOT_JSON": "not valid JSON",
    "NOT_OBJECT": "a record must be a JSON object, {{...}}",
    "JSON_ARRAY": "this is a JSON array, not JSON Lines: write one record per line",
    "NO_RECORDS": "the file holds no records",
    "CSV_DELIMITER": "separate the columns with commas; semicolons separate the items of a list",
    "COLUMN_REPEATED": "this column appears twice in the header",
    "COLUMN_MISSING": "the header has no such column, and every record needs it",
    "CSV_COLUMNS": "{found} cells, but the header has {expected} columns",
    "CELL_WITHOUT_COLUMN": "column {column} has no name in the header, but this row fills it",
    "CSV_BROKEN": "the CSV cannot be read from here on: {detail}",
}

# Taken by someone the import knows no ref for: a seeker who signed up, or staff.
WITHOUT_REF = {
    "NIK_TAKEN": "a seeker who signed up themself already has this NIK",
    "EMAIL_TAKEN": "an account with this e-mail already exists",
}
GENDER_WORDS = {"F": "woman (F)", "M": "man (M)"}


def problem_message(problem: Problem) -> str:
    """The sentence for one problem; an unknown code is printed as it is, never hidden."""
    data = dict(problem.data)
    if "lines" in data:
        data["lines"] = ", ".join(map(str, data["lines"]))
    if problem.code == "NIK_GENDER_MISMATCH":
        data = {key: GENDER_WORDS.get(value, value) for key, value in data.items()}
    if problem.code in WITHOUT_REF and data.get("ref") is None:
        return WITHOUT_REF[problem.code]
    template = MESSAGES.get(problem.code)
    return template.format(**data) if template else problem.code
