"""Rows for Cek Tawaran: the public checker and its report form, and the coordinators' reported offers."""
from app.extensions import db
from app.models import OfferReport
from tests.web.access import everyone, only

ROWS = {
    "public.offer_check": ("GET", "/cek-tawaran", everyone(200)),
    # Nothing sent: refused and nothing kept, whoever asks.
    "public.offer_report": ("POST", "/cek-tawaran/laporkan", everyone(400)),
    "coordinator.offer_reports": ("GET", "/coordinator/offer-reports", only("coordinator")),
    "coordinator.offer_report": ("GET", "/coordinator/offer-reports/{offer_report_id}", only("coordinator")),
    # Without a note the report stays open: the coordinator is sent back to it.
    "coordinator.offer_report_handle": ("POST", "/coordinator/offer-reports/{offer_report_id}/handle",
                                        only("coordinator", status=302)),
}


def build(world):
    """A red report with the reporter's contact."""
    report = OfferReport(reference="CT-ACCESS", text="Kerja di Myawaddy, gaji 20jt", fields={}, verdict="red",
                         reasons=[{"code": "TRANSIT_ROUTE", "severity": "red", "data": {"places": ["Myawaddy"]}}],
                         contact="0812 0000 1111", kelurahan_code="19.71.01.1004")
    db.session.add(report)
    db.session.commit()
    world.ids["offer_report_id"] = report.id
