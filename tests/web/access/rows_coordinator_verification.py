"""Rows for the coordinator's verification queues; seeker A's certificate and document wait for review."""
from datetime import date

from app.extensions import db
from app.models import Certification, Document
from app.services.uploads import store_upload
from tests.web.access import only

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ROWS = {
    "coordinator.verification": ("GET", "/coordinator/verification", only("coordinator")),
    "coordinator.certification_review": ("GET", "/coordinator/verification/certifications/{review_cert}",
                                         only("coordinator")),
    # Sent empty: a rejection without a reason shows the page again; a verification goes on to the next item.
    "coordinator.reject_certification": ("POST", "/coordinator/verification/certifications/{review_cert}/reject",
                                         only("coordinator")),
    "coordinator.verify_certification": ("POST", "/coordinator/verification/certifications/{review_cert}/verify",
                                         only("coordinator", status=302)),
    "coordinator.document_review": ("GET", "/coordinator/verification/documents/{review_doc}",
                                    only("coordinator")),
    "coordinator.reject_document": ("POST", "/coordinator/verification/documents/{review_doc}/reject",
                                    only("coordinator")),
    "coordinator.verify_document": ("POST", "/coordinator/verification/documents/{review_doc}/verify",
                                    only("coordinator", status=302)),
    "coordinator.file": ("GET", "/coordinator/files/{review_upload}", only("coordinator")),
}


def build(world):
    """A pending certificate and a pending marital status letter of seeker A, each with a scan."""
    owner = world.users["seeker"]
    cert_scan, doc_scan = store_upload(PDF, "cert.pdf", owner), store_upload(PDF, "letter.pdf", owner)
    db.session.flush()
    cert = Certification(seeker_id=owner.seeker.id, scheme_code="BST", number="REVIEW-1",
                         issued_on=date(2024, 1, 1), upload_id=cert_scan.id)
    doc = Document(seeker_id=owner.seeker.id, kind="marital_status", issued_on=date(2025, 1, 1),
                   upload_id=doc_scan.id)
    db.session.add_all([cert, doc])
    db.session.commit()
    world.ids.update(review_cert=cert.id, review_doc=doc.id, review_upload=cert_scan.id)
