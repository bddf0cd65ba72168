"""Rows for the seeker's dashboard and profile pages: seeker A owns the experience, skill and language."""
from sqlalchemy import select

from app.extensions import db
from app.models import Experience, LanguageLevel, SeekerLanguage, SeekerSkill
from app.services.uploads import store_upload
from tests.web.access import only, owned_by

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ROWS = {
    "seeker.dashboard": ("GET", "/seeker/", only("seeker")),
    "seeker.profile": ("GET", "/seeker/profile", only("seeker")),
    "seeker.profile_education": ("GET", "/seeker/profile/education", only("seeker")),
    "seeker.profile_experience": ("GET", "/seeker/profile/experience", only("seeker")),
    "seeker.profile_experience_delete": ("POST", "/seeker/profile/experience/{experience}/delete",
                                         owned_by("seeker", status=302)),
    "seeker.profile_skills": ("GET", "/seeker/profile/skills", only("seeker")),
    "seeker.profile_skill_delete": ("POST", "/seeker/profile/skills/{seeker_skill}/delete",
                                    owned_by("seeker", status=302)),
    "seeker.skill_suggestions": ("GET", "/seeker/skills/suggest?q=las", only("seeker")),
    "seeker.profile_languages": ("GET", "/seeker/profile/languages", only("seeker")),
    "seeker.profile_language_certificate": ("GET", "/seeker/profile/languages/{language}/certificate",
                                            owned_by("seeker")),
    "seeker.profile_language_delete": ("POST", "/seeker/profile/languages/{language}/delete",
                                       owned_by("seeker", status=302)),
    "seeker.profile_preferences": ("GET", "/seeker/profile/preferences", only("seeker")),
}


def build(world):
    """Seeker A gets an experience entry, a skill and a language with a certificate scan."""
    owner = world.users["seeker"]
    profile = owner.seeker
    upload = store_upload(PDF, "jlpt.pdf", owner)
    db.session.flush()
    experience = Experience(title="Welder", place="Pangkalpinang", months=18)
    skill = SeekerSkill(term="welding")
    level_id = db.session.scalar(select(LanguageLevel.id).where(LanguageLevel.test_code == "JLPT",
                                                                LanguageLevel.code == "N4"))
    language = SeekerLanguage(level_id=level_id, upload_id=upload.id)
    profile.experiences.append(experience)
    profile.skills.append(skill)
    profile.languages.append(language)
    db.session.commit()
    world.ids.update(experience=experience.id, seeker_skill=skill.id, language=language.id)

