"""Rows for the seeker's certificates and documents: seeker A owns a pending certificate and a document."""
from datetime import date

from app.extensions import db
from app.models import Certification, Document
from app.services.uploads import store_upload
from tests.web.access import only, owned_by

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ROWS = {
    "seeker.papers": ("GET", "/seeker/papers", only("seeker")),
    "seeker.certification_new": ("GET", "/seeker/papers/certifications/new", only("seeker")),
    "seeker.certification_delete": ("POST", "/seeker/papers/certifications/{papers_cert}/delete",
                                    owned_by("seeker", status=302)),
    "seeker.document_edit": ("GET", "/seeker/papers/documents/passport", only("seeker")),
    "seeker.file": ("GET", "/seeker/files/{papers_doc_upload}", owned_by("seeker")),
}


def build(world):
    """Seeker A gets a pending certificate and a pending health certificate, each with a scan."""
    owner = world.users["seeker"]
    cert_scan, doc_scan = store_upload(PDF, "cert.pdf", owner), store_upload(PDF, "health.pdf", owner)
    db.session.flush()
    cert = Certification(seeker_id=owner.seeker.id, scheme_code="SKK-CPMI", number="ACCESS-1",
                         issued_on=date(2024, 1, 1), upload_id=cert_scan.id)
    doc = Document(seeker_id=owner.seeker.id, kind="health_certificate", issued_on=date(2025, 1, 1),
                   upload_id=doc_scan.id)
    db.session.add_all([cert, doc])
    db.session.commit()
    world.ids.update(papers_cert=cert.id, papers_doc_upload=doc_scan.id)
