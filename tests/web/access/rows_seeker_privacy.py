"""Rows for the seeker's data-rights pages: consents, export, erasure request (all on their own profile)."""
from tests.web.access import only

ROWS = {
    "seeker.privacy": ("GET", "/seeker/privacy", only("seeker")),
    # No form data: nothing changes, the seeker is sent back to the page with a message.
    "seeker.privacy_consent": ("POST", "/seeker/privacy/consent", only("seeker", status=302)),
    "seeker.privacy_export": ("GET", "/seeker/privacy/export", only("seeker")),
    # Box not ticked: the page comes back with the error beside it; no request is filed.
    "seeker.privacy_erase": ("POST", "/seeker/privacy/erase", only("seeker")),
}
