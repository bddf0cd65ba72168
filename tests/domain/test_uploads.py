"""Uploads are judged by their bytes: a PDF, JPEG or PNG of at most 5 MB, whole."""
import pytest

from app.domain.uploads import judge_upload

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40 + b"\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.mark.parametrize("data, content_type, problem", [
    (PDF, "application/pdf", None),
    (JPEG, "image/jpeg", None),
    (PNG, "image/png", None),
    (b"", None, "EMPTY"),
    (b"MZ\x90\x00 an executable", None, "NOT_ALLOWED_TYPE"),
    (b"<html><script>alert(1)</script></html>", None, "NOT_ALLOWED_TYPE"),
    (b"GIF89a" + b"\x00" * 20, None, "NOT_ALLOWED_TYPE"),
    (PDF[:-7], None, "DAMAGED"),              # cut off before its end
    (JPEG[:-2], None, "DAMAGED"),
    (PNG[:30], None, "DAMAGED"),
    (PDF + b"x" * (5 * 1024 * 1024), None, "TOO_LARGE"),
])
def test_uploads_are_judged_by_content(data, content_type, problem):
    verdict = judge_upload(data)
    assert (verdict.content_type, verdict.problem) == (content_type, problem)


def test_a_pdf_named_like_a_picture_is_still_a_pdf_and_a_script_named_pdf_is_refused():
    assert judge_upload(PDF).content_type == "application/pdf"
    assert judge_upload(b"#!/bin/sh\nrm -rf /\n").problem == "NOT_ALLOWED_TYPE"


def test_exactly_5_mb_is_accepted():
    body = PDF[:-6]  # without its closing "%%EOF\n"
    data = body + b" " * (5 * 1024 * 1024 - len(body) - 6) + b"%%EOF\n"
    assert len(data) == 5 * 1024 * 1024
    assert judge_upload(data).problem is None
