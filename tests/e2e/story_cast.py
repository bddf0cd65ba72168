"""Who and what the story journey is about: a new seeker, a new employer and its opening, and the ids the pages
hand out along the way."""
from dataclasses import dataclass, field
from datetime import date, timedelta

# A scheme no demo seeker holds (see app/services/demo.py), so the new seeker is the only eligible candidate.
SCHEME = "SKKNI-WELDING-INSPECTOR"
PARTNER_CITY = "Kitakyushu (DEMO) (JP)"  # a demo partner city whose agreement is active
# The papers the seeker brings for departure (app/domain/documents.py); the coordinator attaches each one.
DEPARTURE_PAPERS = ("passport", "health_certificate", "bpjs", "family_permission", "marital_status",
                    "opp_certificate")


def _born_years_ago(years: int) -> date:
    """The 14th of this month, `years` ago: she stays 25, inside the opening's age range, whenever this runs."""
    today = date.today()
    return date(today.year - years, today.month, 14)


def nik_for(born: date, gender: str, region: str = "197101", serial: str = "0427") -> str:
    """A NIK as app/domain/nik.py reads it: region, then DDMMYY of birth with 40 added to a woman's day."""
    day = born.day + 40 if gender == "F" else born.day
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial}"


@dataclass
class Seeker:
    full_name: str = "Melati Kusumawardani"
    born: date = field(default_factory=lambda: _born_years_ago(25))
    gender: str = "F"
    kelurahan: str = "kelurahan:19.71.01.1004"  # Semabung Lama, in Kecamatan Bukit Intan (region 19.71.01)
    phone: str = "081234567890"
    password: str = "jembatan ke Kitakyushu 2027"
    passport: str = "E7731904"
    bpjs: str = "25031977104"
    certificate_number: str = "WI-2026-000417"

    @property
    def nik(self) -> str:
        return nik_for(self.born, self.gender)

    @property
    def birth_date(self) -> str:
        return self.born.isoformat()


@dataclass
class Employer:
    legal_name: str = "Kitakyushu Precision Welding K.K."
    contact_person: str = "Haruto Nakamura"
    email: str = "hr@kitakyushu-precision.example"
    password: str = "welding inspectors wanted 2027"


@dataclass
class Opening:
    title: str = "Welding Quality Inspector (Jembatan story)"
    occupation: str = "7543"
    city: str = "Kitakyushu"
    wage: str = "240000"
    currency: str = "JPY"
    hours: str = "40"
    months: str = "24"
    must: str = "welding, quality inspection"
    important: str = "blueprint reading"
    start: date = field(default_factory=lambda: date.today() + timedelta(days=120))
    deadline: date = field(default_factory=lambda: date.today() + timedelta(days=60))


@dataclass
class Story:
    """Everything the steps share; the ids are filled in as the pages reveal them."""
    seeker: Seeker = field(default_factory=Seeker)
    employer: Employer = field(default_factory=Employer)
    opening: Opening = field(default_factory=Opening)
    opening_id: int | None = None
    placement_id: int | None = None
    today: date = field(default_factory=date.today)

    def days_ago(self, days: int) -> str:
        return (self.today - timedelta(days=days)).isoformat()

    def years_ahead(self, years: int) -> str:
        return (self.today + timedelta(days=365 * years)).isoformat()
