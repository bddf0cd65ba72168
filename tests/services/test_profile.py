"""The profile services: skills through the vocabulary, experience in years, languages, preferences, readiness."""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEntry, Certification, Document, LanguageLevel, SeekerProfile, Skill, Upload
from app.services import profile as profiles
from app.services import profile_languages as languages
from app.services import profile_preferences as preferences
from app.services.audit import Actor
from app.services.profile import NotTheirs, ProfileRefused
from app.services.readiness import readiness_of
from tests.factories import make_user

TODAY = date(2026, 3, 15)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def seeker(db):
    return make_user("seeker").seeker


@pytest.fixture
def actor(seeker):
    return Actor.for_user(seeker.user)


def codes(refused: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in refused.value.problems]


def skill_id(db, term: str) -> int:
    return db.session.scalar(select(Skill.id).where(Skill.term == term))


def level(db, test: str, code: str) -> LanguageLevel:
    return db.session.scalar(select(LanguageLevel).where(LanguageLevel.test_code == test, LanguageLevel.code == code))


# --- skills ---

def test_indonesian_synonyms_and_typing_variants_resolve_to_one_canonical_skill(db):
    resolved = profiles.resolve_skill_terms(["Pengelasan", "las", "  WELDER ", "Welding.", "tukang LAS"])
    assert resolved == [("welding", skill_id(db, "welding"))]


def test_free_terms_are_kept_normalised_without_a_skill_id(db):
    resolved = profiles.resolve_skill_terms(["Menjahit", "Memasak   Rendang", "menjahit"])
    assert resolved == [("sewing", skill_id(db, "sewing")), ("memasak rendang", None)]


def test_a_term_a_coordinator_added_resolves_even_without_an_alias_row(db):
    db.session.add(Skill(term="drone piloting", label_id="pilot drone", added_by_id=1))
    db.session.commit()
    assert profiles.resolve_skill_terms(["Drone Piloting"]) == [("drone piloting", skill_id(db, "drone piloting"))]


def test_adding_skills_collapses_duplicates_and_skips_what_the_seeker_has(db, seeker, actor):
    profiles.add_skills(seeker, "las, Pengelasan; menjahit", actor)
    added = profiles.add_skills(seeker, "WELDER, Main  Gitar", actor)
    assert [s.term for s in added] == ["main gitar"]
    assert sorted((s.term, s.skill_id) for s in seeker.skills) == [
        ("main gitar", None), ("sewing", skill_id(db, "sewing")), ("welding", skill_id(db, "welding"))]


@pytest.mark.parametrize("text, problem", [
    (" , ; ", "SKILL_EMPTY"),
    ("x" * 121, "SKILL_TOO_LONG"),
])
def test_empty_or_overlong_skills_are_refused(seeker, actor, text, problem):
    with pytest.raises(ProfileRefused) as refused:
        profiles.add_skills(seeker, text, actor)
    assert codes(refused) == [("skills", problem)]


def test_a_seeker_removes_only_their_own_skill(db, seeker, actor):
    other = make_user("seeker").seeker
    theirs = profiles.add_skills(other, "las", Actor.for_user(other.user))[0]
    with pytest.raises(NotTheirs):
        profiles.remove_skill(seeker, theirs.id, actor)
    mine = profiles.add_skills(seeker, "las", actor)[0]
    profiles.remove_skill(seeker, mine.id, actor)
    assert seeker.skills == [] and len(other.skills) == 1


def test_skills_show_their_indonesian_label_in_indonesian(seeker, actor):
    profiles.add_skills(seeker, "welding, main gitar", actor)
    assert [label for _s, label in profiles.labelled_skills(seeker, "id")] == ["main gitar", "pengelasan"]
    assert [label for _s, label in profiles.labelled_skills(seeker, "en")] == ["main gitar", "welding"]


def test_suggestions_match_any_spelling_closest_first_with_the_indonesian_label(db):
    suggestions = profiles.skill_suggestions("LAS", "id")
    assert suggestions[0] == {"term": "welding", "label": "pengelasan", "matched": "las"}
    assert [s["label"] for s in suggestions[1:4]] == ["las GMAW", "las SMAW", "las TIG"]
    assert profiles.skill_suggestions("las", "en")[0]["label"] == "welding"
    assert len(profiles.skill_suggestions("a", "id")) == profiles.SUGGESTION_LIMIT


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "l%s", "l_s"])
def test_suggestions_for_nothing_or_wildcards_match_nothing(db, query):
    assert profiles.skill_suggestions(query, "id") == []


# --- education, phone, experience ---

def test_basics_keep_smk_distinct_from_sma_and_normalise_the_phone(db, seeker, actor):
    profiles.update_basics(seeker, "SMK", "0812-3456-7890", actor)
    saved = db.session.get(SeekerProfile, seeker.id)
    assert (saved.education_code, saved.phone) == ("SMK", "+6281234567890")


