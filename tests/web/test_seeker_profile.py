"""A seeker's profile through the real pages: editing, refusals that keep what was typed, ownership, suggestions."""
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.domain.readiness import Item
from app.models import Document, Experience, LanguageLevel, SeekerLanguage, SeekerProfile, User
from app.web.seeker.readiness_words import describe
from tests.factories import make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def english(client):
    """Check wording in English: the Indonesian catalogue is filled in later, by the lead."""
    def switch():
        client.post("/language", data={"locale": "en"})
    return switch


def profile_of(db, user_id: int) -> SeekerProfile:
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.user_id == user_id))


def level_id(db, test: str, code: str) -> int:
    return db.session.scalar(select(LanguageLevel.id).where(LanguageLevel.test_code == test,
                                                            LanguageLevel.code == code))


def test_a_seeker_fills_in_their_profile(client, db, login_as):
    user_id = login_as("seeker")
    assert client.post("/seeker/profile/education", data={"education_code": "SMK", "phone": "0812 3456 7890"}
                       ).status_code == 302
    client.post("/seeker/profile/experience", data={"title": "Tukang las", "place": "Bengkel Maju", "years": "1",
                                                    "months": "6"})
    client.post("/seeker/profile/skills", data={"skills": "las, Pengelasan, Main Gitar"})
    client.post("/seeker/profile/languages", data={"level_id": level_id(db, "JLPT", "N4"), "tested_on": "2025-12-07",
                                                   "certificate": (io.BytesIO(PDF), "jlpt.pdf")},
                content_type="multipart/form-data")
    client.post("/seeker/profile/preferences", data={"countries": ["JP", "KR"], "sectors": ["manufacturing"]})

    profile = profile_of(db, user_id)
    assert (profile.education_code, profile.phone, str(profile.experience_years)) == ("SMK", "+6281234567890", "1.5")
    assert sorted(s.term for s in profile.skills) == ["main gitar", "welding"]
    assert profile.languages[0].upload_id is not None
    page = client.get("/seeker/profile").get_data(as_text=True)
    for shown in ("Sekolah Menengah Kejuruan (SMK)", "Tukang las", "pengelasan", "main gitar", "JLPT", "Jepang",
                  "Korea Selatan", "Manufaktur"):
        assert shown in page


def test_the_skills_page_offers_the_vocabulary_without_script(client, login_as):
    login_as("seeker")
    page = client.get("/seeker/profile/skills").get_data(as_text=True)
    assert 'list="skill-vocabulary"' in page and '<option value="pengelasan">' in page
    assert "js/skills.js" in page


