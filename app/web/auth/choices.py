"""Choice lists for the sign-up forms, read from reference data."""
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Kecamatan, PartnerCity, Regency, Sector


def place_choices() -> dict:
    """Kelurahan grouped by kecamatan, then the other regencies of Bangka Belitung."""
    groups = {}
    for kecamatan in db.session.scalars(select(Kecamatan).order_by(Kecamatan.name)):
        groups[_("Kecamatan %(name)s", name=kecamatan.name)] = [
            (f"kelurahan:{k.code}", k.name) for k in kecamatan.kelurahan]
    groups[_("Elsewhere in Bangka Belitung")] = [
        (f"regency:{r.code}", r.name) for r in db.session.scalars(select(Regency).order_by(Regency.name))
        if not r.name.startswith("Kota Pangkal")]
    return {"": [("", _("Choose…"))], **groups}


def split_place(value: str) -> tuple[str | None, str | None]:
    kind, _sep, code = (value or "").partition(":")
    return (code, None) if kind == "kelurahan" else (None, code) if kind == "regency" else (None, None)


def partner_city_choices() -> list:
    cities = db.session.scalars(select(PartnerCity).where(PartnerCity.agreement_status.in_(("active", "draft")))
                                .order_by(PartnerCity.name))
    return [(0, _("Choose…"))] + [(c.id, f"{c.name} ({c.country_code})") for c in cities]


def sector_choices() -> list:
    use_id = str(get_locale()) == "id"
    sectors = db.session.scalars(select(Sector).order_by(Sector.code))
    return [("", _("Choose…"))] + [(s.code, s.name_id if use_id else s.name_en) for s in sectors]
