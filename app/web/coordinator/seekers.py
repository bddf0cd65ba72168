"""Coordinator pages: finding seekers, and one seeker's whole record."""
from flask import abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from app.domain.nik import normalise_nik
from app.domain.vocab import VERIFICATION_STATUSES
from app.extensions import db
from app.models import CertificationScheme, EducationLevel, Kecamatan
from app.services import seeker_search
from app.services.audit import Actor
from app.services.documents import DOCUMENT_NAMES
from app.web.coordinator import bp
from app.web.labels import label


def whole_nik(form, field):
    value = normalise_nik(field.data)
    if value and not (len(value) == 16 and value.isdigit()):
        raise ValidationError(_l("Enter all 16 digits: part of a NIK cannot be searched."))


class SeekerSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search (GET) changes nothing

    name = StringField(_l("Name contains"), validators=[Optional(), Length(max=120)])
    nik = StringField(_l("NIK (all 16 digits)"), validators=[Optional(), Length(max=24), whole_nik],
                      description=_l("NIKs are stored encrypted, so only a whole NIK can be found."),
                      render_kw={"inputmode": "numeric", "autocomplete": "off"})
    kelurahan = SelectField(_l("Kelurahan"), validators=[Optional()])
    education = SelectField(_l("Education"), validators=[Optional()])
    scheme = SelectField(_l("Certification scheme"), validators=[Optional()])
    status = SelectField(_l("Certificate status"), validators=[Optional()])
    page = IntegerField(validators=[Optional()])


def _choices(form: SeekerSearchForm) -> None:
    anything = [("", _("Any"))]
    form.kelurahan.choices = {"": anything, **{
        _("Kecamatan %(name)s", name=k.name): [(x.code, x.name) for x in k.kelurahan]
        for k in db.session.scalars(select(Kecamatan).order_by(Kecamatan.name))}}
    english = str(get_locale()) == "en"
    form.education.choices = anything + [
        (e.code, f"{e.code} — {e.name_en if english else e.name_id}")
        for e in db.session.scalars(select(EducationLevel).order_by(EducationLevel.rank, EducationLevel.code))]
    form.scheme.choices = anything + [
        (s.code, f"{s.code} — {s.name[:70]}")
        for s in db.session.scalars(select(CertificationScheme).order_by(CertificationScheme.code))]
    form.status.choices = anything + [(s, label("verification", s)) for s in VERIFICATION_STATUSES]


def _actor() -> Actor:
    return Actor.for_user(current_user, request.remote_addr)


@bp.get("/seekers")
def seekers():
    form = SeekerSearchForm(formdata=request.args)
    _choices(form)
    found = None
    if form.validate():
        found = seeker_search.search_seekers(seeker_search.SeekerQuery(
            name=form.name.data or "", nik=form.nik.data or "", kelurahan_code=form.kelurahan.data or "",
            education_code=form.education.data or "", scheme_code=form.scheme.data or "",
            certification_status=form.status.data or "", page=form.page.data or 1), _actor())
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("coordinator/seekers.html", form=form, found=found, args=args)


@bp.get("/seekers/<int:seeker_id>")
def seeker(seeker_id: int):
    record = seeker_search.seeker_record(seeker_id, _actor())
    if record is None:
        abort(404)
    return render_template("coordinator/seeker.html", record=record, s=record.profile,
                           document_names=DOCUMENT_NAMES)
