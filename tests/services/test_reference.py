"""Loading the shipped reference data, and listing it through the service and `flask reference`."""
import json
import re
import shutil

import pytest
from sqlalchemy import event, func, select

from app import create_app
from app.config import TestConfig
from app.domain.skills import normalise_term
from app.extensions import db
from app.models import (
    DestinationRule,
    EducationLevel,
    Kecamatan,
    Kelurahan,
    LanguageLevel,
    OccupationTitle,
    Province,
    Sector,
    Skill,
    SkillAlias,
)
from app.services.reference import DATA_DIR, REFERENCE_KINDS, ReferenceDataError, list_reference, load_reference


def _app_on(path):
    app = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(path / "t.db")})
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture(scope="module")
def reference_app(tmp_path_factory):
    """An app on its own database with the reference data loaded once; tests here only read it."""
    app = _app_on(tmp_path_factory.mktemp("reference"))
    with app.app_context():
        load_reference()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def loaded(reference_app):
    with reference_app.app_context():
        yield db.session


@pytest.fixture
def empty_db(tmp_path):
    """A fresh, empty database for tests that load, change and reload."""
    app = _app_on(tmp_path)
    with app.app_context():
        yield db.session
        db.session.remove()
        db.engine.dispose()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _rule(session, country, sector):
    return session.scalars(select(DestinationRule).where(
        DestinationRule.country_code == country, DestinationRule.sector_code.is_(None) if sector is None
        else DestinationRule.sector_code == sector).order_by(DestinationRule.valid_from.desc())).first()


def _rank(session, test, level) -> int:
    return session.scalar(select(LanguageLevel.rank).where(LanguageLevel.test_code == test,
                                                           LanguageLevel.code == level))


# Loading

def test_loading_twice_gives_the_same_counts_and_writes_nothing_the_second_time(empty_db):
    first = load_reference()
    writes = []

    def count_writes(conn, cursor, statement, *args):
        if statement.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count_writes)
    try:
        second = load_reference()
    finally:
        event.remove(db.engine, "before_cursor_execute", count_writes)
    assert second == first
    assert writes == []
    assert first["kelurahan"] == 42 and first["occupation_titles"] > 5000


def test_reload_keeps_coordinator_work(empty_db):
    load_reference()
    session = empty_db
    session.add(Skill(term="durian picking", label_id="petik durian", sector_code="agriculture", added_by_id=7))
    session.get(Kelurahan, "19.71.01.1004").is_binaan = True
    saudi = _rule(session, "SA", None)
    saudi.status, saudi.basis = "caution", "Edited by a coordinator"
    session.commit()

    counts = load_reference()

    assert session.scalar(select(Skill.added_by_id).where(Skill.term == "durian picking")) == 7
    assert session.get(Kelurahan, "19.71.01.1004").is_binaan is True
    session.refresh(saudi)
    assert (saudi.status, saudi.basis) == ("caution", "Edited by a coordinator")
    assert counts["destination_rules"] == _count(session, DestinationRule) == 90


def test_a_changed_file_row_updates_the_table(empty_db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    load_reference(data)
    sectors = data / "sectors.csv"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("Care work (elderly care)", "Elderly care"),
                       encoding="utf-8")
    load_reference(data)
    assert empty_db.get(Sector, "care").name_en == "Elderly care"


