"""Form filters for free text typed by the public."""
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(value):
    """Text as typed, minus control characters (PostgreSQL cannot even store NUL); line breaks and tabs stay."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value
