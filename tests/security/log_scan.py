"""Looking for personal data and secrets in log text."""


def find_sensitive(text: str, values) -> list[str]:
    """The sensitive values that appear in the text (masked in the answer, so a failure does not leak them)."""
    found = []
    for value in values:
        if value and len(value) >= 6 and value in text:
            found.append(value[:2] + "…" + value[-2:])
    return sorted(found)
