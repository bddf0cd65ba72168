"""Factories for the pre-departure checklist tests: a signed placement, the seeker's verified papers, and
every item cleared the real way (through the service)."""
from datetime import date

from app.domain.clock import utcnow
from app.domain.predeparture import SEEKER_HELD, Terms
from app.extensions import db
from app.models import Document, Opening, Placement, SeekerProfile, User
from app.services import predeparture
from app.services.audit import Actor
from app.services.papers import Scan
from tests.factories import make_user
from tests.services.helpers_applications import make_opening, make_placement, seeker_user
from tests.services.helpers_papers import PDF, make_document

SCAN = Scan(PDF, "signed.pdf")


def signed_placement(stage: str = "contract_signed", **opening_overrides) -> Placement:
    """A seeker with an account, placed on an approved opening (start in 90 days, 24 months) at `stage`."""
    user = seeker_user()
    return make_placement(user.seeker, make_opening(**opening_overrides), stage)


def far_expiry(opening: Opening) -> date:
    return date(opening.start_date.year + 5, 1, 1)


def verified_paper(seeker: SeekerProfile, kind: str, reviewer: User | None = None, **overrides) -> Document:
    """A seeker's own paper, already verified on the Verification page."""
    fields = {"status": "verified", "reviewed_at": utcnow(), "reviewed_by_id": reviewer.id if reviewer else None}
    return make_document(seeker, kind, **{**fields, **overrides})


def matching_terms(opening: Opening, **changes) -> Terms:
    fields = {"job_title": opening.title, "monthly_wage": opening.monthly_wage, "currency": opening.currency,
              "hours_per_week": opening.hours_per_week, "contract_months": opening.contract_months}
    return Terms(**{**fields, **changes})


def clear_every_item(placement: Placement, coordinator: User, skip: tuple[str, ...] = ()) -> None:
    """Verify each item as a coordinator would: attach the seeker's papers, upload the placement's."""
    by, opening = Actor.for_user(coordinator), placement.opening
    for kind in SEEKER_HELD:
        if kind in skip:
            continue
        expires = far_expiry(opening) if kind == "passport" else None
        paper = verified_paper(placement.seeker, kind, coordinator, expires_on=expires)
        predeparture.attach_paper(placement, kind, paper.id, by)
    uploads = {
        "employment_contract": predeparture.PlacementPaper(SCAN, terms=matching_terms(opening)),
        "placement_agreement": predeparture.PlacementPaper(SCAN),
        "work_visa": predeparture.PlacementPaper(SCAN, visa_type="work", valid_until=opening.start_date),
    }
    for kind, paper in uploads.items():
        if kind not in skip:
            predeparture.record_placement_paper(placement, kind, paper, by)


def coordinator() -> User:
    user = make_user("coordinator")
    db.session.refresh(user)
    return user
