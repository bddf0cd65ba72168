"""Reference data: load the shipped CSV files into their tables (idempotently) and list them."""
import csv
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import func, insert, inspect, select, update
from sqlalchemy.orm import joinedload, selectinload

from app.domain.skills import normalise_term
from app.extensions import db
from app.models import (
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

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"
CITY_CODE = "19.71"  # Pangkalpinang: loaded as kecamatan and kelurahan, not as one of the "other" regencies
ALL_SECTORS = "*"
TABLES = (Sector, EducationLevel, KkniLevel, Province, Regency, Kecamatan, Kelurahan, Occupation, OccupationTitle,
          CertificationScheme, LanguageTest, LanguageLevel, Skill, SkillAlias, DestinationRule)


class ReferenceDataError(ValueError):
    """A shipped file refers to something no other file defines (a sector, a kecamatan, an ISCO group)."""


def load_reference(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Insert new and update changed reference rows from the CSV files; returns each table's row count."""
    files = _Files(data_dir)
    try:
        for load in (_load_sectors, _load_education, _load_kkni, _load_places, _load_occupations, _load_schemes,
                     _load_languages, _load_skills, _load_destination_rules):
            load(files)
    except Exception:
        db.session.rollback()  # all files or nothing: a half-loaded vocabulary would mislead the matcher
        raise
    db.session.commit()
    return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model)) for model in TABLES}


class _Files:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir

    def rows(self, name: str) -> list[dict[str, str]]:
        with open(self.data_dir / name, encoding="utf-8", newline="") as handle:
            return [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _or_none(value: str) -> str | None:
    return value or None


def _require(values: Iterable, known: Iterable, what: str, file: str) -> None:
    unknown = sorted({v for v in values if v is not None} - set(known))
    if unknown:
        raise ReferenceDataError(f"{file}: unknown {what}: {', '.join(map(str, unknown))}")


def _upsert(model, rows: list[dict], key: tuple[str, ...], *, update_existing: bool = True) -> None:
    """Insert rows whose natural key is new; update the changed columns of the others. Never deletes."""
    if not rows:
        return
    keys = [tuple(row[k] for k in key) for row in rows]
    if len(set(keys)) < len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1}, key=str)
        raise ReferenceDataError(f"{model.__tablename__}: the same {', '.join(key)} appears twice: {twice[:5]}")
    primary = [column.key for column in inspect(model).primary_key]
    columns = [getattr(model, name) for name in dict.fromkeys([*primary, *rows[0]])]
    existing = {tuple(old[k] for k in key): old for old in db.session.execute(select(*columns)).mappings()}
    new, changed = [], []
    for row in rows:
        old = existing.get(tuple(row[k] for k in key))
        if old is None:
            new.append(row)
        elif update_existing and any(old[name] != value for name, value in row.items()):
            changed.append({**row, **{name: old[name] for name in primary}})
    if new:
        db.session.execute(insert(model), new)
    if changed:
        db.session.execute(update(model), changed)


def _load_sectors(files: _Files) -> None:
    _upsert(Sector, files.rows("sectors.csv"), ("code",))


def _load_education(files: _Files) -> None:
    rows = [{**row, "rank": int(row["rank"])} for row in files.rows("education_levels.csv")]
    _upsert(EducationLevel, rows, ("code",))


def _load_kkni(files: _Files) -> None:
    rows = [{"level": int(r["level"]), "group": r["group"],
             "education_equivalence": r["education_equivalence_perpres_8_2012"],
             "summary_en": r["summary_en_paraphrase"]} for r in files.rows("kkni_levels.csv")]
    _upsert(KkniLevel, rows, ("level",))


def _load_places(files: _Files) -> None:
    _upsert(Province, [{"code": r["code"], "name": r["province"]} for r in files.rows("provinces.csv")], ("code",))
    regencies = [{"code": r["code"], "name": r["name"], "kind": r["type"]}
                 for r in files.rows("kabupaten_babel.csv") if r["code"] != CITY_CODE]
    _upsert(Regency, regencies, ("code",))
    kecamatan = [{"code": r["code"], "name": r["kecamatan"], "bps_code": _or_none(r["bps_code"])}
                 for r in files.rows("kecamatan_pangkalpinang.csv")]
    _upsert(Kecamatan, kecamatan, ("code",))
    bps = {r["code"]: r["bps_kelurahan_code"] for r in files.rows("kelurahan_kemendagri_bps_crosswalk.csv")}
    # Kemendagri codes read kota.kecamatan.kelurahan: "19.71.01.1004" lies in kecamatan "19.71.01".
    kelurahan = [{"code": r["code"], "name": r["kelurahan"], "kecamatan_code": r["code"].rsplit(".", 1)[0],
                  "bps_code": _or_none(bps.get(r["code"], ""))} for r in files.rows("kelurahan_pangkalpinang.csv")]
    _require((r["kecamatan_code"] for r in kelurahan), (r["code"] for r in kecamatan), "kecamatan",
             "kelurahan_pangkalpinang.csv")
    _upsert(Kelurahan, kelurahan, ("code",))


