"""Files people upload: checked by content, stored outside the web root under random names."""
import hashlib
import secrets
from pathlib import Path

from flask import current_app

from app.domain.uploads import judge_upload
from app.extensions import db
from app.models import Upload, User


class UploadRefused(Exception):
    """`code` is EMPTY, TOO_LARGE, NOT_ALLOWED_TYPE or DAMAGED; the web layer words it."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _path(storage_key: str) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / storage_key[:2] / storage_key


def store_upload(data: bytes, original_name: str, owner: User | None) -> Upload:
    """Check and store a file; adds the Upload row to the session (the calling service commits)."""
    verdict = judge_upload(data, current_app.config["UPLOAD_MAX_BYTES"])
    if verdict.problem:
        raise UploadRefused(verdict.problem)
    key = secrets.token_hex(24)
    path = _path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)
    upload = Upload(storage_key=key, owner_id=owner.id if owner else None,
                    original_name=Path(original_name or "file").name[:200], content_type=verdict.content_type,
                    size=len(data), sha256=hashlib.sha256(data).hexdigest())
    db.session.add(upload)
    return upload


def read_upload(upload: Upload) -> bytes:
    return _path(upload.storage_key).read_bytes()


def delete_upload(upload: Upload) -> None:
    """Remove the file and its row (the calling service commits); a file already gone is fine."""
    _path(upload.storage_key).unlink(missing_ok=True)
    db.session.delete(upload)


def download_name(upload: Upload) -> str:
    """A safe name to offer the browser: the extension follows the proven content, not the upload."""
    stem = Path(upload.original_name).stem[:80] or "file"
    extension = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[upload.content_type]
    return "".join(ch for ch in stem if ch.isalnum() or ch in "-_ ") + extension
