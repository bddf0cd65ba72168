"""Small factories for the consent, export, erasure and seeker-search tests: openings, placements, papers."""
import itertools
from datetime import date

from app.extensions import db
from app.models import Certification, Document, Employer, Opening, Placement, PlacementEvent, SeekerProfile
from app.security.crypto import encrypt
from app.services.uploads import store_upload
from tests.factories import make_employer

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_counter = itertools.count(1)


def make_opening(employer: Employer | None = None, **overrides) -> Opening:
    n = next(_counter)
    fields = {"title": f"Welder {n}", "sector_code": "manufacturing", "city": "Osaka", "country_code": "JP",
              "employer_id": (employer or make_employer()).id}
    opening = Opening(**{**fields, **overrides})
    db.session.add(opening)
    db.session.commit()
    return opening


def make_placement(seeker: SeekerProfile, stage: str = "applied", opening: Opening | None = None,
                   reached: tuple[str, ...] = ()) -> Placement:
    """A placement at `stage`, with an event for each stage it passed through on the way."""
    placement = Placement(seeker_id=seeker.id, opening_id=(opening or make_opening()).id, stage=stage)
    previous = None
    for to_stage in (*reached, stage):
        placement.events.append(PlacementEvent(from_stage=previous, to_stage=to_stage, actor_label="test"))
        previous = to_stage
    db.session.add(placement)
    db.session.commit()
    return placement


def make_certification(seeker: SeekerProfile, scheme_code: str = "SKK-CPMI", status: str = "verified",
                       with_scan: bool = False, **overrides) -> Certification:
    fields = {"number": f"CERT-{next(_counter)}", "issued_on": date(2024, 1, 10), "issuer": "LSP Test"}
    cert = Certification(seeker_id=seeker.id, scheme_code=scheme_code, status=status, **{**fields, **overrides})
    if with_scan:
        cert.upload_id = _scan(seeker).id
    db.session.add(cert)
    db.session.commit()
    return cert


def make_document(seeker: SeekerProfile, kind: str = "passport", number: str | None = None,
                  with_scan: bool = True) -> Document:
    doc = Document(seeker_id=seeker.id, kind=kind, number_encrypted=encrypt(number) if number else None,
                   issued_on=date(2024, 3, 1), expires_on=date(2034, 3, 1))
    if with_scan:
        doc.upload_id = _scan(seeker).id
    db.session.add(doc)
    db.session.commit()
    return doc


def _scan(seeker: SeekerProfile):
    upload = store_upload(PDF, "scan.pdf", seeker.user)
    db.session.flush()
    return upload
