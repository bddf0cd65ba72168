"""`flask seekers import`: exit codes, `line N: field: message` problems, a summary, and clean --json."""
import json

from sqlalchemy import func, select

from app.models import AuditEntry, SeekerProfile
from tests.services.helpers_seeker_import import seeker_row, write_csv, write_jsonl


def seekers(db) -> int:
    return db.session.scalar(select(func.count()).select_from(SeekerProfile))


def test_an_import_exits_0_and_ends_with_the_summary(runner, db, tmp_path):
    result = runner.invoke(args=["seekers", "import", str(write_jsonl(tmp_path / "s.jsonl", [seeker_row(1)]))])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == "created 1, updated 0, skipped 0"
    again = runner.invoke(args=["seekers", "import", str(tmp_path / "s.jsonl")])
    assert again.stderr.strip().splitlines()[-1] == "created 0, updated 1, skipped 0"


def test_an_invalid_record_exits_1_with_every_problem_by_line_and_nothing_imported(runner, db, tmp_path):
    rows = [seeker_row(1), {**seeker_row(2), "birth_date": seeker_row(3)["birth_date"]},
            seeker_row(4, kelurahan_code="19.71.99.9999")]
    result = runner.invoke(args=["seekers", "import", str(write_jsonl(tmp_path / "s.jsonl", rows))])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("line 2: nik: NIK says born ") and ", the record says " in lines[0]
    assert lines[1] == ("line 3: kelurahan_code: unknown kelurahan code 19.71.99.9999 "
                        "(see `flask reference list kelurahan`)")
    assert lines[-1] == "created 0, updated 0, skipped 3"
    assert seekers(db) == 0


def test_the_nik_mismatch_names_both_dates(runner, db, tmp_path):
    row = {**seeker_row(1, nik="1971011705000001"), "birth_date": "2000-05-18"}
    result = runner.invoke(args=["seekers", "import", str(write_jsonl(tmp_path / "s.jsonl", [row]))])
    assert "line 1: nik: NIK says born 17-05-2000, the record says 18-05-2000" in result.stderr


def test_skip_invalid_exits_0_and_reports_the_skipped(runner, db, tmp_path):
    rows = [seeker_row(1), "not json at all", seeker_row(3)]
    result = runner.invoke(args=["seekers", "import", "--skip-invalid",
                                 str(write_jsonl(tmp_path / "s.jsonl", rows))])
    assert result.exit_code == 0
    assert "line 2: -: not valid JSON" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "created 2, updated 0, skipped 1"


def test_csv_problems_count_the_header_as_line_1(runner, db, tmp_path):
    path = write_csv(tmp_path / "s.csv", [seeker_row(1), seeker_row(2, education="SMU")])
    result = runner.invoke(args=["seekers", "import", str(path)])
    assert result.exit_code == 1 and result.stderr.startswith("line 3: education: unknown education level SMU")


def test_json_output_is_only_json_on_success_and_on_refusal(runner, db, tmp_path):
    ok = runner.invoke(args=["seekers", "import", "--json", str(write_jsonl(tmp_path / "a.jsonl", [seeker_row(1)]))])
    assert ok.exit_code == 0 and ok.stderr == ""
    assert json.loads(ok.stdout) == {"file": "a.jsonl", "imported": True, "records": 1, "created": 1,
                                     "updated": 0, "skipped": 0, "errors": []}
    bad = runner.invoke(args=["seekers", "import", "--json",
                              str(write_jsonl(tmp_path / "b.jsonl", [seeker_row(2, gender="X")]))])
    assert bad.exit_code == 1 and bad.stderr == ""
    summary = json.loads(bad.stdout)
    assert (summary["imported"], summary["created"], summary["skipped"]) == (False, 0, 1)
    assert summary["errors"] == [{"line": 1, "field": "gender", "code": "GENDER_INVALID",
                                  "message": "write F or M, not X"}]


def test_a_missing_file_is_a_usage_error(runner, tmp_path):
    assert runner.invoke(args=["seekers", "import", str(tmp_path / "nowhere.jsonl")]).exit_code == 2


def test_an_unknown_extension_needs_format(runner, db, tmp_path):
    path = write_csv(tmp_path / "export.txt", [seeker_row(1)])
    assert runner.invoke(args=["seekers", "import", str(path)]).exit_code == 2
    assert runner.invoke(args=["seekers", "import", "--format", "csv", str(path)]).exit_code == 0


def test_by_names_the_coordinator_in_the_audit_and_an_unknown_one_is_a_usage_error(runner, db, make_user, tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", [seeker_row(1)])
    assert runner.invoke(args=["seekers", "import", "--by", "nobody@example.com", str(path)]).exit_code == 2
    coordinator = make_user("coordinator")
    assert runner.invoke(args=["seekers", "import", "--by", coordinator.email, str(path)]).exit_code == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "seekers_imported"))
    assert entry.actor_id == coordinator.id
