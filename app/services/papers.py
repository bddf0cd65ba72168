"""What certificates and documents share: scans, refusals, decisions, telling the seeker."""
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select, update

from app.domain.certificates import Problem
from app.domain.clock import utcnow
from app.domain.uploads import judge_upload
from app.extensions import db
from app.models import SeekerProfile, Upload, User
from app.services import audit
from app.services.audit import Actor
from app.services.notifications import notify
from app.services.uploads import UploadRefused, store_upload

# Where a seeker reads about their certificates and documents; a path, since mails are sent outside requests too.
PAPERS_LINK = "/seeker/papers"
REASON_MAX = 500


@dataclass(frozen=True)
class Scan:
    """An uploaded file as received: its bytes and the name the browser gave."""
    data: bytes
    filename: str


class PapersRefused(Exception):
    """What the seeker or coordinator entered was refused; `problems` say why, field by field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems


class AlreadyDecided(Exception):
    """The item is no longer waiting for review (another coordinator decided first)."""


def scan_problems(scan: Scan | None) -> list[Problem]:
    """Whether a scan would be accepted, judged before anything is stored so all problems show at once."""
    if scan is None or (not scan.data and not scan.filename):
        return [Problem("scan", "SCAN_REQUIRED")]
    verdict = judge_upload(scan.data, current_app.config["UPLOAD_MAX_BYTES"])
    return [Problem("scan", verdict.problem)] if verdict.problem else []


def store_scan(scan: Scan, owner: User | None) -> Upload:
    """Store a scan for its owner (the calling service commits)."""
    try:
        return store_upload(scan.data, scan.filename, owner)
    except UploadRefused as refused:
        raise PapersRefused([Problem("scan", refused.code)]) from refused


def clean_reason(reason: str | None) -> str:
    """A rejection needs a reason the seeker can act on."""
    cleaned = " ".join((reason or "").split())
    if not cleaned:
        raise PapersRefused([Problem("reason", "REASON_REQUIRED")])
    return cleaned[:REASON_MAX]


def claim_decision(model, row_id: int, status: str, reviewer_id: int | None, reason: str | None = None) -> None:
    """Move a pending row to `status` in one conditional UPDATE, so two coordinators cannot both decide it."""
    result = db.session.execute(
        update(model).where(model.id == row_id, model.status == "pending")
        .values(status=status, reviewed_by_id=reviewer_id, reviewed_at=utcnow(), rejection_reason=reason)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        raise AlreadyDecided()


def tell_seeker(seeker: SeekerProfile, kind: str, params: dict) -> None:
    """Notify a seeker who has an account (imported seekers may have none yet)."""
    if seeker.user is not None:
        notify(seeker.user, kind, params, link=PAPERS_LINK)


def own_upload(user_id: int, upload_id: int) -> Upload | None:
    """The file, only if this user uploaded it."""
    return db.session.scalar(select(Upload).where(Upload.id == upload_id, Upload.owner_id == user_id))


def upload_for_coordinator(upload_id: int, by: Actor) -> Upload | None:
    """A file a coordinator opens; reading someone's scan is a read of personal data, so it is audited."""
    upload = db.session.get(Upload, upload_id)
    if upload is not None:
        audit.record_now(by, "file_viewed", upload, owner_id=upload.owner_id)
    return upload
