"""Words for the domain's codes: the only place a refusal code becomes a sentence."""
from flask_babel import lazy_gettext as _l

PROBLEMS = {
    "NIK_NOT_DIGITS": _l("A NIK has only digits."),
    "NIK_LENGTH": _l("A NIK has 16 digits; this one has %(length)s."),
    "NIK_PROVINCE_UNKNOWN": _l("A NIK starts with a province code; %(code)s is not one."),
    "NIK_DATE_IMPOSSIBLE": _l("The birth date in this NIK (%(digits)s) is not a real date."),
    "NIK_SERIAL_ZERO": _l("The last four digits of a NIK are never 0000."),
    "NIK_BIRTH_DATE_MISMATCH": _l("NIK says born %(nik_date)s, you entered %(entered)s."),
    "NIK_GENDER_MISMATCH": _l("The NIK is of a %(nik_gender)s, but you chose %(entered)s."),
    "NIK_TAKEN": _l("An account with this NIK already exists. Log in, or reset your password."),
    "EMAIL_TAKEN": _l("An account with this e-mail already exists."),
    "TOO_YOUNG_TO_REGISTER": _l("You can register from age %(min_age)s."),
    "GUARDIAN_CONSENT_NEEDED": _l("Under 18, a parent or guardian must agree as well."),
    "UNKNOWN_KELURAHAN": _l("Choose a kelurahan from the list."),
    "PLACE_REQUIRED": _l("Choose where you live."),
    "PHONE_INVALID": _l("This is not a valid phone number."),
    "CONSENT_REQUIRED": _l("We need this consent to match you."),
    "UNKNOWN_PARTNER_CITY": _l("Choose a partner city from the list."),
}

GENDER_WORDS = {"F": _l("woman"), "M": _l("man")}

ACCOUNT_ERRORS = {
    "bad_credentials": _l("The e-mail/NIK or the password is not right."),
    "disabled": _l("This account is disabled. Contact Disnaker."),
    "wrong_current_password": _l("Your current password is not right."),
    "bad_token": _l("This reset link is not valid any more. Ask for a new one."),
    "email_taken": _l("An account with this e-mail already exists."),
}


def problem_message(code: str, data: dict) -> str:
    words = dict(data)
    for key in ("nik_gender", "entered"):
        if words.get(key) in GENDER_WORDS:
            words[key] = str(GENDER_WORDS[words[key]])
    template = PROBLEMS.get(code)
    return str(template) % words if template else code


def attach_problems(form, problems) -> None:
    """Put each problem under its form field (or the form) so the user sees it beside what they typed."""
    for problem in problems:
        field = getattr(form, problem.field, None)
        message = problem_message(problem.code, problem.data)
        if field is not None:
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
