"""Which files we accept, judged by their bytes, never by their name."""
from dataclasses import dataclass

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_TYPES = ("application/pdf", "image/jpeg", "image/png")


@dataclass(frozen=True)
class UploadVerdict:
    content_type: str | None
    problem: str | None  # EMPTY, TOO_LARGE, NOT_ALLOWED_TYPE, DAMAGED


def sniff(head: bytes, tail: bytes) -> str | None:
    """The content type the bytes prove, from the file's start and end; None if none we accept."""
    if head.startswith(b"%PDF-") and b"%%EOF" in tail:
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff") and tail.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR" and b"IEND" in tail:
        return "image/png"
    return None


def judge_upload(data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> UploadVerdict:
    if not data:
        return UploadVerdict(None, "EMPTY")
    if len(data) > max_bytes:
        return UploadVerdict(None, "TOO_LARGE")
    content_type = sniff(data[:32], data[-1024:])
    if content_type is None:
        looks_known = data.startswith((b"%PDF-", b"\xff\xd8\xff", b"\x89PNG"))
        return UploadVerdict(None, "DAMAGED" if looks_known else "NOT_ALLOWED_TYPE")
    return UploadVerdict(content_type, None)
