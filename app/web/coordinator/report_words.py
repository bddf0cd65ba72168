"""Words for the reports: column headers, funnel steps, table titles, and cell values in the reader's language."""
from datetime import date

from flask_babel import format_date, format_percent, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.report_layouts import Table
from app.services.reports import sector_names
from app.web.channel_messages import country_label
from app.web.labels import label

COLUMNS = {
    "step": _l("Step"), "people": _l("People"), "of_previous_pct": _l("Conversion from the step before"),
    "of_registered_pct": _l("Share of those registered"), "stage": _l("Stage"), "placements": _l("Placements"),
    "country": _l("Country"), "partner_city": _l("Partner city"), "sector": _l("Sector"),
    "applications": _l("Applications"), "placed": _l("Placed"), "abroad": _l("Abroad now"),
    "scheme": _l("Scheme code"), "scheme_name": _l("Certification scheme"), "verified": _l("Verified"),
    "cohorts": _l("Cohorts"), "capacity": _l("Training places"), "seats_taken": _l("Enrolled"),
    "waitlisted": _l("Waiting list"), "demand": _l("Positions that need it"), "gap": _l("Places short"),
    "kecamatan_code": _l("Kecamatan code"), "kecamatan": _l("Kecamatan"), "kelurahan_code": _l("Kelurahan code"),
    "kelurahan": _l("Kelurahan"), "binaan": _l("Kelurahan binaan"), "registered": _l("Registered"),
    "certified": _l("Certified"), "returned": _l("Returned"), "open_cases": _l("Open cases"),
}

STEPS = {
    "registered": _l("Registered"), "verified": _l("Have a verified certificate"),
    "eligible": _l("Eligible for at least one opening"), "applied": _l("Applied"), "placed": _l("Placed"),
    "returned": _l("Returned home"),
}

TITLES = {
    "funnel": _l("From registration to return"), "stages": _l("Placements by stage"),
    "countries": _l("Placements by country"), "partner_cities": _l("Placements by partner city"),
    "sectors": _l("Placements by sector"), "certifications": _l("Certificates verified"),
    "training": _l("Training places against demand"), "kecamatan": _l("By kecamatan"),
    "kelurahan": _l("By kelurahan"), "binaan_trend": _l("Kelurahan binaan: registrations per month"),
}


def percent(value: float | None) -> str:
    """A rate from the reports (0 to 100, one decimal) in the reader's notation; a dash when there is none."""
    return "—" if value is None else format_percent(value / 100, "#,##0.#%")


def month_label(month: date) -> str:
    return format_date(month, "MMM yyyy")


def sector_label(code: str, names: dict[str, tuple[str, str]] | None = None) -> str:
    english, indonesian = (names if names is not None else sector_names()).get(code, (code, code))
    return english if str(get_locale()) == "en" else indonesian


def header(table: Table) -> list[str]:
    return [month_label(date.fromisoformat(c.split(":", 1)[1] + "-01")) if c.startswith("month:")
            else str(COLUMNS.get(c, c)) for c in table.columns]


def rows(table: Table) -> list[list]:
    """The table's cells with codes turned into words; numbers and names stay as they are."""
    sectors = sector_names() if "sector" in table.columns else {}
    words = {
        "step": lambda v: str(STEPS.get(v, v)), "stage": lambda v: label("stage", v),
        "country": country_label, "sector": lambda v: sector_label(v, sectors),
        "binaan": lambda v: _("Yes") if v else _("No"),
    }
    convert = [words.get(c) for c in table.columns]
    return [[f(v) if f and v is not None else v for f, v in zip(convert, row, strict=True)] for row in table.rows]
