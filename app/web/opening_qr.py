"""The QR code of an approved opening: it opens the opening's public page, for printing on every offer."""
from io import BytesIO

import segno
from flask import Response, url_for

KINDS = {"svg": "image/svg+xml", "png": "image/png"}


def public_url(code: str) -> str:
    return url_for("public.opening", code=code, _external=True)


def qr_response(code: str, kind: str = "svg", download: bool = False) -> Response:
    """The QR as an SVG (crisp at any print size) or a PNG (for word processors), never cached stale."""
    kind = kind if kind in KINDS else "svg"
    buffer = BytesIO()
    # Error level M still reads when a printed offer is creased or stained.
    qr = segno.make(public_url(code), error="m")
    if kind == "svg":
        qr.save(buffer, kind="svg", scale=8, border=4, light="#fff", title=code)
    else:
        qr.save(buffer, kind="png", scale=10, border=4)
    response = Response(buffer.getvalue(), mimetype=KINDS[kind])
    response.headers["Cache-Control"] = "public, max-age=3600"
    if download:
        response.headers["Content-Disposition"] = f'attachment; filename="{code}.{kind}"'
    return response
