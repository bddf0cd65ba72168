"""Coordinators extend the skills vocabulary; new spellings map to one skill for everyone."""
from sqlalchemy import select

from app.models import AuditEntry, Skill, SkillAlias
from app.services.profile import resolve_skill_terms


def test_a_coordinator_adds_a_skill_with_its_spellings_and_they_resolve_at_once(client, login_as, db):
    login_as("coordinator")
    response = client.post("/coordinator/vocabulary", data={
        "term": "Rope Access", "label_id": "Akses Tali", "sector_code": "construction",
        "aliases": "teknisi tali, IRATA, rope access technician"})
    assert response.status_code == 302
    skill = db.session.scalar(select(Skill).where(Skill.term == "rope access"))
    assert skill.added_by_id is not None
    assert resolve_skill_terms(["  Teknisi TALI ", "irata"]) == [("rope access", skill.id)]
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "skill_added"))


def test_a_spelling_that_belongs_to_another_skill_is_refused_and_the_form_keeps_what_was_typed(client, login_as, db):
    login_as("coordinator")
    response = client.post("/coordinator/vocabulary", data={
        "term": "arc welding", "label_id": "Las busur", "aliases": "las"})  # "las" means welding already
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="arc welding"' in page
    assert db.session.scalar(select(Skill).where(Skill.term == "arc welding")) is None


def test_new_spellings_join_a_known_skill(client, login_as, db):
    login_as("coordinator")
    welding = db.session.scalar(select(Skill).where(Skill.term == "welding"))
    client.post(f"/coordinator/vocabulary/{welding.id}/aliases", data={"aliases": "tukang las listrik, weldr"})
    assert db.session.scalar(select(SkillAlias.skill_id).where(SkillAlias.alias == "weldr")) == welding.id
    assert resolve_skill_terms(["weldr"]) == [("welding", welding.id)]


def test_the_search_finds_a_skill_by_any_spelling(client, login_as):
    login_as("coordinator")
    page = client.get("/coordinator/vocabulary?q=pengelasan").get_data(as_text=True)
    assert "welding" in page
