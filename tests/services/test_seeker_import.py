"""Bulk import of seekers: every record checked first, then all written in one transaction, or none."""
import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import (
    AuditEntry,
    Certification,
    Consent,
    LanguageLevel,
    PreferredCountry,
    PreferredSector,
    SeekerChange,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
    User,
)
from app.security.crypto import decrypt, keyed_hash
from app.services.audit import Actor
from app.services.seeker_import import import_seekers
from tests.factories import make_seeker_profile, make_user, nik_for
from tests.services.helpers_seeker_import import seeker_row, write_csv, write_jsonl, years_ago

ACTOR = Actor.command_line("seekers import test")


def run(path, fmt="jsonl", **kwargs):
    return import_seekers(path, fmt, ACTOR, **kwargs)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def seeker(db, ref: str) -> SeekerProfile:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.ref == ref))


def problems(report) -> list[tuple[int, str, str]]:
    return [(p.line, p.problem.field, p.problem.code) for p in report.problems]


def test_a_new_ref_creates_a_seeker_with_everything_in_the_record(db, tmp_path):
    row = seeker_row(1)
    report = run(write_jsonl(tmp_path / "s.jsonl", [row]))
    assert (report.imported, report.created, report.updated, report.skipped) == (True, 1, 0, 0)
    profile = seeker(db, "DN-0001")
    assert decrypt(profile.nik_encrypted) == row["nik"] and profile.nik_hash == keyed_hash(row["nik"], "nik")
    assert (profile.full_name, profile.birth_date.isoformat(), profile.gender, profile.kelurahan_code) == (
        row["name"], row["birth_date"], "M", "19.71.01.1004")
    assert (profile.phone, profile.education_code, float(profile.experience_years)) == ("+6281234567801", "SMK", 2.0)
    assert sorted((s.term, s.skill_id is not None) for s in profile.skills) == [
        ("elderly care", True), ("merangkai bunga", False), ("welding", True)]
    level = db.session.get(LanguageLevel, profile.languages[0].level_id)
    assert (level.test_code, level.code) == ("JLPT", "N4")
    [certification] = profile.certifications
    assert (certification.scheme_code, certification.status, certification.source) == ("SKK-CPMI", "verified",
                                                                                      "import")
    assert [(c.purpose, c.given_by) for c in profile.consents] == [("matching", "import")]
    assert [c.country_code for c in profile.preferred_countries] == ["JP"]
    assert [s.sector_code for s in profile.preferred_sectors] == ["care"]
    assert db.session.scalar(select(SeekerChange.seeker_id)) == profile.id


def test_a_seeker_with_an_email_gets_an_account_without_a_password_and_one_without_gets_none(db, tmp_path):
    run(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1, email="Siti@Example.com"), seeker_row(2, email=None)]))
    with_email, without = seeker(db, "DN-0001"), seeker(db, "DN-0002")
    assert (with_email.user.email, with_email.user.role, with_email.user.password_hash) == (
        "siti@example.com", "seeker", None)
    assert without.user_id is None


def test_the_import_is_audited_once_with_counts_and_no_personal_values(db, tmp_path):
    row = seeker_row(1)
    run(write_jsonl(tmp_path / "disnaker.jsonl", [row, seeker_row(2)]))
    [entry] = db.session.scalars(select(AuditEntry)).all()
    assert (entry.action, entry.actor_label) == ("seekers_imported", ACTOR.label)
    assert entry.details["file"] == "disnaker.jsonl" and entry.details["created"] == 2
    text = json.dumps(entry.details)
    assert row["nik"] not in text and row["name"] not in text and row["email"] not in text


