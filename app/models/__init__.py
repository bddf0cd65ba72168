"""All tables, one module per aggregate; importing this package registers them all."""
from app.models.api import ApiClient, OfferReport
from app.models.audit import AuditEntry
from app.models.employer import Employer, PartnerCity, PartnerCitySector
from app.models.matching import RankingModel, SeekerChange, Shortlist
from app.models.monitoring import Alert, Case, CaseNote, CheckIn, EmployerReport
from app.models.opening import Opening, OpeningCertification, OpeningSkill
from app.models.placement import Placement, PlacementEvent, PreDepartureItem
from app.models.reference import (
                                  CertificationScheme,
                                  DestinationRule,
                                  EducationLevel,
                                  Kecamatan,
                                  Kelurahan,
                                  KkniLevel,
                                  LanguageLevel,
                                  LanguageTest,
                                  Occupation,
                                  OccupationTitle,
                                  Province,
                                  Regency,
                                  Sector,
                                  Skill,
                                  SkillAlias,
)
from app.models.seeker import (
                                  AnonymousRecord,
                                  Certification,
                                  Consent,
                                  Document,
                                  ErasureRequest,
                                  Experience,
                                  PreferredCountry,
                                  PreferredSector,
                                  ReviewRequest,
                                  SeekerLanguage,
                                  SeekerProfile,
                                  SeekerSkill,
)
from app.models.training import Cohort, CohortDemand, Enrolment, TrainingProgramme
from app.models.user import LoginSession, Notification, Upload, User

__all__ = [
    "Alert", "AnonymousRecord", "ApiClient", "AuditEntry", "Case", "CaseNote", "Certification",
    "CertificationScheme", "CheckIn", "Cohort", "CohortDemand", "Consent", "DestinationRule", "Document",
    "EducationLevel", "Employer", "EmployerReport", "Enrolment", "ErasureRequest", "Experience", "Kecamatan",
    "Kelurahan", "KkniLevel", "LanguageLevel", "LanguageTest", "LoginSession", "Notification", "Occupation",
    "OccupationTitle", "OfferReport", "Opening", "OpeningCertification", "OpeningSkill", "PartnerCity",
    "PartnerCitySector", "Placement", "PlacementEvent", "PreDepartureItem", "PreferredCountry", "PreferredSector",
    "Province", "RankingModel", "Regency", "ReviewRequest", "SeekerChange", "SeekerLanguage", "SeekerProfile",
    "SeekerSkill", "Shortlist",
    "Sector", "Skill", "SkillAlias", "TrainingProgramme", "Upload", "User",
]
