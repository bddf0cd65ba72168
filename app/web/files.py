"""Sending stored uploads: always as an attachment with its proven type, never executed or inlined.

Talisman writes the app-wide CSP after the view, so a route that sends files must also carry
`@talisman(content_security_policy=FILE_CSP)` for the sandbox policy to reach the browser.
"""
import io

from flask import send_file

from app.models import Upload
from app.services.uploads import download_name, read_upload

FILE_CSP = "sandbox; default-src 'none'"


def send_upload(upload: Upload):
    response = send_file(io.BytesIO(read_upload(upload)), mimetype=upload.content_type, as_attachment=True,
                         download_name=download_name(upload), max_age=0)
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "no-store"
    return response
