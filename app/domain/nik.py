"""Parsing the 16-digit NIK and checking it against what a person entered.

Digits 1-2/1-4/1-6 are the province/regency/district where the NIK was first issued (it keeps
that region when its holder moves); digits 7-12 are DDMMYY of birth with 40 added to the day
for women; digits 13-16 are a serial number.
"""
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class NikProblem:
    code: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedNik:
    province: str
    regency: str
    district: str
    day: int
    month: int
    two_digit_year: int
    gender: str
    serial: str

    def birth_date_in(self, century_start: int) -> date | None:
        try:
            return date(century_start + self.two_digit_year, self.month, self.day)
        except ValueError:
            return None


def parse_nik(raw: str, province_codes: frozenset[str] | set[str]) -> tuple[ParsedNik | None, list[NikProblem]]:
    """Parse a NIK's structure; returns the parsed parts or the problems found."""
    nik = (raw or "").strip().replace(" ", "").replace(".", "")
    if not (nik.isascii() and nik.isdigit()):  # isdigit alone accepts '²', which int() refuses
        return None, [NikProblem("NIK_NOT_DIGITS")]
    if len(nik) != 16:
        return None, [NikProblem("NIK_LENGTH", {"length": len(nik)})]
    problems = []
    if nik[:2] not in province_codes:
        problems.append(NikProblem("NIK_PROVINCE_UNKNOWN", {"code": nik[:2]}))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    gender = "F" if day > 40 else "M"
    day = day - 40 if day > 40 else day
    parsed = ParsedNik(nik[:2], nik[:4], nik[:6], day, month, year, gender, nik[12:])
    if parsed.birth_date_in(2000) is None and parsed.birth_date_in(1900) is None:
        problems.append(NikProblem("NIK_DATE_IMPOSSIBLE", {"digits": nik[6:12]}))
    if nik[12:] == "0000":
        problems.append(NikProblem("NIK_SERIAL_ZERO"))
    return (None if problems else parsed), problems


def check_nik(raw: str, birth_date: date, gender: str, province_codes) -> list[NikProblem]:
    """Every disagreement between a NIK and the entered birth date and gender, each its own problem."""
    parsed, problems = parse_nik(raw, province_codes)
    if parsed is None:
        return problems
    # The NIK holds only two digits of the year: the entered date decides the century.
    nik_date = parsed.birth_date_in(birth_date.year - birth_date.year % 100)
    if nik_date != birth_date:
        shown = nik_date or parsed.birth_date_in(2000) or parsed.birth_date_in(1900)
        problems.append(NikProblem("NIK_BIRTH_DATE_MISMATCH", {
            "nik_date": f"{parsed.day:02d}-{parsed.month:02d}-{shown.year if shown else '??'}",
            "entered": birth_date.strftime("%d-%m-%Y"),
        }))
    if parsed.gender != gender:
        problems.append(NikProblem("NIK_GENDER_MISMATCH", {"nik_gender": parsed.gender, "entered": gender}))
    return problems


def normalise_nik(raw: str) -> str:
    return (raw or "").strip().replace(" ", "").replace(".", "")
