"""The Disnaker office's contact as configured (README: DISNAKER_*, KP2MI_HOTLINE); no number is ever made up."""
from flask import current_app

CONTACT_KEYS = ("DISNAKER_ADDRESS", "DISNAKER_PHONE", "DISNAKER_EMAIL", "DISNAKER_HOURS", "KP2MI_HOTLINE")


def office_contact() -> dict:
    """The configured office details, only those that are set; templates test each key."""
    return {key: value for key in CONTACT_KEYS if (value := current_app.config.get(key))}