def _load_occupations(files: _Files) -> None:
    groups = [{"code": r["code"], "level": r["level"], "title_en": r["title_en"], "title_id": _or_none(r["title_id"])}
              for r in files.rows("isco08.csv")]
    _upsert(Occupation, groups, ("code",))
    titles = [{"occupation_code": r["isco08_unit_group"], "title": r["title_id"], "lang": "id", "source": "kbji",
               "source_code": r["code"]} for r in files.rows("kbji2014.csv") if r["level"] == "jabatan"]
    titles += [{"occupation_code": r["isco08_unit_group"], "title": r["preferred_label_en"], "lang": "en",
                "source": "esco", "source_code": r["esco_uri"]} for r in files.rows("esco_occupations.csv")]
    units = (g["code"] for g in groups if g["level"] == "unit")
    _require((t["occupation_code"] for t in titles), units, "ISCO unit groups", "kbji2014.csv / esco_occupations.csv")
    _upsert(OccupationTitle, titles, ("source", "source_code"))


def _load_schemes(files: _Files) -> None:
    rows = [{"code": r["code"], "name": r["name"], "sector_code": _or_none(r["sector"]),
             "issuer_type": r["issuer_type"], "kkni_level": int(r["kkni_level"]) if r["kkni_level"] else None,
             "typical_destination": _or_none(r["typical_destination"]), "source": _or_none(r["source"])}
            for r in files.rows("certification_schemes.csv")]
    _require((r["sector_code"] for r in rows), _known(Sector.code), "sectors", "certification_schemes.csv")
    _require((r["kkni_level"] for r in rows), _known(KkniLevel.level), "KKNI levels", "certification_schemes.csv")
    _upsert(CertificationScheme, rows, ("code",))


def _load_languages(files: _Files) -> None:
    rows = files.rows("language_levels.csv")
    tests = {r["test_code"]: {"code": r["test_code"], "name": r["test_name"], "language": r["language"]} for r in rows}
    _upsert(LanguageTest, list(tests.values()), ("code",))
    levels = [{"test_code": r["test_code"], "code": r["level_code"], "rank": int(r["rank"]), "label": r["label"],
               "cefr": _or_none(r["cefr"])} for r in rows]
    _upsert(LanguageLevel, levels, ("test_code", "code"))


def _load_skills(files: _Files) -> None:
    rows = files.rows("skills_vocabulary.csv")
    skills = [{"term": normalise_term(r["skill"]), "label_id": r["label_id"], "sector_code": _or_none(r["sector"])}
              for r in rows]
    _require((s["sector_code"] for s in skills), _known(Sector.code), "sectors", "skills_vocabulary.csv")
    # A skill a coordinator added (or took over) is theirs: the file does not overwrite it.
    owned = set(db.session.scalars(select(Skill.term).where(Skill.added_by_id.is_not(None))))
    _upsert(Skill, [s for s in skills if s["term"] not in owned], ("term",))
    skill_ids = dict(db.session.execute(select(Skill.term, Skill.id)).all())
    spellings = [(s["term"], s["term"]) for s in skills]
    spellings += [(normalise_term(r["skill"]), word) for r in rows
                  for word in [r["label_id"], *r["aliases"].split(";")]]
    _add_aliases([(skill_ids[term], normalise_term(word)) for term, word in spellings])


def _add_aliases(pairs: list[tuple[int, str]]) -> None:
    """Add each new spelling to its skill; a spelling already meaning another skill is skipped."""
    claimed = dict(db.session.execute(select(SkillAlias.alias, SkillAlias.skill_id)).all())
    stored = set(claimed)
    for skill_id, alias in pairs:
        if alias and claimed.setdefault(alias, skill_id) != skill_id:
            current_app.logger.warning("skill alias %r skipped: it already means skill %s", alias, claimed[alias])
    rows = [{"alias": alias, "skill_id": skill_id} for alias, skill_id in claimed.items() if alias not in stored]
    if rows:
        db.session.execute(insert(SkillAlias), rows)


