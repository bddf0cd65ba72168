"""Coordinators' seeker search: each filter, whole-NIK look-up, pages of 25, erased seekers left out, reads audited."""
from datetime import date

import pytest
from sqlalchemy import select

from app.models import AuditEntry
from app.services import seeker_search
from app.services.audit import Actor
from app.services.seeker_search import SeekerQuery
from tests.factories import make_seeker_profile, make_user, nik_for
from tests.services.helpers_privacy import make_certification, make_placement

TODAY = date(2025, 6, 1)


@pytest.fixture
def coordinator(db):
    return Actor.for_user(make_user("coordinator"))


@pytest.fixture
def people(db):
    """Four seekers who differ in one way each."""
    siti = make_seeker_profile(full_name="Siti Rahmawati", gender="F", birth_date=date(2001, 8, 9),
                               nik=nik_for(date(2001, 8, 9), "F", 1), education_code="SMK")
    budi = make_seeker_profile(full_name="Budi Santoso", kelurahan_code="19.71.01.1006", education_code="SMA")
    rahmat = make_seeker_profile(full_name="Rahmat Hidayat", education_code="SMK")
    dewi = make_seeker_profile(full_name="Dewi 100%_Lestari", gender="F", birth_date=date(1999, 1, 2))
    make_certification(siti, "SKK-CPMI", "verified")
    make_certification(siti, "LSP-CAREGIVER", "verified")
    make_certification(budi, "LSP-CAREGIVER", "pending")
    make_certification(rahmat, "SKK-CPMI", "rejected")
    return {"siti": siti, "budi": budi, "rahmat": rahmat, "dewi": dewi}


def names(page) -> list[str]:
    return [row.full_name for row in page.rows]


@pytest.mark.parametrize("query, expected", [
    (SeekerQuery(), ["Budi Santoso", "Dewi 100%_Lestari", "Rahmat Hidayat", "Siti Rahmawati"]),
    (SeekerQuery(name="RAHMA"), ["Rahmat Hidayat", "Siti Rahmawati"]),
    (SeekerQuery(name="  santoso "), ["Budi Santoso"]),
    (SeekerQuery(name="%"), ["Dewi 100%_Lestari"]),      # a wildcard is searched as itself
    (SeekerQuery(name="_"), ["Dewi 100%_Lestari"]),
    (SeekerQuery(kelurahan_code="19.71.01.1006"), ["Budi Santoso"]),
    (SeekerQuery(education_code="SMK"), ["Rahmat Hidayat", "Siti Rahmawati"]),
    (SeekerQuery(scheme_code="LSP-CAREGIVER"), ["Budi Santoso", "Siti Rahmawati"]),
    (SeekerQuery(certification_status="rejected"), ["Rahmat Hidayat"]),
    (SeekerQuery(scheme_code="LSP-CAREGIVER", certification_status="verified"), ["Siti Rahmawati"]),
    (SeekerQuery(scheme_code="SKK-CPMI", certification_status="pending"), []),
    (SeekerQuery(name="rahma", education_code="SMK", kelurahan_code="19.71.01.1006"), []),
])
def test_each_filter_narrows_the_list(db, people, coordinator, query, expected):
    assert names(seeker_search.search_seekers(query, coordinator, TODAY)) == expected


def test_a_whole_nik_finds_its_seeker_however_it_is_typed(db, people, coordinator):
    nik = nik_for(date(2001, 8, 9), "F", 1)
    spaced = f"{nik[:6]} {nik[6:12]} {nik[12:]}"
    found = seeker_search.search_seekers(SeekerQuery(nik=spaced), coordinator, TODAY)
    assert names(found) == ["Siti Rahmawati"]


def test_rows_show_a_masked_nik_age_kelurahan_and_verified_certificates(db, people, coordinator):
    row = seeker_search.search_seekers(SeekerQuery(name="siti"), coordinator, TODAY).rows[0]
    nik = nik_for(date(2001, 8, 9), "F", 1)
    assert row.masked_nik == nik[:4] + "********" + nik[-4:]
    assert (row.age, row.kelurahan, row.education_code, row.verified_certifications) == (
        23, "Semabung Lama", "SMK", 2)


def test_results_come_25_to_a_page(db, coordinator):
    for n in range(30):
        make_seeker_profile(full_name=f"Seeker {n:02d}")
    first = seeker_search.search_seekers(SeekerQuery(), coordinator, TODAY)
    second = seeker_search.search_seekers(SeekerQuery(page=2), coordinator, TODAY)
    beyond = seeker_search.search_seekers(SeekerQuery(page=9), coordinator, TODAY)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (30, 2, 25, 5)
    assert names(second)[0] == "Seeker 25" and beyond.page == 2


def test_erased_seekers_are_not_found(db, people, coordinator):
    people["budi"].erased_at = TODAY
    db.session.commit()
    assert "Budi Santoso" not in names(seeker_search.search_seekers(SeekerQuery(), coordinator, TODAY))
    assert seeker_search.seeker_record(people["budi"].id, coordinator) is None


def test_a_search_is_audited_with_the_filters_used_and_the_seekers_shown_but_no_name_or_nik(db, people,
                                                                                            coordinator):
    nik = nik_for(date(2001, 8, 9), "F", 1)
    seeker_search.search_seekers(SeekerQuery(name="Siti", nik=nik, education_code="SMK"), coordinator, TODAY)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seekers_searched"))
    assert entry.actor_id == coordinator.user_id and entry.details["shown"] == [people["siti"].id]
    assert entry.details["name"] is True and entry.details["nik"] is True and entry.details["education"] == "SMK"
    assert "Siti" not in str(entry.details) and nik not in str(entry.details)


def test_the_record_has_the_whole_nik_and_everything_attached_and_its_reading_is_audited(db, people,
                                                                                         coordinator):
    siti = people["siti"]
    make_placement(siti, "shortlisted")
    record = seeker_search.seeker_record(siti.id, coordinator, TODAY)
    assert record.nik == nik_for(date(2001, 8, 9), "F", 1) and record.age == 23
    assert len(record.profile.certifications) == 2 and [p.stage for p in record.placements] == ["shortlisted"]
    assert record.consents["matching"].is_given
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_viewed"))
    assert (entry.object_type, entry.object_id, entry.actor_id) == ("seekers", str(siti.id), coordinator.user_id)


def test_an_unknown_seeker_has_no_record_and_nothing_is_audited(db, coordinator):
    assert seeker_search.seeker_record(123456, coordinator) is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seeker_viewed")) is None