def test_a_known_ref_updates_its_seeker_and_replaces_skills_languages_and_preferences(db, tmp_path):
    run(write_jsonl(tmp_path / "first.jsonl", [seeker_row(1)]))
    first_id = seeker(db, "DN-0001").id
    changed = seeker_row(1, name="Pencari Kerja Baru", skills=["forklift"], languages=["TOPIK:2"],
                         preferred_countries=["KR", "TW"], preferred_sectors=["manufacturing"], education="D3",
                         phone=None)
    report = run(write_jsonl(tmp_path / "second.jsonl", [changed]))
    assert (report.created, report.updated) == (0, 1)
    db.session.expire_all()
    profile = seeker(db, "DN-0001")
    assert (profile.id, profile.full_name, profile.education_code) == (first_id, "Pencari Kerja Baru", "D3")
    assert profile.phone == "+6281234567801"  # an absent phone leaves the stored one
    assert [s.term for s in profile.skills] == ["forklift operation"]
    assert [(lv.level.test_code, lv.level.code) for lv in profile.languages] == [("TOPIK", "2")]
    assert sorted(c.country_code for c in profile.preferred_countries) == ["KR", "TW"]
    assert [s.sector_code for s in profile.preferred_sectors] == ["manufacturing"]
    assert count(db, SeekerProfile) == 1 and count(db, User) == 1


def test_a_reimported_language_keeps_its_row(db, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1)]))
    row_id = db.session.scalar(select(SeekerLanguage.id))
    run(write_jsonl(tmp_path / "b.jsonl", [seeker_row(1, languages=["JLPT:N4", "IELTS:6.5"])]))
    assert row_id in db.session.scalars(select(SeekerLanguage.id)).all() and count(db, SeekerLanguage) == 2


def test_certifications_are_upserted_by_scheme_and_number(db, tmp_path):
    first = [{"scheme": "SKK-CPMI", "number": "A-1", "issued_on": "2025-01-10", "expires_on": None, "verified": False}]
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1, certifications=first)]))
    renewed = [{**first[0], "expires_on": "2029-01-10", "verified": True},
               {"scheme": "JP-SSW-CARE", "number": "B-2", "issued_on": "2025-03-01", "verified": False}]
    run(write_jsonl(tmp_path / "b.jsonl", [seeker_row(1, certifications=renewed)]))
    rows = db.session.execute(select(Certification.scheme_code, Certification.number, Certification.expires_on,
                                     Certification.status).order_by(Certification.id)).all()
    assert rows == [("SKK-CPMI", "A-1", date(2029, 1, 10), "verified"), ("JP-SSW-CARE", "B-2", None, "pending")]


def test_a_coordinators_verification_stands_when_the_same_certificate_comes_again_unverified(db, tmp_path):
    certification = {"scheme": "SKK-CPMI", "number": "A-1", "issued_on": "2025-01-10", "verified": False}
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1, certifications=[certification])]))
    coordinator = make_user("coordinator")
    stored = db.session.scalar(select(Certification))
    stored.status, stored.reviewed_by_id = "verified", coordinator.id
    db.session.commit()
    run(write_jsonl(tmp_path / "b.jsonl", [seeker_row(1, certifications=[certification])]))
    db.session.expire_all()
    assert (stored.status, stored.reviewed_by_id) == ("verified", coordinator.id)


def test_one_invalid_record_and_nothing_is_imported(db, tmp_path):
    rows = [seeker_row(1), seeker_row(2, kelurahan_code="19.71.99.9999"), seeker_row(3)]
    report = run(write_jsonl(tmp_path / "s.jsonl", rows))
    assert report.refused and problems(report) == [(2, "kelurahan_code", "UNKNOWN_KELURAHAN")]
    assert (report.created, report.updated, report.skipped) == (0, 0, 3)
    assert count(db, SeekerProfile) == count(db, User) == count(db, AuditEntry) == 0


def test_skip_invalid_imports_the_valid_records_and_reports_the_others(db, tmp_path):
    rows = [seeker_row(1), {**seeker_row(2), "gender": "F"}, "{not json", seeker_row(4)]
    report = run(write_jsonl(tmp_path / "s.jsonl", rows), skip_invalid=True)
    assert problems(report) == [(2, "nik", "NIK_GENDER_MISMATCH"), (3, "-", "NOT_JSON")]
    assert (report.imported, report.created, report.skipped, report.records) == (True, 2, 2, 4)
    assert sorted(db.session.scalars(select(SeekerProfile.ref))) == ["DN-0001", "DN-0004"]


