"""Phone numbers, validated and normalised to E.164 with Google's libphonenumber rules."""
import phonenumbers


def normalise_phone(raw: str, default_region: str = "ID") -> str | None:
    """E.164 for a valid number (`0812…` counts as Indonesian); None when it is not a valid number."""
    try:
        number = phonenumbers.parse((raw or "").strip(), default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