def _load_destination_rules(files: _Files) -> None:
    rows = [{"country_code": r["country"], "country_name": r["country_name"],
             "sector_code": None if r["sector"] == ALL_SECTORS else r["sector"], "status": r["status"],
             "valid_from": date.fromisoformat(r["valid_from"]),
             "valid_to": date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
             "basis": r["basis"], "source": r["source"]} for r in files.rows("destination_rules.csv")]
    _require((r["sector_code"] for r in rows), _known(Sector.code), "sectors", "destination_rules.csv")
    # Coordinators keep rules current once loaded (closing, correcting), so a loaded rule is never overwritten;
    # a changed rule ships as a new row with its own valid_from.
    _upsert(DestinationRule, rows, ("country_code", "sector_code", "valid_from"), update_existing=False)


def _known(column) -> set:
    return set(db.session.scalars(select(column)))


def list_reference(kind: str) -> list[dict]:
    """The rows of one kind of reference data as plain dicts, each with at least `code` and `name`."""
    if kind not in LISTERS:
        raise ValueError(f"unknown reference kind: {kind}")
    return LISTERS[kind]()


def _all(model, *order_by, options=()) -> list:
    return list(db.session.scalars(select(model).options(*options).order_by(*order_by)))


def _list_provinces() -> list[dict]:
    return [{"code": p.code, "name": p.name} for p in _all(Province, Province.code)]


def _list_regencies() -> list[dict]:
    return [{"code": r.code, "name": r.name, "kind": r.kind} for r in _all(Regency, Regency.code)]


def _list_kecamatan() -> list[dict]:
    return [{"code": k.code, "name": k.name, "bps_code": k.bps_code} for k in _all(Kecamatan, Kecamatan.code)]


def _list_kelurahan() -> list[dict]:
    return [{"code": k.code, "name": k.name, "kecamatan": k.kecamatan.name, "kecamatan_code": k.kecamatan_code,
             "bps_code": k.bps_code, "is_binaan": k.is_binaan}
            for k in _all(Kelurahan, Kelurahan.code, options=[joinedload(Kelurahan.kecamatan)])]


def _list_sectors() -> list[dict]:
    return [{"code": s.code, "name": s.name_en, "name_en": s.name_en, "name_id": s.name_id}
            for s in _all(Sector, Sector.code)]


def _list_education() -> list[dict]:
    return [{"code": e.code, "name": e.name_en, "name_en": e.name_en, "name_id": e.name_id, "rank": e.rank}
            for e in _all(EducationLevel, EducationLevel.rank, EducationLevel.code)]


def _list_kkni() -> list[dict]:
    return [{"code": k.level, "name": k.group, "education_equivalence": k.education_equivalence,
             "summary_en": k.summary_en} for k in _all(KkniLevel, KkniLevel.level)]


def _list_schemes() -> list[dict]:
    return [{"code": s.code, "name": s.name, "sector": s.sector_code, "issuer_type": s.issuer_type,
             "kkni_level": s.kkni_level, "typical_destination": s.typical_destination, "source": s.source}
            for s in _all(CertificationScheme, CertificationScheme.code)]


def _list_languages() -> list[dict]:
    return [{"code": t.code, "name": t.name, "language": t.language,
             "levels": [{"code": v.code, "label": v.label, "rank": v.rank, "cefr": v.cefr} for v in t.levels]}
            for t in _all(LanguageTest, LanguageTest.language, LanguageTest.code,
                          options=[selectinload(LanguageTest.levels)])]


def _list_skills() -> list[dict]:
    return [{"code": s.term, "name": s.label_id, "sector": s.sector_code, "aliases": sorted(a.alias for a in s.aliases)}
            for s in _all(Skill, Skill.term, options=[selectinload(Skill.aliases)])]


def _list_occupations() -> list[dict]:
    return [{"code": o.code, "name": o.title_en, "name_id": o.title_id, "level": o.level}
            for o in _all(Occupation, Occupation.code)]


def _list_destinations() -> list[dict]:
    return [{"id": r.id, "code": r.country_code, "name": r.country_name, "country": r.country_code,
             "sector": r.sector_code, "status": r.status, "valid_from": r.valid_from.isoformat(),
             "valid_to": r.valid_to.isoformat() if r.valid_to else None, "basis": r.basis, "source": r.source}
            for r in _all(DestinationRule, DestinationRule.country_code, DestinationRule.valid_from,
                          DestinationRule.id)]


LISTERS: dict[str, Callable[[], list[dict]]] = {
    "provinces": _list_provinces, "regencies": _list_regencies, "kecamatan": _list_kecamatan,
    "kelurahan": _list_kelurahan, "sectors": _list_sectors, "education": _list_education, "kkni": _list_kkni,
    "schemes": _list_schemes, "languages": _list_languages, "skills": _list_skills,
    "occupations": _list_occupations, "destinations": _list_destinations,
}
REFERENCE_KINDS = tuple(LISTERS)