def test_a_rule_naming_an_unknown_sector_is_refused_and_nothing_is_written(empty_db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    rules = data / "destination_rules.csv"
    rules.write_text(rules.read_text(encoding="utf-8") + "XX,Nowhere,space-mining,blocked,2026-01-01,,test,test\n",
                     encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="space-mining"):
        load_reference(data)
    assert _count(empty_db, Sector) == 0


# Places

def test_the_kelurahan_table_holds_the_42_of_pangkalpinang_with_kemendagri_codes(loaded):
    codes = loaded.scalars(select(Kelurahan.code)).all()
    assert len(codes) == 42
    assert "19.71.01.1004" in codes
    assert all(re.fullmatch(r"19\.71\.0[1-7]\.1\d{3}", code) for code in codes)
    assert _count(loaded, Kecamatan) == 7
    assert loaded.get(Kelurahan, "19.71.01.1004").kecamatan.name == "Bukit Intan"


def test_every_kelurahan_has_its_bps_code(loaded):
    assert loaded.scalar(select(func.count()).where(Kelurahan.bps_code.is_(None))) == 0


def test_all_38_provinces_are_loaded(loaded):
    assert _count(loaded, Province) == 38
    assert loaded.get(Province, "19").name == "Kepulauan Bangka Belitung"


# Sectors, schemes, occupations, skills

@pytest.mark.parametrize("code", ["manufacturing", "construction", "agriculture", "fisheries", "hospitality", "care",
                                  "domestic-work"])
def test_sector_is_present(loaded, code):
    assert loaded.get(Sector, code) is not None


def test_every_sector_a_skill_names_exists(loaded):
    sectors = set(loaded.scalars(select(Sector.code)))
    assert set(loaded.scalars(select(Skill.sector_code).where(Skill.sector_code.is_not(None)))) <= sectors


def test_scheme_codes_are_short_uppercase_and_hyphenated(loaded):
    codes = [row["code"] for row in list_reference("schemes")]
    assert {"SKK-CPMI", "LSP-HOUSEKEEPING", "LSP-CAREGIVER", "SKKNI-SMAW", "JP-SSW-CARE", "KR-EPS", "BST"} <= set(codes)
    assert all(re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", code) and len(code) <= 30 for code in codes)


def test_job_titles_sit_under_their_isco_unit_group(loaded):
    kbji = loaded.scalars(select(OccupationTitle).where(OccupationTitle.source == "kbji")).first()
    esco = loaded.scalars(select(OccupationTitle).where(OccupationTitle.source == "esco")).first()
    assert (kbji.lang, esco.lang) == ("id", "en")
    assert len(kbji.occupation_code) == len(esco.occupation_code) == 4


@pytest.mark.parametrize("spelling, term", [("Las MIG", "gmaw"), ("tukang las", "welding"), ("K3", "workplace safety"),
                                            ("pengelasan", "welding"), ("Welding", "welding")])
def test_every_spelling_of_a_skill_is_an_alias(loaded, spelling, term):
    skill_id = loaded.scalar(select(SkillAlias.skill_id).where(SkillAlias.alias == normalise_term(spelling)))
    assert loaded.get(Skill, skill_id).term == term


# Levels

def test_jlpt_n5_ranks_below_n1(loaded):
    assert _rank(loaded, "JLPT", "N5") < _rank(loaded, "JLPT", "N4") < _rank(loaded, "JLPT", "N1")


def test_ielts_6_5_lies_between_6_and_7(loaded):
    assert _rank(loaded, "IELTS", "6") < _rank(loaded, "IELTS", "6.5") < _rank(loaded, "IELTS", "7")


def test_jft_basic_a2_is_above_a2_1(loaded):
    assert _rank(loaded, "JFT-Basic", "A1") < _rank(loaded, "JFT-Basic", "A2.1") < _rank(loaded, "JFT-Basic", "A2")


def test_toeic_runs_from_10_to_990_in_steps_of_5(loaded):
    toeic = next(test for test in list_reference("languages") if test["code"] == "TOEIC")
    codes = [level["code"] for level in toeic["levels"]]
    assert codes == [str(score) for score in range(10, 991, 5)]


def test_sma_and_smk_share_a_rank_as_do_d4_and_s1(loaded):
    rank = {e.code: e.rank for e in loaded.scalars(select(EducationLevel))}
    assert rank["SMA"] == rank["SMK"] and rank["D4"] == rank["S1"]
    ladder = ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S2", "S3"]
    assert [rank[code] for code in ladder] == sorted({rank[code] for code in ladder})


# Destination rules

@pytest.mark.parametrize("country, sector", [("MM", None), ("KH", None), ("SA", "domestic-work"),
                                             ("AE", "domestic-work")])
def test_destination_is_blocked(loaded, country, sector):
    assert _rule(loaded, country, sector).status == "blocked"


# Listing

@pytest.mark.parametrize("kind", REFERENCE_KINDS)
def test_every_listed_row_has_a_code_and_a_name(loaded, kind):
    rows = list_reference(kind)
    assert rows and all(row["code"] not in (None, "") and row["name"] for row in rows)


def test_destinations_list_country_wide_rules_without_a_sector(loaded):
    myanmar = next(row for row in list_reference("destinations") if row["country"] == "MM")
    assert myanmar["sector"] is None and myanmar["status"] == "blocked" and myanmar["valid_from"] == "2025-10-28"


def test_languages_list_levels_in_order(loaded):
    jlpt = next(test for test in list_reference("languages") if test["code"] == "JLPT")
    assert [level["code"] for level in jlpt["levels"]] == ["N5", "N4", "N3", "N2", "N1"]


# Commands

def test_list_kelurahan_as_json_prints_only_a_json_array(reference_app):
    result = reference_app.test_cli_runner().invoke(args=["reference", "list", "kelurahan", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 42 and all(row["code"] and row["name"] and row["kecamatan"] for row in rows)


def test_list_without_json_prints_a_table(reference_app):
    result = reference_app.test_cli_runner().invoke(args=["reference", "list", "sectors"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["code", "name"]
    assert "domestic-work" in result.stdout


def test_an_unknown_kind_is_a_usage_error(reference_app):
    result = reference_app.test_cli_runner().invoke(args=["reference", "list", "planets"])
    assert result.exit_code == 2


def test_load_command_prints_counts_to_stderr(reference_app):
    result = reference_app.test_cli_runner().invoke(args=["reference", "load"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert re.search(r"kelurahan\s+42", result.stderr)