def test_csv_and_json_lines_import_the_same_seekers(db, tmp_path):
    rows = [seeker_row(1), seeker_row(2, email=None, phone=None, languages=[], certifications=[], skills=[],
                                       consent_matching=False)]

    def snapshot():
        profiles = db.session.scalars(select(SeekerProfile).order_by(SeekerProfile.ref)).all()
        return [(p.ref, decrypt(p.nik_encrypted), p.full_name, p.birth_date, p.phone, p.education_code,
                 p.experience_years, p.user.email if p.user else None, sorted(s.term for s in p.skills),
                 sorted(lv.level_id for lv in p.languages),
                 sorted((c.scheme_code, c.number, c.issued_on, c.expires_on, c.status) for c in p.certifications),
                 sorted((c.purpose, c.given_by) for c in p.consents)) for p in profiles]

    assert run(write_jsonl(tmp_path / "s.jsonl", rows)).created == 2
    from_jsonl = snapshot()
    db.session.execute(SeekerProfile.__table__.delete())
    db.session.execute(User.__table__.delete())
    db.session.commit()
    assert run(write_csv(tmp_path / "s.csv", rows), "csv").created == 2
    assert snapshot() == from_jsonl


def test_a_16_year_old_needs_guardian_consent_and_then_has_it_recorded(db, tmp_path):
    born = years_ago(16, days=10)
    minor = seeker_row(1, born=born, nik=nik_for(born, "M", 1))
    report = run(write_jsonl(tmp_path / "a.jsonl", [minor]))
    assert problems(report) == [(1, "guardian_consent", "GUARDIAN_CONSENT_NEEDED")]
    report = run(write_jsonl(tmp_path / "b.jsonl", [{**minor, "guardian_consent": True}]))
    assert report.created == 1
    assert sorted((c.purpose, c.given_by) for c in seeker(db, "DN-0001").consents) == [
        ("guardian", "guardian"), ("matching", "import")]


def test_a_repeated_ref_is_reported_on_both_lines(db, tmp_path):
    report = run(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1), seeker_row(2), seeker_row(3, ref="DN-0001")]),
                 skip_invalid=True)
    assert problems(report) == [(1, "ref", "REF_REPEATED"), (3, "ref", "REF_REPEATED")]
    assert report.created == 1


def test_the_same_nik_under_two_refs_is_refused(db, tmp_path):
    first = seeker_row(1)
    report = run(write_jsonl(tmp_path / "s.jsonl", [first, seeker_row(2, nik=first["nik"],
                                                                      birth_date=first["birth_date"])]))
    assert problems(report) == [(1, "nik", "NIK_REPEATED"), (2, "nik", "NIK_REPEATED")]


def test_a_nik_already_stored_under_another_seeker_is_refused(db, tmp_path):
    born = date(2000, 5, 17)
    make_seeker_profile(nik=nik_for(born, "M", 77), birth_date=born)  # signed up themself: no ref
    report = run(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1, born=born, nik=nik_for(born, "M", 77))]))
    assert problems(report) == [(1, "nik", "NIK_TAKEN")]
    assert report.problems[0].problem.data == {"ref": None}


def test_an_email_of_another_account_is_refused(db, tmp_path):
    make_user("employer", email="taken@example.com")
    report = run(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1, email="Taken@Example.com")]))
    assert problems(report) == [(1, "email", "EMAIL_TAKEN")]


def test_a_reimport_may_change_the_nik_and_email_of_its_own_ref(db, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1)]))
    moved = seeker_row(1, nik=nik_for(years_ago(24, days=1), "M", 999), email="new@example.com")
    assert run(write_jsonl(tmp_path / "b.jsonl", [moved])).updated == 1
    db.session.expire_all()
    profile = seeker(db, "DN-0001")
    assert (decrypt(profile.nik_encrypted), profile.user.email) == (moved["nik"], "new@example.com")


def test_consent_false_withdraws_matching_and_a_later_true_does_not_grant_it_again(db, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1)]))
    run(write_jsonl(tmp_path / "b.jsonl", [seeker_row(1, consent_matching=False)]))
    run(write_jsonl(tmp_path / "c.jsonl", [seeker_row(1, consent_matching=True)]))
    db.session.expire_all()
    consents = seeker(db, "DN-0001").consents
    assert len(consents) == 1 and consents[0].withdrawn_at is not None
    assert not seeker(db, "DN-0001").has_consent("matching")


