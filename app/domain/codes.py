"""Public verification codes for approved openings: short, unambiguous, hard to guess."""
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read aloud and typed from printed offers.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
PREFIX = "JBT"


def new_opening_code(random_choice=secrets.choice) -> str:
    """`JBT-7K3Q-9M2X`-shaped: 8 symbols of a 25-letter alphabet, about 37 bits of chance."""
    symbols = "".join(random_choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def normalise_code(raw: str) -> str:
    """What a person typed, as stored: upper case, with the hyphens where they belong; "" if malformed."""
    cleaned = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):]
    return f"{PREFIX}-{cleaned[:4]}-{cleaned[4:8]}" if len(cleaned) == 8 else ""
