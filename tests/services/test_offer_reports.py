"""Cek Tawaran's services: checking against the register, keeping reports, counting them by kelurahan,
and their handling by coordinators; every step that touches personal data is audited."""
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.domain.clock import utcnow
from app.domain.offer_check import Offer
from app.extensions import db as _db
from app.models import AuditEntry, OfferReport
from app.services import offer_checks, offer_report_queries, offer_reports
from app.services.audit import Actor
from app.services.catalogue import local_today
from tests.factories import make_employer
from tests.services.helpers_openings import make_opening

BUKIT_INTAN = "19.71.01.1004"
MYANMAR = Offer("Dicari admin online gaji 20jt, berangkat via Bangkok lalu ke Myawaddy", country="TH")


def report(offer=MYANMAR, contact=None, kelurahan=BUKIT_INTAN, address="10.1.2.3"):
    return offer_reports.report_offer(offer, offer_checks.check(offer), contact, kelurahan, address)


def audits(action: str) -> list[AuditEntry]:
    return list(_db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@pytest.fixture
def coordinator(make_user):
    user = make_user("coordinator")
    return Actor.for_user(user, "10.9.9.9")


# --- checking against the register ----------------------------------------------------------------------


def test_a_real_code_is_looked_up_with_its_opening(db):
    opening = make_opening(make_employer(legal_name="Sakura Care Co., Ltd."), status="approved", city="Toyama",
                           sector_code="care", worker_costs_idr=Decimal(0))
    found = offer_checks.lookup_code(opening.code.lower().replace("-", " "), local_today())
    assert (found.state, found.code, found.employer, found.country, found.city, found.currency) == (
        "approved", opening.code, "Sakura Care Co., Ltd.", "JP", "Toyama", "JPY")


@pytest.mark.parametrize("change, state", [
    ({"status": "closed", "closed_reason": "manual"}, "not_current"),
    ({"status": "changes_requested"}, "not_current"),
])
def test_a_code_of_an_opening_not_open_is_not_current(db, change, state):
    opening = make_opening(make_employer(), status="approved")
    for name, value in change.items():
        setattr(opening, name, value)
    db.session.commit()
    assert offer_checks.lookup_code(opening.code, local_today()).state == state


def test_a_code_past_its_deadline_is_not_current(db):
    opening = make_opening(make_employer(), status="approved")
    assert offer_checks.lookup_code(opening.code, opening.deadline + timedelta(days=1)).state == "not_current"


@pytest.mark.parametrize("typed, state", [("JBT-3333-4444", "unknown"), ("JBT-12", "malformed"), ("", None)])
def test_unknown_and_malformed_codes(db, typed, state):
    found = offer_checks.lookup_code(typed, local_today())
    assert (found.state if found else None) == state


def test_an_offer_carrying_the_code_of_an_approved_opening_is_green(db):
    opening = make_opening(make_employer(legal_name="Sakura Care Co., Ltd."), status="approved", city="Toyama",
                           sector_code="care", monthly_wage=Decimal(180000), currency="JPY")
    offer = Offer(f"Care worker di Toyama, Jepang. Kode {opening.code}. Gaji 180.000 yen.", employer="Sakura Care")
    verdict = offer_checks.check(offer)
    assert (verdict.colour, verdict.codes()) == ("green", ["CODE_VALID"])


def test_the_destination_rules_in_the_database_decide(db):
    verdict = offer_checks.check(Offer("Kerja pabrik, lokasi di Myanmar"))
    assert verdict.colour == "red" and "DESTINATION_BLOCKED" in verdict.codes()


def test_the_register_gives_the_highest_approved_wage_per_country_sector_and_currency(db):
    employer = make_employer()
    make_opening(employer, status="approved", monthly_wage=Decimal(200000))
    make_opening(employer, status="approved", monthly_wage=Decimal(260000))
    make_opening(employer, status="draft", monthly_wage=Decimal(900000))
    norms = offer_checks.register_norms()
    assert [(n.country, n.sector, n.currency, n.monthly, n.source) for n in norms] == [
        ("JP", "manufacturing", "JPY", Decimal(260000), "openings")]


def test_checking_keeps_nothing(db):
    offer_checks.check(MYANMAR)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 0
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


# --- reports ----------------------------------------------------------------------------------------


def test_a_report_keeps_the_offer_its_verdict_and_what_the_reporter_gave(db):
    receipt = report(contact="0812 3456 7890")
    stored = db.session.get(OfferReport, receipt.report.id)
    assert re.fullmatch(r"CT-[34679ACDEFGHJKMNPQRTUVWXY]{6}", stored.reference)
    assert (stored.text, stored.fields, stored.verdict, stored.contact, stored.kelurahan_code) == (
        MYANMAR.text, {"country": "TH"}, "red", "0812 3456 7890", BUKIT_INTAN)
    assert {r["code"] for r in stored.reasons} >= {"DESTINATION_BLOCKED", "TRANSIT_ROUTE", "SCAM_PATTERN"}
    assert stored.handled_at is None and not receipt.repeated


def test_the_audit_row_of_a_report_holds_a_fingerprint_not_the_offer_or_the_contact(db):
    report(contact="0812 3456 7890")
    entry = audits("offer_reported")[0]
    assert (entry.actor_label, entry.remote_addr, entry.details["has_contact"]) == ("anonymous", "10.1.2.3", True)
    assert "0812" not in str(entry.details) and "Myawaddy" not in str(entry.details)
    assert entry.details["fingerprint"] == offer_reports.fingerprint(MYANMAR)


def test_an_empty_contact_is_not_kept(db):
    assert report(contact="   ").report.contact is None


def test_the_same_offer_from_the_same_address_within_an_hour_counts_once(db):
    first, again = report(), report(contact="someone@example.com")
    assert (again.report.id, again.repeated) == (first.report.id, True)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 1


def test_the_same_offer_from_another_address_or_after_an_hour_is_a_new_report(db, monkeypatch):
    first = report()
    assert report(address="10.1.2.4").report.id != first.report.id
    later = utcnow() + timedelta(minutes=61)
    monkeypatch.setattr(offer_reports, "utcnow", lambda: later)
    assert report().report.id not in (first.report.id,)
    assert db.session.scalar(select(func.count(OfferReport.id))) == 3


def test_a_different_offer_from_the_same_address_is_a_new_report(db):
    first = report()
    other = report(Offer("Kerja di Kamboja bebas visa"))
    assert other.report.id != first.report.id and not other.repeated


def test_an_unknown_kelurahan_is_refused(db):
    with pytest.raises(offer_reports.ReportRefused) as refused:
        report(kelurahan="19.71.99.9999")
    assert refused.value.code == "UNKNOWN_KELURAHAN"


def test_references_are_never_reused(db, monkeypatch):
    taken = report().report.reference
    offered = iter([taken, "CT-7K3M9Q"])
    monkeypatch.setattr(offer_reports, "new_reference", lambda: next(offered))
    assert report(Offer("Kerja di Laos")).report.reference == "CT-7K3M9Q"


def test_new_references_use_the_unambiguous_alphabet():
    symbols = iter("7K3M9Q")
    assert offer_reports.new_reference(lambda alphabet: next(symbols)) == "CT-7K3M9Q"


# --- coordinators -----------------------------------------------------------------------------------


def test_reading_a_reporters_contact_is_audited(db, coordinator):
    with_contact, without = report(contact="0812 3456 7890").report, report(Offer("Kerja di Laos")).report
    offer_reports.report_by_id(with_contact.id, coordinator)
    offer_reports.report_by_id(without.id, coordinator)
    entries = audits("offer_report_contact_viewed")
    assert [(e.object_id, e.actor_id, e.details["reference"]) for e in entries] == [
        (str(with_contact.id), coordinator.user_id, with_contact.reference)]


def test_marking_handled_records_who_when_and_how_once(db, coordinator):
    stored = report().report
    assert offer_reports.mark_handled(stored, "  Warned the lurah of Bukit Intan.  ", coordinator) is True
    assert offer_reports.mark_handled(stored, "Again", coordinator) is False
    stored = db.session.get(OfferReport, stored.id)
    assert (stored.handled_by_id, stored.handling_note) == (coordinator.user_id, "Warned the lurah of Bukit Intan.")
    assert stored.handled_at is not None
    assert [e.details["reference"] for e in audits("offer_report_handled")] == [stored.reference]


def test_a_report_is_not_handled_without_a_note(db, coordinator):
    stored = report().report
    with pytest.raises(offer_reports.ReportRefused):
        offer_reports.mark_handled(stored, "   ", coordinator)
    assert db.session.get(OfferReport, stored.id).handled_at is None


def _stored(verdict, kelurahan, days_ago=0, handled=False):
    created = utcnow() - timedelta(days=days_ago)
    row = OfferReport(reference=offer_reports.new_reference(), text="x", fields={}, verdict=verdict, reasons=[],
                      kelurahan_code=kelurahan, created_at=created, handled_at=created if handled else None)
    _db.session.add(row)
    _db.session.commit()
    return row


def test_counts_by_kelurahan_split_the_last_30_days_from_all_time(db):
    for verdict, kelurahan, days_ago, handled in [
            ("red", BUKIT_INTAN, 1, False), ("red", BUKIT_INTAN, 45, True), ("amber", BUKIT_INTAN, 3, False),
            ("red", "19.71.02.1001", 2, False), ("green", None, 5, False)]:
        _stored(verdict, kelurahan, days_ago, handled)
    rows = {row.code: row for row in offer_report_queries.by_kelurahan()}
    bukit = rows[BUKIT_INTAN]
    assert (bukit.recent.red, bukit.recent.amber, bukit.recent.total) == (1, 1, 2)
    assert (bukit.all_time.red, bukit.all_time.total, bukit.open) == (2, 3, 2)
    assert rows[None].all_time.green == 1
    ordered = [row.code for row in offer_report_queries.by_kelurahan()]
    assert ordered[0] == BUKIT_INTAN and ordered[-1] is None
    sums = offer_report_queries.totals(list(rows.values()))
    assert (sums.recent.total, sums.all_time.total, sums.all_time.red, sums.open) == (4, 5, 3, 4)


def test_the_list_filters_by_kelurahan_verdict_and_handling(db):
    red_open = _stored("red", BUKIT_INTAN)
    red_done = _stored("red", BUKIT_INTAN, handled=True)
    amber_nowhere = _stored("amber", None)
    Filters = offer_report_queries.Filters

    def ids(**filters):
        found, total = offer_report_queries.reports(Filters(**filters))
        assert total == len(found)
        return {r.id for r in found}
    assert ids() == {red_open.id, amber_nowhere.id}  # open ones by default
    assert ids(handling="handled") == {red_done.id}
    assert ids(handling="all", verdict="red") == {red_open.id, red_done.id}
    assert ids(handling="all", kelurahan="none") == {amber_nowhere.id}
    assert ids(handling="all", kelurahan=BUKIT_INTAN, verdict="amber") == set()


def test_the_list_shows_the_newest_and_says_how_many_match(db):
    rows = [_stored("red", None, days_ago=n) for n in range(4)]
    found, total = offer_report_queries.reports(offer_report_queries.Filters(), limit=2)
    assert total == 4 and [r.id for r in found] == [rows[0].id, rows[1].id]
