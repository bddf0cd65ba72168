"""Demo data for `flask demo load`: realistic, seeded, and labelled as demo wherever it shows.

No partner city, agreement, employer or person here is real. Partner cities and employers carry
`is_demo`, city names and agreement notes say DEMO, web and e-mail addresses of organisations use
the reserved `.example` domain, opening descriptions open with "DEMO" and certificate numbers
start with "DEMO/". The same seed and `today` give the same rows: every time is derived from
`today`, every choice comes from one `random.Random(seed)`, and nothing iterates over a set.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.clock import whole_years_between
from app.domain.codes import new_opening_code
from app.domain.vocab import ACTIVE_STAGES, PRE_DEPARTURE_ITEMS, Role
from app.extensions import db
from app.models import (
    Alert,
    Case,
    CaseNote,
    Certification,
    CertificationScheme,
    CheckIn,
    Cohort,
    CohortDemand,
    Consent,
    Document,
    EducationLevel,
    Employer,
    Enrolment,
    Experience,
    Kelurahan,
    LanguageLevel,
    Occupation,
    Opening,
    OpeningCertification,
    OpeningSkill,
    PartnerCity,
    PartnerCitySector,
    Placement,
    PlacementEvent,
    PreDepartureItem,
    PreferredCountry,
    PreferredSector,
    Regency,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
    Skill,
    TrainingProgramme,
    User,
)
from app.security.crypto import encrypt, keyed_hash
from app.services import audit
from app.services.accounts import hash_password
from app.services.audit import Actor
from app.services.demo_outcomes import add_demo_outcomes

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (published on purpose: it opens the demo accounts only)
DEMO_DOMAIN = "demo.jembatan.id"
SEEKER_COUNT = 200          # the first is the documented seeker@ account
OUTSIDE_CITY_SEEKERS = 6    # living in other regencies of Bangka Belitung
ADULT_AGE = 18


class DemoDataError(RuntimeError):
    """The demo refers to reference rows that are not loaded (run `flask reference load` first)."""


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    display_name: str


@dataclass
class DemoSummary:
    seed: int
    today: date
    password: str
    accounts: list[DemoAccount]
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"seed": self.seed, "today": self.today.isoformat(), "password": self.password,
                "accounts": [{"role": a.role, "email": a.email, "name": a.display_name} for a in self.accounts],
                "counts": self.counts}


ACCOUNTS = (
    DemoAccount(Role.SEEKER.value, f"seeker@{DEMO_DOMAIN}", "Nurul Hidayah"),
    DemoAccount(Role.EMPLOYER.value, f"employer@{DEMO_DOMAIN}", "Haruka Sato"),
    DemoAccount(Role.COORDINATOR.value, f"coordinator@{DEMO_DOMAIN}", "Siti Rahmawati"),
    DemoAccount(Role.OFFICER.value, f"officer@{DEMO_DOMAIN}", "Hendra Saputra"),
    DemoAccount(Role.ADMIN.value, f"admin@{DEMO_DOMAIN}", "Agus Setiawan"),
)

# --- partner cities and employers ------------------------------------------------------------------

DEMO_NOTE = ("DEMO — fictional agreement for demonstration; not a real sister-city agreement. No formal "
             "sister-city agreement of Kota Pangkalpinang is known; the city's own records decide.")
CITIES = (
    # key, name, country, status, signed (days ago, None = not signed), sectors
    ("JP", "Kitakyushu (DEMO)", "JP", "active", 480, ("care", "manufacturing", "hospitality")),
    ("KR", "Changwon (DEMO)", "KR", "active", 470, ("fisheries", "agriculture", "manufacturing")),
    ("TW", "Taichung (DEMO)", "TW", "active", 460, ("construction", "manufacturing", "care")),
    ("MY", "Johor Bahru (DEMO)", "MY", "draft", None, ("hospitality", "construction")),
)
EMPLOYERS = (
    # key, city, legal name, sector, status, contact person, web name
    ("hibiki", "JP", "Hibiki Care Service Co., Ltd.", "care", "verified", "Haruka Sato", "hibiki-care"),
    ("wakamatsu", "JP", "Wakamatsu Precision Welding Co., Ltd.", "manufacturing", "verified", "Kenji Mori",
     "wakamatsu-welding"),
    ("moji", "JP", "Moji Harbour Hotel Co., Ltd.", "hospitality", "verified", "Yuki Tanaka", "moji-harbour-hotel"),
    ("jinhae", "KR", "Jinhae Marine Fisheries Co., Ltd.", "fisheries", "verified", "Park Ji-hoon",
     "jinhae-marine"),
    ("greenfarm", "KR", "Changwon Green Farm Agricultural Corp.", "agriculture", "verified", "Kim Min-seo",
     "changwon-greenfarm"),
    ("buildtech", "TW", "Taichung Build-Tech Construction Co., Ltd.", "construction", "verified", "Chen Wei-ting",
     "buildtech-taichung"),
    ("goldenbridge", "TW", "Golden Bridge Manpower Consultancy Co., Ltd.", "manufacturing", "rejected",
     "Lin Chia-hao", "goldenbridge-manpower"),
    ("straits", "MY", "Straits Riverside Resort Sdn. Bhd.", "hospitality", "pending", "Nur Aina binti Hassan",
     "straits-riverside"),
)
REJECTED_EMPLOYER_REASON = ("A recruitment agency, not the employer: job orders must come from the employer itself "
                            "(UU 18/2017). Placement agencies work through licensed P3MI.")

# --- openings ----------------------------------------------------------------------------------------

CONTRACT_TERMS = {
    "JP": {"currency": "JPY", "hours_per_week": 40, "annual_leave_days": 10,
           "insurance": "Employees' health insurance and pension (shakai hoken), work-accident insurance (rosai); "
                        "BPJS Ketenagakerjaan paid before departure",
           "benefits": "Overtime paid at 125%; summer and winter bonus; Japanese lessons on site"},
    "KR": {"currency": "KRW", "hours_per_week": 44, "annual_leave_days": 11,
           "insurance": "National health insurance, industrial-accident insurance, EPS departure-guarantee and "
                        "return-cost insurance; BPJS Ketenagakerjaan paid before departure",
           "benefits": "Overtime and night work paid at 150%; severance pay after one year"},
    "TW": {"currency": "TWD", "hours_per_week": 40, "annual_leave_days": 7,
           "insurance": "Labour insurance, National Health Insurance (NHI) and occupational-accident insurance; "
                        "BPJS Ketenagakerjaan paid before departure",
           "benefits": "Overtime paid under the Labor Standards Act; meals at the site canteen"},
    "MY": {"currency": "MYR", "hours_per_week": 45, "annual_leave_days": 8,
           "insurance": "SOCSO employment-injury scheme and foreign-worker hospitalisation insurance; "
                        "BPJS Ketenagakerjaan paid before departure",
           "benefits": "Service charge share; staff meals on duty"},
}
OPENINGS = (
    # Days are relative to `today`: start_in/deadline_in ahead, approved_ago back.
    {"key": "kaigo", "employer": "hibiki", "status": "approved", "title": "Caregiver (kaigo) in a nursing home",
     "isco": "5322", "sector": "care", "positions": 6, "wage": 215000, "months": 36, "start_in": 150,
     "deadline_in": 75, "approved_ago": 40, "schemes": ("JP-SSW-CARE", "SKK-CPMI"),
     "language": ("JFT-Basic", "A2"), "education": "SMA", "ages": (18, 35),
     "skills": (("elderly care", "must"), ("personal hygiene assistance", "must"), ("patient transfer", "important"),
                ("dementia care", "nice"), ("japanese conversation", "important")),
     "accommodation": "Furnished company apartment, 2 persons per room; JPY 25,000 a month deducted",
     "summary": "Daily care of residents in a 60-bed nursing home: meals, bathing, mobility and recreation."},
    {"key": "dayservice", "employer": "hibiki", "status": "approved", "title": "Care assistant, day-service centre",
     "isco": "5322", "sector": "care", "positions": 4, "wage": 205000, "months": 24, "start_in": 75,
     "deadline_in": 30, "approved_ago": 70, "schemes": ("LSP-CAREGIVER", "SKK-CPMI"),
     "language": ("JLPT", "N4"), "education": "SMA", "ages": (18, 40),
     "skills": (("elderly care", "must"), ("meal preparation", "important"), ("mobility assistance", "important"),
                ("communication with families", "nice")),
     "accommodation": "Single room in a staff dormitory; JPY 20,000 a month deducted",
     "summary": "Support for elderly day guests: pick-up, exercise, meals and activities; no night shifts."},
    {"key": "nightcare", "employer": "hibiki", "status": "submitted", "title": "Night-shift caregiver",
     "isco": "5322", "sector": "care", "positions": 2, "wage": 232000, "months": 36, "start_in": 180,
     "deadline_in": 100, "schemes": ("JP-SSW-CARE",), "language": ("JLPT", "N4"), "education": "SMA",
     "ages": (20, None),
     "skills": (("elderly care", "must"), ("vital signs monitoring", "important"), ("first aid", "important")),
     "accommodation": "Furnished company apartment, 2 persons per room; JPY 25,000 a month deducted",
     "summary": "Night care in a group home for 18 residents, working with one Japanese colleague."},
    {"key": "grouphome", "employer": "hibiki", "status": "closed", "title": "Caregiver, group home for the elderly",
     "isco": "5322", "sector": "care", "positions": 4, "wage": 210000, "months": 36, "start_in": -245,
     "deadline_in": -300, "approved_ago": 380, "schemes": ("LSP-CAREGIVER", "SKK-CPMI"),
     "language": ("JLPT", "N4"), "education": "SMA", "ages": (18, 35),
     "skills": (("elderly care", "must"), ("dementia care", "important"), ("meal preparation", "nice")),
     "accommodation": "Furnished company apartment, 2 persons per room; JPY 25,000 a month deducted",
     "summary": "Care in a small group home for residents with dementia."},
    {"key": "welder", "employer": "wakamatsu", "status": "approved", "title": "SMAW welder, steel structures",
     "isco": "7212", "sector": "manufacturing", "positions": 5, "wage": 238000, "months": 36, "start_in": 120,
     "deadline_in": 60, "approved_ago": 25, "schemes": ("SKKNI-SMAW", "SKK-CPMI"), "language": ("JFT-Basic", "A2"),
     "education": "SMK", "ages": (18, 35),
     "skills": (("smaw", "must"), ("blueprint reading", "important"), ("grinding", "important"),
                ("workplace safety", "must")),
     "accommodation": "Shared company dormitory near the plant; JPY 18,000 a month deducted",
     "summary": "Manual arc welding of beams and brackets for bridges and buildings, 3G position."},
    {"key": "fabrication", "employer": "wakamatsu", "status": "approved", "title": "Metal fabrication worker",
     "isco": "7214", "sector": "manufacturing", "positions": 3, "wage": 226000, "months": 36, "start_in": 140,
     "deadline_in": 70, "approved_ago": 30, "schemes": ("LSP-MANUFAKTUR",), "language": ("JLPT", "N4"),
     "education": "SMK", "ages": (18, None),
     "skills": (("metal fabrication", "must"), ("grinding", "important"), ("forklift operation", "nice"),
                ("quality inspection", "nice")),
     "accommodation": "Shared company dormitory near the plant; JPY 18,000 a month deducted",
     "summary": "Cutting, fitting and assembling steel parts in a fabrication shop."},
    {"key": "assembly", "employer": "wakamatsu", "status": "draft", "title": "Machine assembly operator",
     "isco": "8211", "sector": "manufacturing", "positions": 3, "wage": 221000, "months": 36, "start_in": 200,
     "deadline_in": 130, "schemes": ("JP-SSW-MANUFACTURING",), "language": ("JLPT", "N4"), "education": "SMK",
     "ages": (18, None), "skills": (("assembly line work", "must"), ("machine maintenance", "nice")),
     "accommodation": "Shared company dormitory near the plant; JPY 18,000 a month deducted",
     "summary": "Assembly of industrial pumps on a line, following work instructions."},
    {"key": "hotelstaff", "employer": "moji", "status": "approved", "title": "Hotel housekeeping and front staff",
     "isco": "9112", "sector": "hospitality", "positions": 4, "wage": 212000, "months": 24, "start_in": 100,
     "deadline_in": 45, "approved_ago": 55, "schemes": ("JP-SSW-ACCOMMODATION",), "language": ("JFT-Basic", "A2"),
     "education": "SMA", "ages": (18, None),
     "skills": (("housekeeping", "must"), ("customer service", "important"), ("front office", "nice"),
                ("japanese conversation", "important")),
     "accommodation": "Staff dormitory next to the hotel; JPY 15,000 a month deducted",
     "summary": "Room cleaning and bed-making, guest help at the front desk in busy hours."},
    {"key": "hotelcook", "employer": "moji", "status": "approved", "title": "Cook, hotel restaurant kitchen",
     "isco": "5120", "sector": "hospitality", "positions": 2, "wage": 224000, "months": 24, "start_in": 110,
     "deadline_in": 50, "approved_ago": 35, "schemes": ("ASEAN-MRA-TP", "SKK-CPMI"), "language": ("JLPT", "N4"),
     "education": "SMK", "ages": (18, None),
     "skills": (("cooking", "must"), ("food safety", "must"), ("teamwork", "nice")),
     "accommodation": "Staff dormitory next to the hotel; JPY 15,000 a month deducted",
     "summary": "Preparing breakfast buffet and set menus under the head chef."},
    {"key": "waiter", "employer": "moji", "status": "changes_requested", "title": "Restaurant waiter or waitress",
     "isco": "5131", "sector": "hospitality", "positions": 2, "wage": 205000, "months": 24, "start_in": 130,
     "deadline_in": 70, "schemes": ("JP-SSW-ACCOMMODATION",), "language": ("JLPT", "N4"), "education": "SMA",
     "ages": (18, None),
     "skills": (("food and beverage service", "must"), ("table setting", "important"), ("guest relations", "nice")),
     "accommodation": "Staff dormitory next to the hotel",
     "review_notes": "Please state the monthly dormitory charge deducted from the wage.",
     "summary": "Serving guests in the hotel restaurant and banquet hall."},
    {"key": "deckhand", "employer": "jinhae", "status": "approved", "title": "Deckhand, coastal fishing vessel",
     "isco": "6222", "sector": "fisheries", "positions": 6, "wage": 2300000, "months": 36, "start_in": 90,
     "deadline_in": 40, "approved_ago": 30, "schemes": ("KR-EPS", "BST-F"), "language": ("EPS-TOPIK", "pass"),
     "education": "SMP", "ages": (18, 39),
     "skills": (("deck work", "must"), ("net mending", "important"), ("sea survival", "must"), ("fishing", "nice")),
     "accommodation": "Shared housing ashore, 3 persons per room, provided free of charge",
     "summary": "Work on a 30-tonne coastal vessel: hauling, sorting catch, net repair; back in port daily."},
    {"key": "aquaculture", "employer": "jinhae", "status": "approved", "title": "Fish farm worker (aquaculture)",
     "isco": "6221", "sector": "fisheries", "positions": 4, "wage": 2200000, "months": 36, "start_in": 8,
     "deadline_in": 2, "approved_ago": 120, "schemes": ("KR-EPS",), "language": ("EPS-TOPIK", "pass"),
     "education": "SMP", "ages": (18, 39),
     "skills": (("aquaculture", "must"), ("boat engine maintenance", "nice"), ("teamwork", "nice")),
     "accommodation": "Container housing on the farm site, 2 persons per room, free of charge",
     "summary": "Feeding, cleaning cages and harvesting at an offshore sea-bream farm."},
    {"key": "fishprocessing", "employer": "jinhae", "status": "approved", "title": "Fish processing line worker",
     "isco": "8160", "sector": "fisheries", "positions": 5, "wage": 2150000, "months": 36, "start_in": 130,
     "deadline_in": 60, "approved_ago": 12, "schemes": ("KR-EPS",), "language": ("EPS-TOPIK", "pass"),
     "education": "SMP", "ages": (18, 39),
     "skills": (("fish processing", "must"), ("packing", "important"), ("food safety", "important")),
     "accommodation": "Shared dormitory, 3 persons per room; KRW 150,000 a month deducted",
     "summary": "Filleting, grading and packing fish in a chilled processing hall."},
    {"key": "greenhouse", "employer": "greenfarm", "status": "approved", "title": "Greenhouse vegetable worker",
     "isco": "9211", "sector": "agriculture", "positions": 6, "wage": 2100000, "months": 36, "start_in": 95,
     "deadline_in": 45, "approved_ago": 45, "schemes": ("KR-EPS",), "language": ("EPS-TOPIK", "pass"),
     "education": "SMP", "ages": (18, 39),
     "skills": (("greenhouse work", "must"), ("harvesting", "important"), ("irrigation", "nice"),
                ("pesticide handling", "important")),
     "accommodation": "Farm house, 2 persons per room; KRW 200,000 a month deducted",
     "summary": "Growing tomatoes and paprika in heated greenhouses: planting, pruning, harvest and packing."},
    {"key": "livestock", "employer": "greenfarm", "status": "submitted", "title": "Livestock farm worker",
     "isco": "6121", "sector": "agriculture", "positions": 2, "wage": 2100000, "months": 36, "start_in": 160,
     "deadline_in": 90, "schemes": ("KR-EPS",), "language": ("EPS-TOPIK", "pass"), "education": "SMP",
     "ages": (18, 39), "skills": (("animal husbandry", "must"), ("tractor operation", "nice")),
     "accommodation": "Farm house, 2 persons per room; KRW 200,000 a month deducted",
     "summary": "Feeding and cleaning on a dairy-cattle farm, milking twice a day."},
    {"key": "concrete", "employer": "buildtech", "status": "approved", "title": "Construction worker, concrete",
     "isco": "7114", "sector": "construction", "positions": 8, "wage": 32000, "months": 36, "start_in": 22,
     "deadline_in": 5, "approved_ago": 90, "schemes": ("SKK-KONSTRUKSI",), "education": "SMP", "ages": (20, 45),
     "skills": (("concrete work", "must"), ("rebar fixing", "important"), ("scaffolding", "important"),
                ("workplace safety", "must")),
     "accommodation": "Site dormitory, 4 persons per room; TWD 2,500 a month deducted",
     "summary": "Pouring and finishing concrete for a 14-storey residential building."},
    {"key": "formwork", "employer": "buildtech", "status": "approved", "title": "Formwork carpenter",
     "isco": "7115", "sector": "construction", "positions": 4, "wage": 34000, "months": 36, "start_in": 85,
     "deadline_in": 35, "approved_ago": 50, "schemes": ("SKK-KONSTRUKSI", "SKKNI-TUKANG-KAYU"), "education": "SMP",
     "ages": (20, 45),
     "skills": (("formwork", "must"), ("carpentry", "must"), ("reading technical drawings", "important")),
     "accommodation": "Site dormitory, 4 persons per room; TWD 2,500 a month deducted",
     "summary": "Building and striking timber and steel formwork for walls and slabs."},
    {"key": "tiler", "employer": "buildtech", "status": "approved", "title": "Tile setter",
     "isco": "7122", "sector": "construction", "positions": 3, "wage": 33000, "months": 36, "start_in": 125,
     "deadline_in": 60, "approved_ago": 8, "schemes": ("SKK-KONSTRUKSI",), "education": "SMP", "ages": (20, 45),
     "skills": (("tiling", "must"), ("plastering", "important"), ("reading technical drawings", "nice")),
     "accommodation": "Site dormitory, 4 persons per room; TWD 2,500 a month deducted",
     "summary": "Floor and wall tiling in apartments, bathrooms and lobbies."},
    {"key": "sitewelder", "employer": "buildtech", "status": "approved", "title": "Site welder, steel frames",
     "isco": "7212", "sector": "construction", "positions": 2, "wage": 36000, "months": 36, "start_in": 105,
     "deadline_in": 50, "approved_ago": 15, "schemes": ("SKKNI-SMAW", "SKK-KONSTRUKSI"), "education": "SMK",
     "ages": (20, 45),
     "skills": (("welding", "must"), ("smaw", "must"), ("scaffolding", "nice"), ("workplace safety", "must")),
     "accommodation": "Site dormitory, 4 persons per room; TWD 2,500 a month deducted",
     "summary": "Welding steel columns and beams on site, working at height with harness."},
    {"key": "roomattendant", "employer": "straits", "status": "draft", "title": "Room attendant, riverside resort",
     "isco": "9112", "sector": "hospitality", "positions": 5, "wage": 1900, "months": 24, "start_in": 170,
     "deadline_in": 110, "schemes": ("ASEAN-MRA-TP",), "language": ("TOEIC", "405"), "education": "SMA",
     "ages": (18, None), "skills": (("housekeeping", "must"), ("laundry", "important"), ("cleaning", "important")),
     "accommodation": "Staff hostel, 4 persons per room, free of charge",
     "summary": "Cleaning and preparing guest rooms and villas of a 180-room resort."},
)

# --- seekers ---------------------------------------------------------------------------------------

NAME_GROUPS = (("malay", 55), ("chinese", 30), ("javanese", 15))
GIVEN_NAMES = {
    ("malay", "M"): ("Rizky", "Fajar", "Muhammad", "Ahmad", "Hendra", "Dedi", "Fikri", "Arif", "Ilham", "Rahmat",
                     "Yudi", "Bayu", "Reza", "Doni", "Firman", "Iwan", "Randi", "Sandi", "Aldi", "Ferdi", "Zulkifli"),
    ("malay", "F"): ("Nurul", "Siti", "Putri", "Rina", "Fitri", "Ayu", "Indah", "Wulan", "Yuni", "Nadia", "Dina",
                     "Aulia", "Nur", "Anisa", "Dewi", "Mega", "Rahma", "Salsabila", "Zahra", "Laila"),
    ("chinese", "M"): ("Hendri", "Kevin", "Steven", "Jonathan", "Willy", "Ricky", "Ferry", "Yohanes", "Andreas",
                       "Felix", "Hengky", "Ronald", "Sugianto", "Budiman", "Vincent", "Edwin"),
    ("chinese", "F"): ("Meliana", "Yuliana", "Susanti", "Cindy", "Novita", "Jessica", "Lili", "Veronika",
                       "Stefani", "Mei Ling", "Agustina", "Fransiska", "Elisa", "Natalia", "Vivian"),
    ("javanese", "M"): ("Joko", "Slamet", "Budi", "Bambang", "Teguh", "Wahyu", "Sugeng", "Eko", "Dwi", "Tri",
                        "Adi", "Bagus", "Yoga"),
    ("javanese", "F"): ("Sri", "Endang", "Ratna", "Wahyuni", "Suci", "Rini", "Tri", "Dwi", "Ningsih", "Retno",
                        "Ayu"),
}
FAMILY_NAMES = {
    ("malay", "M"): ("Pratama", "Saputra", "Ramadhan", "Hidayat", "Kurniawan", "Firmansyah", "Syahputra",
                     "Maulana", "Hakim", "Rahman", "Putra", "Akbar"),
    ("malay", "F"): ("Lestari", "Anggraini", "Rahmawati", "Safitri", "Oktaviani", "Puspita", "Maharani",
                     "Hidayah", "Fadilah", "Aprilia", "Ramadhani", "Permata"),
    ("chinese", "M"): ("Bong", "Tjhai", "Lim", "Chin", "Phang", "Jap", "Liu", "Tjong", "Fung", "Wijaya", "Halim",
                       "Gunawan", "Tanjaya", "Lie"),
    ("javanese", "M"): ("Santoso", "Wibowo", "Susilo", "Prasetyo", "Nugroho", "Setiawan", "Purnomo", "Hartono",
                        "Wicaksono"),
    ("javanese", "F"): ("Rahayu", "Handayani", "Wulandari", "Astuti", "Kusumawati", "Pertiwi", "Lestari",
                        "Purwaningsih"),
}
FAMILY_NAMES[("chinese", "F")] = FAMILY_NAMES[("chinese", "M")]  # family names do not change with gender

# A track is what a seeker is heading for: skills, schemes, countries and sector go together.
TRACKS = {
    "care": {"skills": ("elderly care", "patient transfer", "first aid", "personal hygiene assistance",
                        "meal preparation", "medication reminders", "dementia care", "vital signs monitoring",
                        "communication with families", "infection control", "mobility assistance"),
             "schemes": ("LSP-CAREGIVER", "BLK-CAREGIVER", "JP-SSW-CARE", "TW-CARE"), "countries": ("JP", "TW", "DE")},
    "manufacturing": {"skills": ("welding", "smaw", "gmaw", "tig welding", "blueprint reading", "grinding",
                                 "metal fabrication", "quality inspection", "forklift operation", "cnc operation",
                                 "machine maintenance", "assembly line work", "electronics assembly"),
                      "schemes": ("SKKNI-SMAW", "LSP-MANUFAKTUR", "JP-SSW-MANUFACTURING"),
                      "countries": ("JP", "KR", "TW")},
    "construction": {"skills": ("bricklaying", "concrete work", "scaffolding", "formwork", "plastering", "tiling",
                                "reading technical drawings", "carpentry", "rebar fixing", "plumbing",
                                "electrical installation", "painting"),
                     "schemes": ("SKK-KONSTRUKSI", "SKKNI-TUKANG-KAYU", "JP-SSW-CONSTRUCTION"),
                     "countries": ("TW", "JP", "MY")},
    "hospitality": {"skills": ("housekeeping", "laundry", "room service", "customer service",
                               "food and beverage service", "cleaning", "front office", "table setting",
                               "food safety", "cooking", "guest relations", "barista"),
                    "schemes": ("ASEAN-MRA-TP", "JP-SSW-ACCOMMODATION"), "countries": ("JP", "MY")},
    "fisheries": {"skills": ("fishing", "net mending", "fish processing", "aquaculture", "deck work", "sea survival",
                             "boat engine maintenance"),
                  "schemes": ("BST-F", "JP-SSW-FISHERY", "KR-EPS"), "countries": ("KR", "TW", "JP")},
    "agriculture": {"skills": ("crop cultivation", "harvesting", "irrigation", "pesticide handling",
                               "greenhouse work", "animal husbandry", "tractor operation", "pepper farming",
                               "palm oil plantation work", "packing", "pruning"),
                    "schemes": ("JP-SSW-AGRICULTURE", "KR-EPS"), "countries": ("KR", "JP")},
}
GENERAL_SKILLS = ("workplace safety", "driving", "computer literacy", "teamwork", "english conversation")
TRACK_WEIGHTS = {
    "M": {"manufacturing": 28, "construction": 22, "fisheries": 16, "agriculture": 12, "hospitality": 12, "care": 10},
    "F": {"care": 40, "hospitality": 28, "manufacturing": 14, "agriculture": 10, "fisheries": 4, "construction": 4},
}
EDUCATION_WEIGHTS = {"SD": 3, "SMP": 14, "SMA": 30, "SMK": 36, "D1": 3, "D3": 8, "S1": 6}
LANGUAGE_OPTIONS = {
    "JP": (("JLPT", ("N5", "N5", "N4", "N4", "N3")), ("JFT-Basic", ("A2.1", "A2", "A2"))),
    "KR": (("EPS-TOPIK", ("pass",)), ("TOPIK", ("1", "2"))),
    "TW": (("TOCFL", ("1", "2", "3")), ("HSK", ("2", "3", "4"))),
    "MY": (("TOEIC", ("405", "450", "550", "650")), ("IELTS", ("4.5", "5", "5.5"))),
    "DE": (("Goethe", ("A1", "A2", "B1")),),
}
# Years a certificate stays valid; None: it does not expire.
VALIDITY_YEARS = {"KR-EPS": 2, "BST-F": 5, "JP-SSW-CARE": None, "JP-SSW-MANUFACTURING": None,
                  "JP-SSW-CONSTRUCTION": None, "JP-SSW-ACCOMMODATION": None, "JP-SSW-FISHERY": None,
                  "JP-SSW-AGRICULTURE": None}
CERT_ISSUERS = {"BLK-CAREGIVER": "UPTD BLK Kota Pangkalpinang", "KR-EPS": "HRD Korea (EPS test)",
                "BST-F": "Politeknik Kelautan dan Perikanan (demo)", "SKK-KONSTRUKSI": "LSP Konstruksi (demo)",
                "TW-CARE": "LSP Caregiver (demo)"}
REJECTION_REASONS = (
    "Scan tidak terbaca; mohon unggah ulang halaman depan sertifikat.",
    "Nomor sertifikat tidak ditemukan pada data LSP penerbit.",
    "Nama pada sertifikat berbeda dengan nama pada KTP.",
)

# --- training and placements ----------------------------------------------------------------------

PROGRAMMES = (
    {"key": "caregiver", "name": "Pelatihan Caregiver (Kaigo) untuk Penempatan Jepang", "scheme": "BLK-CAREGIVER",
     "provider": "UPTD BLK Kota Pangkalpinang", "kind": "BLK", "hours": 480, "cost": 0, "language": "Indonesian",
     "description": "Perawatan lansia, P3K, komunikasi, dan bahasa Jepang dasar (N5-N4). Gratis, dibiayai APBD."},
    {"key": "smaw", "name": "Pengelasan SMAW 3G (Juru Las)", "scheme": "SKKNI-SMAW",
     "provider": "UPTD BLK Kota Pangkalpinang", "kind": "BLK", "hours": 320, "cost": 0, "language": "Indonesian",
     "description": "Las busur manual posisi 1G-3G sesuai SKKNI, diakhiri uji kompetensi oleh LSP."},
    {"key": "hotel", "name": "Tata Graha Hotel dan Bahasa Jepang", "scheme": "JP-SSW-ACCOMMODATION",
     "provider": "LPK Sakura Bangka Mandiri (demo)", "kind": "LPK", "hours": 400, "cost": 1500000,
     "language": "Indonesian, Japanese",
     "description": "Housekeeping, pelayanan tamu dan persiapan ujian SSW akomodasi serta JFT-Basic."},
    {"key": "formwork", "name": "Tukang Bekisting dan Beton Bangunan Gedung", "scheme": "SKK-KONSTRUKSI",
     "provider": "LPK Karya Konstruksi Babel (demo)", "kind": "LPK", "hours": 240, "cost": 0,
     "language": "Indonesian", "description": "Bekisting, pembesian dan pengecoran, K3 konstruksi, uji SKK."},
)
COHORTS = (
    # programme, starts (days from today), length in days, capacity, status, enrolled, passed
    ("caregiver", -210, 120, 20, "completed", 10, 8),
    ("smaw", -40, 90, 16, "running", 8, None),
    ("caregiver", 35, 120, 20, "open", 6, None),
    ("hotel", 60, 90, 24, "open", 4, None),
    ("formwork", 90, 60, 15, "planned", 0, None),
)
PLACEMENTS = (
    # opening, stage; the seeker@ account has the shortlisted one on "dayservice"
    ("kaigo", "applied"), ("deckhand", "applied"), ("dayservice", "shortlisted"), ("welder", "shortlisted"),
    ("dayservice", "interview"), ("greenhouse", "interview"), ("kaigo", "offered"), ("hotelstaff", "accepted"),
    ("dayservice", "contract_signed"), ("concrete", "documents_verified"), ("aquaculture", "departed"),
    ("grouphome", "arrived"), ("grouphome", "arrived"), ("grouphome", "arrived"), ("grouphome", "returned"),
    ("fabrication", "withdrawn"),
)
# Days from the previous stage to this one (plus up to two days of chance).
STAGE_GAPS = {"shortlisted": 5, "interview": 7, "offered": 6, "accepted": 3, "contract_signed": 10,
              "documents_verified": 28, "departed": 12, "withdrawn": 4}
STAGE_NOTES = {
    "interview": "Wawancara daring (video call) dengan pemberi kerja.",
    "offered": "Surat tawaran kerja dikirim melalui Jembatan.",
    "contract_signed": "Perjanjian kerja ditandatangani di Disnaker Kota Pangkalpinang.",
    "documents_verified": "Seluruh dokumen pra-penempatan telah diverifikasi.",
    "departed": "Berangkat dari Bandara Depati Amir melalui Jakarta.",
    "arrived": "Tiba dan dijemput pihak pemberi kerja.",
    "returned": "Pulang sebelum kontrak berakhir karena orang tua sakit; kontrak diakhiri atas kesepakatan bersama.",
    "withdrawn": "Pelamar memilih melanjutkan kuliah D3 di Pangkalpinang.",
}
STAGE_REASONS = {"withdrawn": "changed_mind", "returned": "early_return_family"}
SEEKER_MOVES = ("applied", "accepted", "withdrawn")
EMPLOYER_MOVES = ("shortlisted", "interview", "offered")


def load_demo(today: date | None = None, seed: int = 2026) -> DemoSummary | None:
    """Load the demo data in one transaction; None (and nothing written) if any user exists."""
    if db.session.scalar(select(User.id).limit(1)) is not None:
        return None
    today = today or date.today()
    try:
        summary = _Builder(today, seed).build()
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    return summary


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (later when negative); 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _stamped(when: datetime) -> dict:
    """Timestamp columns set explicitly, so the clock never leaks into demo rows."""
    return {"created_at": when, "updated_at": when}


def _label(user: User) -> str:
    return f"{user.role}:{user.id}"


class _Reference:
    """The reference rows the demo refers to, read once and checked before anything is written."""

    def __init__(self):
        self.kelurahan = [tuple(row) for row in db.session.execute(
            select(Kelurahan.code, Kelurahan.kecamatan_code).order_by(Kelurahan.code))]
        self.regencies = list(db.session.scalars(select(Regency.code).order_by(Regency.code)))
        self.skill_ids = dict(db.session.execute(select(Skill.term, Skill.id)).all())
        self.levels = {(test, code): (level_id, rank) for level_id, test, code, rank in db.session.execute(
            select(LanguageLevel.id, LanguageLevel.test_code, LanguageLevel.code, LanguageLevel.rank))}
        self.level_of = {level_id: (test, rank) for (test, _code), (level_id, rank) in self.levels.items()}
        self.education_rank = dict(db.session.execute(select(EducationLevel.code, EducationLevel.rank)).all())
        self._check()

    def _check(self) -> None:
        if not self.kelurahan:
            raise DemoDataError("no kelurahan: load the reference data first (flask reference load)")
        terms = [t for track in TRACKS.values() for t in track["skills"]] + list(GENERAL_SKILLS)
        terms += [term for o in OPENINGS for term, _importance in o["skills"]]
        levels = [(t, c) for options in LANGUAGE_OPTIONS.values() for t, codes in options for c in codes]
        levels += [o["language"] for o in OPENINGS if o.get("language")]
        schemes = [s for track in TRACKS.values() for s in track["schemes"]] + ["SKK-CPMI"]
        schemes += [s for o in OPENINGS for s in o["schemes"]] + [p["scheme"] for p in PROGRAMMES]
        known_schemes = set(db.session.scalars(select(CertificationScheme.code)))
        known_occupations = set(db.session.scalars(select(Occupation.code)))
        missing = [f"skill {t}" for t in terms if t not in self.skill_ids]
        missing += [f"language level {t} {c}" for t, c in levels if (t, c) not in self.levels]
        missing += [f"scheme {s}" for s in schemes if s not in known_schemes]
        missing += [f"occupation {o['isco']}" for o in OPENINGS if o["isco"] not in known_occupations]
        if missing:
            raise DemoDataError("reference data lacks " + ", ".join(dict.fromkeys(missing)))

    def level(self, test: str, code: str) -> int:
        return self.levels[(test, code)][0]


class _Builder:
    """Builds the demo rows batch by batch, flushing once per batch; the caller commits."""

    def __init__(self, today: date, seed: int):
        self.today, self.seed = today, seed
        self.now = datetime.combine(today, time(10, 0))
        self.rng = random.Random(seed)  # noqa: S311 (repeatable demo data, not a secret)
        self.ref = _Reference()
        self.password_hash = hash_password(DEMO_PASSWORD)  # once: hashing is slow on purpose
        self.users: dict[str, User] = {}
        self.cities: dict[str, PartnerCity] = {}
        self.employers: dict[str, Employer] = {}
        self.openings: dict[str, Opening] = {}
        self.seekers: list[SeekerProfile] = []
        self.tracks: dict[SeekerProfile, str] = {}
        self.passports: dict[SeekerProfile, str] = {}
        self.used_niks: list[str] = []
        self.chosen: list[tuple[Opening, str, SeekerProfile, dict[str, datetime]]] = []

    def build(self) -> DemoSummary:
        self._add_staff()
        self._add_partners()
        self._add_openings()
        self._add_seekers()
        self._add_training()
        placements = self._add_placements()
        add_demo_outcomes(self.today, self.seed)  # DEMO decisions on applications, for `flask match train`
        self._add_monitoring(placements)
        counts = self._counts()
        entry = audit.record(Actor.system("demo"), "demo_loaded", object_type="demo", seed=self.seed,
                             today=self.today.isoformat(), counts=counts)
        entry.at = self.now
        db.session.flush()
        return DemoSummary(self.seed, self.today, DEMO_PASSWORD, list(ACCOUNTS), counts)

    def at(self, days: float, hour: float = 0) -> datetime:
        """A time `days` from `today` 10:00 UTC (negative: in the past)."""
        return self.now + timedelta(days=days, hours=hour)

    def day(self, days: int) -> date:
        return self.today + timedelta(days=days)

    def new_user(self, account_email: str | None, role: str, name: str, created: datetime, locale: str = "id",
                 **fields) -> User:
        return User(email=account_email, password_hash=self.password_hash, role=role, display_name=name,
                    locale=locale, **_stamped(created), **fields)

    @property
    def coordinator(self) -> User:
        return self.users[Role.COORDINATOR]

    def _counts(self) -> dict[str, int]:
        models = {"users": User, "partner_cities": PartnerCity, "employers": Employer, "openings": Opening,
                  "seekers": SeekerProfile, "certifications": Certification, "training_programmes": TrainingProgramme,
                  "cohorts": Cohort, "enrolments": Enrolment, "placements": Placement, "checkins": CheckIn,
                  "cases": Case, "alerts": Alert}
        counts = {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in models.items()}
        counts["openings_approved"] = db.session.scalar(
            select(func.count()).select_from(Opening).where(Opening.status == "approved"))
        return counts

    # --- staff, partner cities, employers -------------------------------------------------------

    def _add_staff(self) -> None:
        for account in ACCOUNTS[2:]:
            self.users[account.role] = self.new_user(account.email, account.role, account.display_name,
                                                     self.at(-520))
        db.session.add_all(self.users.values())
        db.session.flush()

    def _add_partners(self) -> None:
        for key, name, country, status, signed_ago, sectors in CITIES:
            signed = self.day(-signed_ago) if signed_ago else None
            self.cities[key] = PartnerCity(
                name=name, country_code=country, agreement_kind="Demo MoU (fictional)", agreement_status=status,
                agreement_signed_on=signed, agreement_expires_on=_years_before(signed, -5) if signed else None,
                contact_name="International cooperation desk (demo)",
                contact_email=f"partner-{key.lower()}@city-demo.example", notes=DEMO_NOTE, is_demo=True,
                sectors=[PartnerCitySector(sector_code=s) for s in sectors], **_stamped(self.at(-500)))
        for n, (key, city, *details) in enumerate(EMPLOYERS, start=1):
            self.employers[key] = self._employer(n, self.cities[city], *details)
        account, hibiki = ACCOUNTS[1], self.employers["hibiki"]
        self.users[account.role] = self.new_user(account.email, account.role, account.display_name,
                                                 hibiki.created_at, locale="en", employer=hibiki)
        db.session.add_all([*self.cities.values(), *self.employers.values(), self.users[account.role]])
        db.session.flush()

    def _employer(self, n: int, city: PartnerCity, legal_name: str, sector: str, status: str, contact: str,
                  web: str) -> Employer:
        registered = self.at(-440 + n * 9)
        reviewed = registered + timedelta(days=6) if status != "pending" else None
        return Employer(
            partner_city=city, legal_name=legal_name, registration_number=f"DEMO-{city.country_code}-{n:04d}",
            address=f"{city.name}, {city.country_code} (demo address)", sector_code=sector, contact_person=contact,
            contact_email=f"recruit@{web}.example", website=f"https://{web}.example", status=status,
            reviewed_by_id=self.coordinator.id if reviewed else None, reviewed_at=reviewed,
            status_reason=REJECTED_EMPLOYER_REASON if status == "rejected" else None, is_demo=True,
            **_stamped(registered))

    # --- openings -------------------------------------------------------------------------------

    def _add_openings(self) -> None:
        codes: list[str] = []
        for spec in OPENINGS:
            opening = self._opening(spec)
            if spec.get("approved_ago") is not None:
                opening.code = self._unique_code(codes)
            self.openings[spec["key"]] = opening
        db.session.add_all(self.openings.values())
        db.session.flush()

    def _unique_code(self, taken: list[str]) -> str:
        code = new_opening_code(random_choice=self.rng.choice)
        while code in taken:
            code = new_opening_code(random_choice=self.rng.choice)
        taken.append(code)
        return code

    def _opening(self, spec: dict) -> Opening:
        employer = self.employers[spec["employer"]]
        city, terms = employer.partner_city, CONTRACT_TERMS[employer.partner_city.country_code]
        approved_ago = spec.get("approved_ago")
        reviewed = self.at(-approved_ago) if approved_ago else self.at(-3) if spec.get("review_notes") else None
        return Opening(
            employer=employer, title=spec["title"], occupation_code=spec["isco"], sector_code=spec["sector"],
            city=city.name.removesuffix(" (DEMO)"), country_code=city.country_code, positions=spec["positions"],
            language_level_id=self.ref.level(*spec["language"]) if spec.get("language") else None,
            min_education_code=spec["education"], min_age=spec["ages"][0], max_age=spec["ages"][1],
            start_date=self.day(spec["start_in"]), contract_months=spec["months"],
            hours_per_week=terms["hours_per_week"], monthly_wage=Decimal(spec["wage"]), currency=terms["currency"],
            annual_leave_days=terms["annual_leave_days"], insurance=terms["insurance"],
            accommodation=spec["accommodation"], benefits=terms["benefits"], worker_costs_idr=Decimal(0),
            deadline=self.day(spec["deadline_in"]), status=spec["status"],
            description=f"DEMO opening — fictional employer and job, for demonstration only. {spec['summary']}",
            review_notes=spec.get("review_notes"), reviewed_by_id=self.coordinator.id if reviewed else None,
            reviewed_at=reviewed, approved_at=self.at(-approved_ago) if approved_ago else None,
            closed_reason="filled" if spec["status"] == "closed" else None, is_demo=True,
            certifications=[OpeningCertification(scheme_code=s) for s in spec["schemes"]],
            skills=[OpeningSkill(term=t, skill_id=self.ref.skill_ids[t], importance=i) for t, i in spec["skills"]],
            **_stamped(self.at(-(approved_ago or 10) - 14)))

    # --- seekers --------------------------------------------------------------------------------

    def _add_seekers(self) -> None:
        self.seekers.append(self._demo_seeker())
        for n, (kelurahan, regency) in enumerate(self._places(), start=1):
            self.seekers.append(self._seeker(n, kelurahan, regency))
        self._choose_placement_seekers()  # before the flush: it completes their profiles
        db.session.add_all(self.seekers)
        db.session.flush()

    def _places(self) -> list[tuple[tuple[str, str] | None, str | None]]:
        """Every kelurahan once, then a seeded spread; a few seekers live in other regencies."""
        count = SEEKER_COUNT - 1 - OUTSIDE_CITY_SEEKERS
        places = [(k, None) for k in self.ref.kelurahan]
        places += [(self.rng.choice(self.ref.kelurahan), None) for _ in range(count - len(places))]
        self.rng.shuffle(places)
        for i in range(OUTSIDE_CITY_SEEKERS):
            places.insert(17 + i * 29, (None, self.ref.regencies[i % len(self.ref.regencies)]))
        return places

    def _nik(self, district: str, birth: date, gender: str) -> str:
        day = birth.day + (40 if gender == "F" else 0)
        serial = self.rng.randint(1, 40)
        nik = f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
        while nik in self.used_niks:
            serial += 1
            nik = f"{nik[:12]}{serial:04d}"
        self.used_niks.append(nik)
        return nik

    def _birth_date(self, age: int) -> date:
        """A birth date giving exactly `age` whole years today."""
        return _years_before(self.today, age) - timedelta(days=self.rng.randint(1, 364))

    def _name(self, gender: str) -> str:
        group = self.rng.choices([g for g, _w in NAME_GROUPS], [w for _g, w in NAME_GROUPS])[0]
        given = self.rng.choice(GIVEN_NAMES[(group, gender)])
        family = self.rng.choice(FAMILY_NAMES[(group, gender)])
        while family.startswith(given):  # no "Firman Firmansyah"
            family = self.rng.choice(FAMILY_NAMES[(group, gender)])
        if group == "javanese" and self.rng.random() < 0.2:
            return given  # many Javanese carry a single name
        return f"{given} {family}"

    def _profile(self, user: User, birth: date, gender: str, kelurahan: tuple[str, str] | None,
                 regency: str | None, education: str, experience: float) -> SeekerProfile:
        # The NIK's first six digits are the kecamatan where it was issued: here, where the seeker lives.
        district = kelurahan[1] if kelurahan else f"{regency}.0{self.rng.randint(1, 5)}"
        nik = self._nik(district.replace(".", ""), birth, gender)
        return SeekerProfile(
            user=user, nik_encrypted=encrypt(nik), nik_hash=keyed_hash(nik, "nik"), full_name=user.display_name,
            birth_date=birth, gender=gender, kelurahan_code=kelurahan[0] if kelurahan else None,
            regency_code=regency, phone=f"+62812{self.rng.randint(10_000_000, 99_999_999)}",
            education_code=education, experience_years=Decimal(str(round(experience, 1))),
            **_stamped(user.created_at))

    def _registered(self, birth: date) -> datetime:
        """When a seeker signed up: within the last 18 months, never before turning 15."""
        since_15 = (self.today - _years_before(birth, -15)).days
        span = max(1, min(540, since_15))
        return self.at(-self.rng.randint(min(3, span), span), hour=self.rng.randint(0, 600) / 60)

    def _seeker(self, n: int, kelurahan: tuple[str, str] | None, regency: str | None) -> SeekerProfile:
        rng = self.rng
        gender = "F" if rng.random() < 0.48 else "M"
        age = rng.randint(15, 17) if n % 12 == 5 else min(40, int(rng.triangular(18, 41, 23)))
        birth = self._birth_date(age)
        registered = self._registered(birth)
        track = rng.choices(list(TRACK_WEIGHTS[gender]), list(TRACK_WEIGHTS[gender].values()))[0]
        email = None if n % 23 == 0 else f"demo.seeker.{n:03d}@{DEMO_DOMAIN}"
        user = self.new_user(email, Role.SEEKER, self._name(gender), registered)
        experience = rng.uniform(0, min(12, age - 19)) if age >= 20 else 0
        profile = self._profile(user, birth, gender, kelurahan, regency, self._education(age), experience)
        self.tracks[profile] = track
        self._add_skills(profile, track)
        self._add_languages(profile, self._add_preferences(profile, track))
        if age >= ADULT_AGE:
            self._add_certifications(profile, track, birth)
        self._add_consents(profile, minor=whole_years_between(birth, registered.date()) < ADULT_AGE)
        return profile

    def _education(self, age: int) -> str:
        if age < 17:
            return "SMP"
        if age < 19:
            return self.rng.choice(("SMP", "SMA", "SMK"))
        return self.rng.choices(list(EDUCATION_WEIGHTS), list(EDUCATION_WEIGHTS.values()))[0]

    def _add_skills(self, profile: SeekerProfile, track: str) -> None:
        count = self.rng.randint(2, 6)
        terms = self.rng.sample(TRACKS[track]["skills"], count - 1 if count > 2 else count)
        if count > 2:
            terms.append(self.rng.choice(GENERAL_SKILLS))
        profile.skills = [SeekerSkill(term=t, skill_id=self.ref.skill_ids[t]) for t in terms]

    def _add_preferences(self, profile: SeekerProfile, track: str) -> list[str]:
        countries = self.rng.sample(TRACKS[track]["countries"], self.rng.choice((0, 1, 1, 2)))
        sectors = [track]
        if self.rng.random() < 0.3:
            sectors.append(self.rng.choice([t for t in TRACKS if t != track]))
        profile.preferred_countries = [PreferredCountry(country_code=c) for c in countries]
        profile.preferred_sectors = [PreferredSector(sector_code=s) for s in sectors]
        return countries or [TRACKS[track]["countries"][0]]

    def _add_languages(self, profile: SeekerProfile, countries: list[str]) -> None:
        for country in countries[:self.rng.choices((0, 1, 2), (45, 40, 15))[0]]:
            test, codes = self.rng.choice(LANGUAGE_OPTIONS[country])
            profile.languages.append(SeekerLanguage(level_id=self.ref.level(test, self.rng.choice(codes)),
                                                    tested_on=self.day(-self.rng.randint(20, 700))))

    def _add_certifications(self, profile: SeekerProfile, track: str, birth: date) -> None:
        count = self.rng.choices((0, 1, 2, 3), (30, 35, 25, 10))[0]
        earliest = (_years_before(birth, -17) - self.today).days
        for scheme in self.rng.sample([*TRACKS[track]["schemes"], "SKK-CPMI"], count):
            issued = self.day(max(earliest, -self.rng.randint(30, 1800)))
            cert = self._certification(profile, scheme, issued, self._cert_status())
            profile.certifications.append(cert)
            if cert.expires_on and cert.expires_on < self.today and self.rng.random() < 0.5:
                lapsed = (self.today - cert.expires_on).days
                renewed = self.day(-self.rng.randint(10, lapsed + 60))
                profile.certifications.append(self._certification(profile, scheme, renewed, self._cert_status()))

    def _cert_status(self) -> str:
        return self.rng.choices(("verified", "pending", "rejected"), (62, 26, 12))[0]

    def _certification(self, profile: SeekerProfile, scheme: str, issued: date, status: str) -> Certification:
        years = VALIDITY_YEARS.get(scheme, 3)
        uploaded = max(self.at((issued - self.today).days + 3), profile.created_at)
        reviewed = None
        if status != "pending":
            reviewed = min(uploaded + timedelta(days=self.rng.randint(1, 12)), self.at(-0.5))
        return Certification(
            scheme_code=scheme, issuer=CERT_ISSUERS.get(scheme, "LSP P1 (demo)"),
            number=f"DEMO/{scheme}/{issued.year}/{self.rng.randint(1, 99999):05d}", issued_on=issued,
            expires_on=_years_before(issued, -years) if years else None, status=status,
            reviewed_by_id=self.coordinator.id if reviewed else None, reviewed_at=reviewed,
            rejection_reason=self.rng.choice(REJECTION_REASONS) if status == "rejected" else None, source="demo",
            **_stamped(uploaded))

    def _add_consents(self, profile: SeekerProfile, minor: bool) -> None:
        registered = profile.created_at
        withdrawn = registered + timedelta(days=2) if self.rng.random() < 0.05 else None
        profile.consents.append(Consent(purpose="matching", granted_at=registered, withdrawn_at=withdrawn))
        if minor:
            profile.consents.append(Consent(purpose="guardian", granted_at=registered, given_by="guardian"))
        for purpose, share in (("immigration_sharing", 0.35), ("employer_contact", 0.4)):
            if self.rng.random() < share:
                profile.consents.append(Consent(purpose=purpose, granted_at=registered))

    def _demo_seeker(self) -> SeekerProfile:
        """The documented seeker account: a complete profile, shortlisted for one opening."""
        account = ACCOUNTS[0]
        user = self.new_user(account.email, account.role, account.display_name, self.at(-150, hour=3))
        profile = self._profile(user, self._birth_date(23), "F", ("19.71.01.1004", "19.71.01"), None, "SMK", 2.0)
        self.tracks[profile] = "care"
        profile.skills = [SeekerSkill(term=t, skill_id=self.ref.skill_ids[t]) for t in (
            "elderly care", "personal hygiene assistance", "first aid", "meal preparation", "japanese conversation")]
        profile.languages = [SeekerLanguage(level_id=self.ref.level("JLPT", "N4"), tested_on=self.day(-200)),
                             SeekerLanguage(level_id=self.ref.level("JFT-Basic", "A2.1"), tested_on=self.day(-90))]
        profile.certifications = [self._certification(profile, "SKK-CPMI", self.day(-300), "verified"),
                                  self._certification(profile, "LSP-CAREGIVER", self.day(-260), "verified"),
                                  self._certification(profile, "JP-SSW-CARE", self.day(-12), "pending")]
        profile.experiences = [Experience(title="Pendamping lansia (home care)", place="Pangkalpinang", months=24,
                                          occupation_code="5322")]
        profile.preferred_countries = [PreferredCountry(country_code="JP"), PreferredCountry(country_code="TW")]
        profile.preferred_sectors = [PreferredSector(sector_code="care")]
        profile.consents = [Consent(purpose=p, granted_at=user.created_at)
                            for p in ("matching", "immigration_sharing", "employer_contact")]
        return profile

    # --- training -------------------------------------------------------------------------------

    def _add_training(self) -> None:
        programmes = {p["key"]: TrainingProgramme(
            name=p["name"], scheme_code=p["scheme"], provider=p["provider"], provider_kind=p["kind"],
            hours=p["hours"], cost_idr=Decimal(p["cost"]), language=p["language"], description=p["description"],
            **_stamped(self.at(-400))) for p in PROGRAMMES}
        cohorts = [Cohort(programme=programmes[key], starts_on=self.day(start), ends_on=self.day(start + length),
                          place=programmes[key].provider, capacity=capacity, status=status,
                          **_stamped(self.at(min(start - 45, -5))))
                   for key, start, length, capacity, status, _enrolled, _passed in COHORTS]
        plans = [row for cohort, spec in zip(cohorts, COHORTS, strict=True) for row in self._enrolments(cohort, spec)]
        db.session.add_all([*programmes.values(), *cohorts])
        db.session.flush()  # the cohorts' ids, and those of the certificates completed training earned
        rows = [CohortDemand(cohort_id=cohorts[2].id, opening_id=self.openings["kaigo"].id, positions=6),
                CohortDemand(cohort_id=cohorts[3].id, partner_city_id=self.cities["JP"].id)]
        rows += [Enrolment(cohort_id=cohort.id, seeker_id=seeker.id, certification_id=cert.id if cert else None,
                           **fields) for cohort, seeker, fields, cert in plans]
        db.session.add_all(rows)
        db.session.flush()

    def _enrolments(self, cohort: Cohort, spec: tuple) -> list[tuple]:
        """(cohort, seeker, fields, certificate) for each enrolment; completion adds the certificate earned."""
        key, start, _length, _capacity, status, enrolled, passed = spec
        track = {"caregiver": "care", "smaw": "manufacturing", "hotel": "hospitality"}.get(key, "construction")
        pool = [s for s in self.seekers[1:] if self.tracks[s] == track
                and whole_years_between(s.birth_date, cohort.starts_on) >= ADULT_AGE
                and s.created_at < self.at(min(start, 0) - 20)]
        plans = []
        for i, seeker in enumerate(self.rng.sample(pool, min(enrolled, len(pool)))):
            fields = {"status": "enrolled",
                      "enrolled_at": self.at(min(start, 0) - self.rng.randint(5, 20), hour=self.rng.randint(0, 8))}
            cert = None
            if status == "completed":
                cert, outcome = self._completion(cohort, seeker, passed=i < passed)
                fields.update(outcome)
            elif status == "running":
                fields["attendance_pct"] = self.rng.randint(70, 100)
            plans.append((cohort, seeker, fields, cert))
        return plans

    def _completion(self, cohort: Cohort, seeker: SeekerProfile, passed: bool) -> tuple:
        if not passed:
            return None, {"status": "failed", "passed": False, "attendance_pct": self.rng.randint(55, 79)}
        cert = self._certification(seeker, cohort.programme.scheme_code, cohort.ends_on + timedelta(days=7),
                                   "verified")
        seeker.certifications.append(cert)
        return cert, {"status": "completed", "passed": True, "attendance_pct": self.rng.randint(85, 100)}

    # --- placements -----------------------------------------------------------------------------

    def _choose_placement_seekers(self) -> None:
        """Pick a fitting seeker and a stage history for each demo placement, and complete their profile."""
        used: list[SeekerProfile] = [self.seekers[0]]
        for n, (key, stage) in enumerate(PLACEMENTS):
            opening = self.openings[key]
            times = self._timeline(opening, stage)
            seeker = self.seekers[0] if n == 2 else self._candidate(opening, times["applied"], used)
            used.append(seeker)
            self._make_eligible(seeker, opening, stage, times)
            self.chosen.append((opening, stage, seeker, times))

    def _path(self, stage: str) -> list[str]:
        if stage == "withdrawn":
            return ["applied", "shortlisted", "interview", "withdrawn"]
        if stage == "returned":
            return [*ACTIVE_STAGES[:ACTIVE_STAGES.index("arrived") + 1], "returned"]
        return list(ACTIVE_STAGES[:ACTIVE_STAGES.index(stage) + 1])

    def _timeline(self, opening: Opening, stage: str) -> dict[str, datetime]:
        """When each move happened, walking back from the last move before departure."""
        path = self._path(stage)
        if "departed" in path:
            departed = self.at(-1, hour=-1) if stage == "departed" else datetime.combine(
                opening.start_date - timedelta(days=4), time(13, 0))
            times = {"departed": departed, "arrived": departed + timedelta(hours=20), "returned": self.at(-20)}
            anchor = path.index("departed")
        else:
            anchor = len(path) - 1
            times = {path[anchor]: self.at(-self.rng.randint(1, 4), hour=-self.rng.randint(0, 6))}
        for i in range(anchor, 0, -1):
            gap = timedelta(days=STAGE_GAPS[path[i]] + self.rng.randint(0, 2), hours=self.rng.randint(0, 5))
            times[path[i - 1]] = times[path[i]] - gap
        return {s: times[s] for s in path}

    def _candidate(self, opening: Opening, applied: datetime, used: list[SeekerProfile]) -> SeekerProfile:
        def fits(seeker: SeekerProfile, same_track: bool) -> bool:
            age = whole_years_between(seeker.birth_date, opening.start_date)
            return (seeker not in used and age >= max(ADULT_AGE, opening.min_age)
                    and (opening.max_age is None or age <= opening.max_age)
                    and seeker.created_at < applied - timedelta(days=3) and seeker.user.email is not None
                    and seeker.has_consent("matching")
                    and (not same_track or self.tracks[seeker] == opening.sector_code)
                    and self.ref.education_rank[seeker.education_code]
                    >= self.ref.education_rank[opening.min_education_code])
        pool = [s for s in self.seekers if fits(s, True)] or [s for s in self.seekers if fits(s, False)]
        if not pool:
            raise DemoDataError(f"no demo seeker fits opening {opening.title!r}")
        return self.rng.choice(pool)

    def _make_eligible(self, seeker: SeekerProfile, opening: Opening, stage: str,
                       times: dict[str, datetime]) -> None:
        """Give a placed seeker what the opening requires, obtained before they applied."""
        applied = times["applied"]
        for required in opening.certifications:
            if not any(c.scheme_code == required.scheme_code and c.status == "verified"
                       and (c.expires_on is None or c.expires_on >= opening.start_date) for c in seeker.certifications):
                issued = (applied - timedelta(days=self.rng.randint(40, 200))).date()
                seeker.certifications.append(self._certification(seeker, required.scheme_code, issued, "verified"))
        if opening.language_level_id and not self._speaks(seeker, opening.language_level_id):
            seeker.languages.append(SeekerLanguage(level_id=opening.language_level_id,
                                                   tested_on=(applied - timedelta(days=60)).date()))
        if "contract_signed" in times:
            passport = f"C{self.rng.randint(1_000_000, 9_999_999)}"
            self.passports[seeker] = passport
            seeker.passport_encrypted, seeker.passport_hash = encrypt(passport), keyed_hash(passport, "passport")
            seeker.passport_expires_on = _years_before(times["contract_signed"].date(), -5)
            if not seeker.has_consent("immigration_sharing"):
                seeker.consents.append(Consent(purpose="immigration_sharing", granted_at=times["contract_signed"]))

    def _speaks(self, seeker: SeekerProfile, level_id: int) -> bool:
        test, rank = self.ref.level_of[level_id]
        return any(self.ref.level_of[lang.level_id][0] == test and self.ref.level_of[lang.level_id][1] >= rank
                   for lang in seeker.languages)

    def _add_placements(self) -> list[Placement]:
        placements = [self._placement(*chosen) for chosen in self.chosen]
        db.session.add_all(placements)
        db.session.flush()
        documents = [d for p in placements for d in self._documents(p)]
        db.session.add_all(documents)
        db.session.flush()
        db.session.add_all([self._item(p, d) for p in placements for d in documents if d.placement_id == p.id])
        db.session.flush()
        return placements

    def _placement(self, opening: Opening, stage: str, seeker: SeekerProfile,
                   times: dict[str, datetime]) -> Placement:
        departure = times["departed"].date() if "departed" in times else None
        if stage in ("contract_signed", "documents_verified"):  # planned, for Immigration's departure list
            departure = opening.start_date - timedelta(days=10)
        placement = Placement(
            seeker=seeker, opening=opening, stage=stage, departure_date=departure,
            closed_reason=STAGE_REASONS.get(stage) if stage == "withdrawn" else None,
            returned_on=times["returned"].date() if stage == "returned" else None,
            created_at=times["applied"], updated_at=times[stage])
        previous = None
        for to_stage, when in times.items():
            actor = self._actor(to_stage, seeker, opening)
            placement.events.append(PlacementEvent(
                from_stage=previous, to_stage=to_stage, actor_id=actor.id, actor_label=_label(actor),
                reason_code=STAGE_REASONS.get(to_stage), note=STAGE_NOTES.get(to_stage), at=when))
            previous = to_stage
        return placement

    def _actor(self, stage: str, seeker: SeekerProfile, opening: Opening) -> User:
        if stage in SEEKER_MOVES:
            return seeker.user
        if stage in EMPLOYER_MOVES and opening.employer is self.employers["hibiki"]:
            return self.users[Role.EMPLOYER]
        return self.coordinator  # moves by employers without an account here are recorded by the coordinator

    def _documents(self, placement: Placement) -> list[Document]:
        """The pre-departure documents of a placement at contract signing or later."""
        events = {e.to_stage: e.at for e in placement.events}
        signed = events.get("contract_signed")
        if signed is None:
            return []
        verified_by = events.get("documents_verified")
        documents = []
        for n, kind in enumerate(PRE_DEPARTURE_ITEMS):
            done = verified_by is not None or kind in ("employment_contract", "placement_agreement") or n % 3 == 0
            reviewed = (verified_by or signed + timedelta(days=2)) - timedelta(hours=len(PRE_DEPARTURE_ITEMS) - n)
            documents.append(self._document(placement, kind, signed, reviewed if done else None))
        return documents

    def _document(self, placement: Placement, kind: str, signed: datetime, reviewed: datetime | None) -> Document:
        passport = self.passports.get(placement.seeker) if kind == "passport" else None
        expires = {"passport": _years_before(signed.date(), -5),
                   "work_visa": placement.opening.start_date + timedelta(days=30 * placement.opening.contract_months)}
        return Document(
            seeker_id=placement.seeker_id, placement_id=placement.id, kind=kind,
            number_encrypted=encrypt(passport) if passport else None, issued_on=(signed - timedelta(days=5)).date(),
            expires_on=expires.get(kind), status="verified" if reviewed else "pending",
            reviewed_by_id=self.coordinator.id if reviewed else None, reviewed_at=reviewed,
            **_stamped(signed - timedelta(hours=3)))

    def _item(self, placement: Placement, document: Document) -> PreDepartureItem:
        return PreDepartureItem(placement_id=placement.id, item=document.kind, status=document.status,
                                document_id=document.id, verified_by_id=document.reviewed_by_id,
                                verified_at=document.reviewed_at)

    # --- monitoring -----------------------------------------------------------------------------

    def _add_monitoring(self, placements: list[Placement]) -> None:
        """Check-ins of workers abroad; the arrived ones answer ok, miss one, and ask for help."""
        abroad = [p for p in placements if p.stage in ("departed", "arrived", "returned")]
        scenarios = iter(("ok", "overdue", "distress"))
        checkins = {p: self._checkins(p, next(scenarios) if p.stage == "arrived" else "ok") for p in abroad}
        db.session.add_all([c for rows in checkins.values() for c in rows])
        db.session.flush()
        for placement, rows in checkins.items():
            last = max((c for c in rows if c.due_on <= self.today), key=lambda c: c.due_on, default=None)
            if last is not None and last.answer == "distress":
                self._open_case(placement, last)
            elif last is not None and last.overdue_at is not None:
                db.session.add(Alert(kind="checkin_overdue", severity="high", seeker_id=placement.seeker_id,
                                     placement_id=placement.id, created_at=last.overdue_at,
                                     details={"checkin_id": last.id, "due_on": last.due_on.isoformat()}))
        db.session.flush()

    def _checkins(self, placement: Placement, last_answer: str) -> list[CheckIn]:
        interval = timedelta(days=placement.checkin_interval_days)
        if placement.stage == "departed":
            return [CheckIn(placement=placement, due_on=placement.departure_date + timedelta(days=7))]
        until = placement.returned_on or self.today + interval
        dues = []
        due = placement.departure_date + interval
        while due <= until:
            dues.append(due)
            due += interval
        latest = max((d for d in dues if d <= self.today), default=None)
        return [self._checkin(placement, due, last_answer if due == latest else "ok") for due in dues]

    def _checkin(self, placement: Placement, due: date, answer: str) -> CheckIn:
        due_at = datetime.combine(due, time(2, 0))
        if due > self.today:
            return CheckIn(placement=placement, due_on=due)
        if answer == "overdue":
            return CheckIn(placement=placement, due_on=due, reminder_sent_at=due_at + timedelta(days=1),
                           overdue_at=due_at + timedelta(days=3))
        message = ("Gaji dua bulan belum dibayar. Saya ingin pulang." if answer == "distress"
                   else self.rng.choice((None, "Baik, pekerjaan lancar.", "Sehat, terima kasih.")))
        return CheckIn(placement=placement, due_on=due, answer=answer, message=message,
                       answered_at=due_at + timedelta(hours=self.rng.randint(2, 30)))

    def _open_case(self, placement: Placement, checkin: CheckIn) -> None:
        opened = checkin.answered_at + timedelta(hours=2)
        db.session.add(Alert(kind="distress", severity="critical", seeker_id=placement.seeker_id,
                             placement_id=placement.id, created_at=checkin.answered_at, resolved_at=opened,
                             resolved_by_id=self.coordinator.id, details={"checkin_id": checkin.id}))
        case = Case(seeker_id=placement.seeker_id, placement_id=placement.id, checkin_id=checkin.id,
                    category="unpaid_wages", severity="high", status="open", source="checkin",
                    summary="Pekerja melaporkan gaji dua bulan belum dibayar dan ingin pulang.",
                    owner_id=self.coordinator.id, opened_by_id=self.coordinator.id, **_stamped(opened))
        case.notes.append(CaseNote(author_id=self.coordinator.id, at=opened + timedelta(hours=1),
                                   text="Menghubungi pemberi kerja dan pendamping di Jepang; menunggu bukti "
                                        "pembayaran gaji."))
        db.session.add(case)