def test_bad_experience_keeps_what_was_typed_and_says_why(client, db, login_as, english):
    user_id = login_as("seeker")
    english()
    response = client.post("/seeker/profile/experience", data={"title": "Tukang las", "place": "Bengkel Maju",
                                                               "years": "0", "months": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Tukang las"' in page and 'value="Bengkel Maju"' in page
    assert "at least 1 month" in page
    assert profile_of(db, user_id).experiences == []


def test_a_bad_phone_keeps_the_chosen_education(client, db, login_as, english):
    login_as("seeker")
    english()
    page = client.post("/seeker/profile/education", data={"education_code": "D3", "phone": "12"}
                       ).get_data(as_text=True)
    assert "This is not a valid phone number." in page
    assert '<option selected value="D3">' in page and 'value="12"' in page


def test_a_refused_scan_keeps_the_other_fields_and_says_why(client, db, login_as, english):
    user_id = login_as("seeker")
    english()
    chosen = level_id(db, "TOPIK", "3")
    response = client.post("/seeker/profile/languages", data={
        "level_id": chosen, "tested_on": "2025-11-02", "certificate": (io.BytesIO(b"MZ\x90 not a scan"), "cv.exe")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Only PDF, JPEG or PNG files are accepted." in page
    assert f'<option selected value="{chosen}">' in page and 'value="2025-11-02"' in page
    assert profile_of(db, user_id).languages == []


def test_a_blocked_country_cannot_be_chosen_and_is_explained(client, db, login_as, english):
    user_id = login_as("seeker")
    english()
    page = client.get("/seeker/profile/preferences").get_data(as_text=True)
    assert 'value="MM"' not in page and "Myanmar" in page  # named in the note, not offered
    response = client.post("/seeker/profile/preferences", data={"countries": ["MM"]})
    assert response.status_code == 200 and profile_of(db, user_id).preferred_countries == []


def test_unticking_every_country_clears_the_preference(client, db, login_as):
    user_id = login_as("seeker")
    client.post("/seeker/profile/preferences", data={"countries": ["JP"], "sectors": ["care"]})
    client.post("/seeker/profile/preferences", data={})
    profile = profile_of(db, user_id)
    assert profile.preferred_countries == [] and profile.preferred_sectors == []


@pytest.fixture
def seeker_a_with_entries(app, db):
    """Seeker A with an experience entry and a language with a scan; returns (user, experience id, language id)."""
    user = make_user("seeker")
    profile = user.seeker
    profile.experiences.append(Experience(title="Welder", months=12))
    from app.services.uploads import store_upload
    upload = store_upload(PDF, "jlpt.pdf", user)
    db.session.flush()
    profile.languages.append(SeekerLanguage(level_id=level_id(db, "JLPT", "N4"), upload_id=upload.id))
    db.session.commit()
    return user, profile.experiences[0].id, profile.languages[0].id


@pytest.mark.parametrize("url", [
    "/seeker/profile/experience/{experience}/delete",
    "/seeker/profile/languages/{language}/delete",
])
def test_seeker_b_cannot_delete_seeker_as_entries_by_changing_the_id(client, db, login_as, seeker_a_with_entries,
                                                                     url):
    owner, experience, language = seeker_a_with_entries
    login_as("seeker")
    assert client.post(url.format(experience=experience, language=language)).status_code == 404
    profile = profile_of(db, owner.id)
    assert len(profile.experiences) == 1 and len(profile.languages) == 1


def test_only_the_owner_downloads_a_language_certificate(client, db, login_as, seeker_a_with_entries):
    owner, _experience, language = seeker_a_with_entries
    login_as("seeker")
    assert client.get(f"/seeker/profile/languages/{language}/certificate").status_code == 404
    client.post("/auth/logout")
    login_as(db.session.get(User, owner.id))
    response = client.get(f"/seeker/profile/languages/{language}/certificate")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")


def test_the_owner_deletes_their_experience_and_the_years_follow(client, db, seeker_a_with_entries, login_as):
    owner, experience, _language = seeker_a_with_entries
    login_as(db.session.get(User, owner.id))
    assert client.post(f"/seeker/profile/experience/{experience}/delete").status_code == 302
    profile = profile_of(db, owner.id)
    assert profile.experiences == [] and profile.experience_years == 0


def test_skill_suggestions_are_json_for_a_seeker(client, login_as):
    login_as("seeker")
    response = client.get("/seeker/skills/suggest?q=las")
    assert response.status_code == 200 and response.is_json
    assert response.get_json()["suggestions"][0] == {"term": "welding", "label": "pengelasan", "matched": "las"}
    assert client.get("/seeker/skills/suggest").get_json() == {"suggestions": []}


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("employer", 403), ("coordinator", 403)])
def test_skill_suggestions_are_only_for_seekers(client, login_as, role, status):
    if role != "anonymous":
        login_as(role)
    assert client.get("/seeker/skills/suggest?q=las").status_code == status


def test_the_dashboard_shows_the_readiness_checklist_with_next_steps(client, db, login_as, english):
    user_id = login_as("seeker")
    english()
    profile = profile_of(db, user_id)
    profile.documents.append(Document(kind="bpjs", status="pending"))
    profile.documents.append(Document(kind="health_certificate", status="verified",
                                      expires_on=date.today().replace(year=date.today().year + 2)))
    db.session.commit()
    page = client.get("/seeker/").get_data(as_text=True)
    assert "Ready to work abroad?" in page
    assert "Kantor Imigrasi Kelas I TPI Pangkalpinang" in page  # where to get a passport
    assert "Still missing: education, skills, mobile phone." in page
    assert "1 is waiting for verification." in page
    assert "2 of 9 steps done." in page  # health certificate and consent to matching
    assert 'href="/seeker/profile"' in page
    assert 'href="/seeker/papers/documents/passport"' in page  # where the passport is uploaded


@pytest.mark.parametrize("item", [
    Item("adult", "pending", {"on": date(2026, 5, 1)}),
    Item("profile", "missing", {"lacking": ["education", "skills", "phone"]}),
    Item("competency_certificate", "expiring", {"expires_on": date(2026, 5, 1), "renewal_pending": True}),
    Item("competency_certificate", "missing", {"expired_on": date(2026, 1, 1), "rejected": True}),
    Item("language_certificate", "missing", {"without": 2}),
    Item("passport", "missing", {"expires_on": date(2026, 5, 1), "needs_until": date(2026, 9, 15)}),
    Item("passport", "expiring", {"expires_on": date(2026, 10, 1), "renewal_pending": False}),
    *[Item(kind, state) for kind in ("health_certificate", "bpjs", "family_permission", "marital_status",
                                      "opp_certificate") for state in ("done", "pending", "missing")],
    Item("consent_matching", "missing", {"guardian_needed": True}),
])
def test_every_checklist_item_has_words_and_a_next_step_when_one_is_due(app, item):
    with app.test_request_context():
        described = describe(item)
    assert described["title"] and described["state_label"]
    assert all(isinstance(line, str) and "%(" not in line for line in described["detail"])
    due = item.state in ("missing", "expiring") and not item.data.get("renewal_pending")
    assert bool(described["todo"]) is due


def test_an_expired_passport_asks_for_renewal_at_the_immigration_office(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        described = describe(Item("passport", "missing", {"expired_on": date(2026, 1, 1)}))
    assert str(described["todo"]) == "Renew your passport at the immigration office."
    assert str(described["where"]) == "Kantor Imigrasi Kelas I TPI Pangkalpinang"
