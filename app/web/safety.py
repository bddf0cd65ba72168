"""Small request-safety helpers shared by every audience."""
from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """A local path to go back to, or None: never another site (open redirects help phishing)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