def test_consent_false_on_a_new_seeker_records_no_consent(db, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1, consent_matching=False)]))
    assert count(db, Consent) == 0


def test_an_erased_seeker_is_not_imported_again(db, tmp_path):
    run(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1)]))
    profile = seeker(db, "DN-0001")
    profile.erased_at = profile.created_at
    db.session.commit()
    assert problems(run(write_jsonl(tmp_path / "b.jsonl", [seeker_row(1)]))) == [(1, "ref", "REF_ERASED")]


def test_csv_lines_count_the_header_as_line_1_and_a_quoted_line_break(db, tmp_path):
    rows = [seeker_row(1, name="Budi\nSantoso"), seeker_row(2, kelurahan_code="nowhere")]
    report = run(write_csv(tmp_path / "s.csv", rows), "csv")
    assert problems(report) == [(4, "kelurahan_code", "UNKNOWN_KELURAHAN")]  # record 1 spans lines 2-3


@pytest.mark.parametrize("content, expected", [
    ("ref,nik,name\n", [(1, "birth_date", "COLUMN_MISSING")]),
    ("ref;nik;name;birth_date\n", [(1, "-", "CSV_DELIMITER")]),
    ("", [(1, "-", "NO_RECORDS")]),
])
def test_a_csv_header_problem_refuses_the_file_even_with_skip_invalid(db, tmp_path, content, expected):
    path = tmp_path / "s.csv"
    path.write_text(content, encoding="utf-8")
    report = run(path, "csv", skip_invalid=True)
    assert report.refused and problems(report)[:1] == expected


def test_an_unknown_csv_column_refuses_the_file(db, tmp_path):
    path = write_csv(tmp_path / "s.csv", [seeker_row(1)], columns=[*seeker_row(1), "kelurahan"])
    report = run(path, "csv", skip_invalid=True)
    assert report.refused and problems(report) == [(1, "kelurahan", "UNKNOWN_FIELD")]


def test_a_csv_row_with_too_many_cells_is_one_bad_line(db, tmp_path):
    path = write_csv(tmp_path / "s.csv", [seeker_row(1), seeker_row(2)])
    path.write_text(path.read_text(encoding="utf-8") + "a,b\n", encoding="utf-8")
    report = run(path, "csv", skip_invalid=True)
    assert problems(report) == [(4, "-", "CSV_COLUMNS")] and report.created == 2


def test_a_trailing_comma_makes_a_nameless_column_that_only_matters_when_filled(db, tmp_path):
    path = write_csv(tmp_path / "s.csv", [seeker_row(1), seeker_row(2)], columns=[*seeker_row(1), ""])
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:2], lines[2] + "oops"]) + "\n", encoding="utf-8")
    report = run(path, "csv", skip_invalid=True)
    assert problems(report) == [(3, "-", "CELL_WITHOUT_COLUMN")] and report.created == 1


@pytest.mark.parametrize("content, expected", [
    (b'[{"ref": "A"}]\n', [(1, "-", "JSON_ARRAY")]),
    (b'{"ref": "A"\n', [(1, "-", "NOT_JSON")]),
    (b'"just text"\n', [(1, "-", "NOT_OBJECT")]),
    (b'\xff\xfe{}\n', [(1, "-", "NOT_UTF8")]),
    (b"\n\n", [(1, "-", "NO_RECORDS")]),
])
def test_an_unreadable_json_line_is_an_error_of_that_line_not_a_crash(db, tmp_path, content, expected):
    path = tmp_path / "s.jsonl"
    path.write_bytes(content)
    assert problems(run(path)) == expected


def test_blank_lines_keep_the_line_numbers_of_the_file(db, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(seeker_row(1)) + "\n\n" + json.dumps(seeker_row(2, gender="X")) + "\n",
                    encoding="utf-8")
    assert problems(run(path)) == [(3, "gender", "GENDER_INVALID")]


def test_imported_rows_keep_their_lists_apart(db, tmp_path):
    run(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1), seeker_row(2, skills=["forklift"], languages=[])]))
    second = seeker(db, "DN-0002")
    assert [s.term for s in second.skills] == ["forklift operation"] and second.languages == []
    assert count(db, SeekerSkill) == 4 and count(db, PreferredCountry) == count(db, PreferredSector) == 2