def test_basics_refuse_an_unknown_level_and_a_bad_phone_at_once(seeker, actor):
    with pytest.raises(ProfileRefused) as refused:
        profiles.update_basics(seeker, "SMX", "12", actor)
    assert codes(refused) == [("education_code", "UNKNOWN_EDUCATION"), ("phone", "PHONE_INVALID")]


def test_experience_years_follow_the_entries(db, seeker, actor):
    first = profiles.add_experience(seeker, "Welder", "PT Timah", 18, actor)
    profiles.add_experience(seeker, "Waiter", None, 7, actor)
    assert db.session.get(SeekerProfile, seeker.id).experience_years == Decimal("2.1")
    profiles.delete_experience(seeker, first.id, actor)
    assert db.session.get(SeekerProfile, seeker.id).experience_years == Decimal("0.6")


@pytest.mark.parametrize("months, problem", [(0, "MONTHS_RANGE"), (601, "MONTHS_RANGE"),
                                             (600, None), (721, "MONTHS_RANGE")])
def test_experience_needs_a_sensible_length(seeker, actor, months, problem):
    if problem is None:
        assert profiles.add_experience(seeker, "Farmer", None, months, actor).months == months
        return
    with pytest.raises(ProfileRefused) as refused:
        profiles.add_experience(seeker, "Farmer", None, months, actor)
    assert codes(refused) == [("months", problem)]


def test_all_experience_together_is_at_most_sixty_years(seeker, actor):
    profiles.add_experience(seeker, "Farmer", None, 600, actor)
    with pytest.raises(ProfileRefused) as refused:
        profiles.add_experience(seeker, "Fisher", None, 121, actor)
    assert codes(refused) == [("months", "EXPERIENCE_TOO_LONG")]


def test_a_seeker_cannot_delete_another_seekers_experience(db, seeker, actor):
    other = make_user("seeker").seeker
    theirs = profiles.add_experience(other, "Cook", None, 12, Actor.for_user(other.user))
    with pytest.raises(NotTheirs):
        profiles.delete_experience(seeker, theirs.id, actor)
    assert len(db.session.get(SeekerProfile, other.id).experiences) == 1


def test_every_save_is_audited_against_the_seeker(db, seeker, actor):
    profiles.update_basics(seeker, "SMA", None, actor)
    profiles.add_experience(seeker, "Welder", None, 12, actor)
    profiles.add_skills(seeker, "las", actor)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "profile_updated")).all()
    assert [(e.object_type, e.object_id, e.details["part"]) for e in entries] == [
        ("seekers", str(seeker.id), "basics"), ("seekers", str(seeker.id), "experience"),
        ("seekers", str(seeker.id), "skills")]


# --- languages ---

def test_a_language_with_its_certificate_scan(app, db, seeker, actor):
    entry = languages.add_language(seeker, level(db, "JLPT", "N4").id, date(2025, 12, 7), (PDF, "jlpt.pdf"), actor,
                                   TODAY)
    upload = db.session.get(Upload, entry.upload_id)
    assert upload.owner_id == seeker.user_id and upload.content_type == "application/pdf"
    assert languages.language_certificate(seeker, entry.id) == upload


def test_one_result_per_test_and_no_test_date_in_the_future(db, seeker, actor):
    languages.add_language(seeker, level(db, "JLPT", "N4").id, None, None, actor, TODAY)
    with pytest.raises(ProfileRefused) as refused:
        languages.add_language(seeker, level(db, "JLPT", "N3").id, date(2026, 3, 16), None, actor, TODAY)
    assert codes(refused) == [("level_id", "LANGUAGE_TEST_TWICE"), ("tested_on", "DATE_IN_FUTURE")]


@pytest.mark.parametrize("data, problem", [
    (b"", "UPLOAD_EMPTY"),
    (b"MZ\x90\x00 not a scan", "UPLOAD_NOT_ALLOWED_TYPE"),
    (b"%PDF-1.4 cut off", "UPLOAD_DAMAGED"),
])
def test_a_refused_scan_saves_nothing_and_says_why(db, seeker, actor, data, problem):
    with pytest.raises(ProfileRefused) as refused:
        languages.add_language(seeker, level(db, "TOPIK", "2").id, None, (data, "scan.pdf"), actor, TODAY)
    assert codes(refused) == [("certificate", problem)]
    db.session.rollback()
    assert db.session.get(SeekerProfile, seeker.id).languages == []
    assert db.session.scalar(select(Upload)) is None


def test_deleting_a_language_deletes_its_scan(app, db, seeker, actor):
    entry = languages.add_language(seeker, level(db, "HSK", "3").id, None, (PDF, "hsk.pdf"), actor, TODAY)
    key = db.session.get(Upload, entry.upload_id).storage_key
    languages.delete_language(seeker, entry.id, actor)
    assert db.session.scalar(select(Upload)) is None
    assert not (Path(app.config["UPLOAD_FOLDER"]) / key[:2] / key).exists()


def test_a_seeker_cannot_reach_another_seekers_language(db, seeker, actor):
    other = make_user("seeker").seeker
    theirs = languages.add_language(other, level(db, "HSK", "3").id, None, (PDF, "hsk.pdf"),
                                    Actor.for_user(other.user), TODAY)
    for attempt in (languages.language_certificate, lambda s, i: languages.delete_language(s, i, actor)):
        with pytest.raises(NotTheirs):
            attempt(seeker, theirs.id)


# --- preferences ---

def test_preferences_are_replaced_and_audited(db, seeker, actor):
    preferences.set_preferences(seeker, ["jp", "KR"], ["care", "manufacturing"], actor, TODAY)
    preferences.set_preferences(seeker, ["KR", "TW"], ["care"], actor, TODAY)
    saved = db.session.get(SeekerProfile, seeker.id)
    assert sorted(p.country_code for p in saved.preferred_countries) == ["KR", "TW"]
    assert [p.sector_code for p in saved.preferred_sectors] == ["care"]
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.details["part"].as_string() == "preferences"))


@pytest.mark.parametrize("countries, sectors, problems", [
    (["MM"], [], [("countries", "COUNTRY_BLOCKED")]),
    (["KH", "JP"], [], [("countries", "COUNTRY_BLOCKED")]),
    (["XX"], [], [("countries", "UNKNOWN_COUNTRY")]),
    ([], ["space-mining"], [("sectors", "UNKNOWN_SECTOR")]),
])
def test_blocked_or_unknown_destinations_are_refused(seeker, actor, countries, sectors, problems):
    with pytest.raises(ProfileRefused) as refused:
        preferences.set_preferences(seeker, countries, sectors, actor, TODAY)
    assert codes(refused) == problems


def test_a_country_blocked_before_its_rule_began_could_be_chosen_then(seeker, actor):
    preferences.set_preferences(seeker, ["MM"], [], actor, date(2025, 10, 27))
    assert [p.country_code for p in seeker.preferred_countries] == ["MM"]
    assert preferences.preference_warnings(seeker, TODAY) == [{"country": "MM", "sector": None,
                                                              "status": "blocked"}]


def test_household_work_in_the_middle_east_is_warned_about(seeker, actor):
    preferences.set_preferences(seeker, ["SA", "JP", "LA"], ["domestic-work"], actor, TODAY)
    assert preferences.preference_warnings(seeker, TODAY) == [
        {"country": "LA", "sector": None, "status": "caution"},
        {"country": "SA", "sector": "domestic-work", "status": "blocked"}]


def test_country_choices_leave_out_blocked_countries_and_put_partner_countries_first(db):
    from tests.factories import make_partner_city
    make_partner_city(country_code="KR")
    choices = preferences.country_choices("id", TODAY)
    codes_ = [c.code for c in choices]
    assert "MM" not in codes_ and "KH" not in codes_
    assert codes_[0] == "KR" and choices[0].partner and choices[0].name == "Korea Selatan"
    assert {"JP", "LA", "SA"} <= set(codes_)
    assert next(c for c in choices if c.code == "LA").status == "caution"


@pytest.mark.parametrize("code, locale, name", [
    ("JP", "id", "Jepang"), ("JP", "en", "Japan"), ("KR", "en", "South Korea"), ("TW", "id", "Taiwan"),
    ("SA", "id", "Arab Saudi"), ("JP", "xx", "Japan"), ("ZZ", "id", "ZZ"),
])
def test_country_names_in_the_interface_language(code, locale, name):
    assert preferences.country_name(code, locale) == name


# --- readiness from the database ---

def test_the_readiness_checklist_reads_the_seekers_papers(db, seeker, actor):
    profiles.update_basics(seeker, "SMK", "081234567890", actor)
    profiles.add_skills(seeker, "las", actor)
    seeker.certifications.append(Certification(scheme_code=_a_scheme(db), number="X-1", issued_on=date(2025, 1, 1),
                                               expires_on=date(2028, 1, 1), status="verified"))
    seeker.documents.append(Document(kind="passport", status="verified", expires_on=date(2026, 5, 1)))
    seeker.documents.append(Document(kind="bpjs", status="pending"))
    db.session.commit()
    states = {item.code: item.state for item in readiness_of(seeker, TODAY)}
    assert states["profile"] == "done" and states["competency_certificate"] == "done"
    assert states["passport"] == "missing" and states["bpjs"] == "pending"
    assert states["consent_matching"] == "done" and "language_certificate" not in states


def _a_scheme(db) -> str:
    from app.models import CertificationScheme
    return db.session.scalar(select(CertificationScheme.code).order_by(CertificationScheme.code))
