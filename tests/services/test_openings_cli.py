"""`flask openings import` and `close-expired`: exit codes, `line N: field: message` problems, clean --json."""
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.cli.opening_messages import problem_message
from app.domain.seeker_fields import Problem
from app.models import AuditEntry, Opening
from tests.factories import make_employer, make_partner_city
from tests.services.helpers_opening_import import opening_row, write_csv, write_jsonl
from tests.services.helpers_openings import make_opening


def openings(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Opening))


@pytest.fixture
def employer(db):
    return make_employer()


def test_an_import_exits_0_and_ends_with_the_summary(runner, db, employer, tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer)])
    result = runner.invoke(args=["openings", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == "created 1, updated 0, skipped 0"
    again = runner.invoke(args=["openings", "import", str(path)])
    assert again.stderr.strip().splitlines()[-1] == "created 0, updated 1, skipped 0"


def test_an_invalid_record_exits_1_with_every_problem_by_line_and_nothing_imported(runner, db, tmp_path):
    employer = make_employer(make_partner_city(name="Myawaddy", country_code="MM"))
    rows = [opening_row(1, employer, country="MM"), opening_row(2, employer, country="MM", status="draft", min_age=17),
            opening_row(3, employer, country="MM", status="draft", employer="Shwe Kokko Ltd")]
    result = runner.invoke(args=["openings", "import", str(write_jsonl(tmp_path / "o.jsonl", rows))])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("line 1: country: Myanmar (MM) is a blocked destination for this sector on ")
    assert "can never be approved" in lines[0]
    assert lines[1] == ("line 2: min_age: the minimum age is never below 18: the law forbids placing anyone "
                        "younger abroad")
    assert lines[2] == ("line 3: employer: no employer named Shwe Kokko Ltd is registered (register it on the web, "
                        "or import with --create-employers to vouch for it)")
    assert lines[-2] == "nothing imported: 3 of 3 records have problems (--skip-invalid imports the others)"
    assert lines[-1] == "created 0, updated 0, skipped 3"
    assert openings(db) == 0


def test_skip_invalid_exits_0_and_reports_the_skipped(runner, db, employer, tmp_path):
    rows = [opening_row(1, employer), opening_row(2, employer, worker_costs="1500000"), opening_row(3, employer)]
    result = runner.invoke(args=["openings", "import", "--skip-invalid", str(write_csv(tmp_path / "o.csv", rows))])
    assert result.exit_code == 0
    assert ("line 3: worker_costs: the worker would pay 1500000 rupiah; an approved opening charges the worker "
            "nothing (0)") in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "created 2, updated 0, skipped 1"


def test_a_missing_contract_field_is_named_in_words(runner, db, employer, tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer, annual_leave_days=None)])
    result = runner.invoke(args=["openings", "import", str(path)])
    assert result.stderr.startswith("line 1: annual_leave_days: the employment contract the law requires must "
                                    "state the annual leave\n")


def test_create_employers_says_what_it_created(runner, db, tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [opening_row(1)])
    refused = runner.invoke(args=["openings", "import", str(path)])
    assert refused.exit_code == 1 and "line 1: partner_city: no partner city named Osaka" in refused.stderr
    result = runner.invoke(args=["openings", "import", "--create-employers", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-2:] == [
        "new partner cities: 1, new employers: 1 (vouched for by this import)", "created 1, updated 0, skipped 0"]


def test_json_output_is_only_json_on_success_and_on_refusal(runner, db, employer, tmp_path):
    ok = runner.invoke(args=["openings", "import", "--json",
                             str(write_jsonl(tmp_path / "a.jsonl", [opening_row(1, employer)]))])
    assert ok.exit_code == 0 and ok.stderr == ""
    assert json.loads(ok.stdout) == {"file": "a.jsonl", "imported": True, "records": 1, "created": 1, "updated": 0,
                                     "skipped": 0, "approved": 1, "cities_created": 0, "employers_created": 0,
                                     "errors": []}
    bad = runner.invoke(args=["openings", "import", "--json",
                              str(write_jsonl(tmp_path / "b.jsonl", [opening_row(2, employer, status="open")]))])
    assert bad.exit_code == 1 and bad.stderr == ""
    summary = json.loads(bad.stdout)
    assert (summary["imported"], summary["created"], summary["skipped"]) == (False, 0, 1)
    assert summary["errors"] == [{"line": 1, "field": "status", "code": "STATUS_INVALID",
                                  "message": "write draft, submitted or approved, not open"}]


def test_a_missing_file_is_a_usage_error(runner, tmp_path):
    assert runner.invoke(args=["openings", "import", str(tmp_path / "nowhere.jsonl")]).exit_code == 2


def test_an_unknown_extension_needs_format(runner, db, employer, tmp_path):
    path = write_csv(tmp_path / "export.txt", [opening_row(1, employer)])
    assert runner.invoke(args=["openings", "import", str(path)]).exit_code == 2
    assert runner.invoke(args=["openings", "import", "--format", "csv", str(path)]).exit_code == 0


def test_by_names_the_coordinator_who_reviews_and_an_unknown_one_is_a_usage_error(runner, db, employer, make_user,
                                                                                  tmp_path):
    path = write_jsonl(tmp_path / "o.jsonl", [opening_row(1, employer)])
    assert runner.invoke(args=["openings", "import", "--by", "nobody@example.com", str(path)]).exit_code == 2
    coordinator = make_user("coordinator")
    assert runner.invoke(args=["openings", "import", "--by", coordinator.email, str(path)]).exit_code == 0
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "openings_imported"))
    assert entry.actor_id == coordinator.id
    assert db.session.scalar(select(Opening.reviewed_by_id)) == coordinator.id


def test_the_help_documents_the_justification_and_the_vouching(runner, app):
    text = runner.invoke(args=["openings", "import", "--help"]).output
    assert "caution_justification" in text and "--create-employers" in text and "vouch" in text


# --- close-expired ----------------------------------------------------------------------------------------


def test_close_expired_closes_openings_past_their_deadline_and_says_how_many(runner, db, employer):
    today = date.today()
    past = make_opening(employer, status="approved", deadline=today - timedelta(days=1),
                        start_date=today + timedelta(days=30))
    current = make_opening(employer, status="approved", deadline=today)
    result = runner.invoke(args=["openings", "close-expired"])
    assert result.exit_code == 0 and result.stderr.strip() == "closed 1 openings past their deadline"
    db.session.expire_all()
    assert (db.session.get(Opening, past.id).status, db.session.get(Opening, past.id).closed_reason) == (
        "closed", "deadline")
    assert db.session.get(Opening, current.id).status == "approved"


def test_close_expired_judges_by_the_day_given_and_prints_json(runner, db, employer):
    opening = make_opening(employer, status="approved", deadline=date.today() + timedelta(days=10))
    result = runner.invoke(args=["openings", "close-expired", "--today",
                                 (date.today() + timedelta(days=11)).isoformat(), "--json"])
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout) == {"closed": 1, "ids": [opening.id]}


def test_close_expired_help_says_cron_runs_it_daily(runner, app):
    assert "Cron runs this once a day" in runner.invoke(args=["openings", "close-expired", "--help"]).output


def test_a_wrong_date_is_a_usage_error(runner, db):
    assert runner.invoke(args=["openings", "close-expired", "--today", "31-12-2026"]).exit_code == 2


@pytest.mark.parametrize("code, data, words", [
    ("PARTNER_CITY_COUNTRY", {"countries": ["JP", "KR"], "country": "MM"}, "this partner city is in JP, KR, but"),
    ("REF_REPEATED", {"lines": [3, 9]}, "also on line 3, 9"),
    ("CONTRACT_FIELD_MISSING", {"item": "duration"}, "must state the contract length"),
    ("DESTINATION_NEEDS_JUSTIFICATION", {"country": "LA", "sector": "care", "on": date(2026, 9, 1)},
     "Laos (LA) needs caution on 2026-09-01"),
    ("DESTINATION_BLOCKED", {"country": "KH", "sector": None, "on": date(2026, 9, 1), "source": ""},
     "(no source on record)"),
    ("HOURS_OUT_OF_RANGE", {"max": 84}, "between 1 and 84 hours"),
    ("EMPLOYER_OF_OTHER_CITY", {"cities": ["Busan"]}, "under the partner city Busan"),
    ("NO_SUCH_CODE", {}, "NO_SUCH_CODE"),
])
def test_each_problem_reads_as_a_sentence(code, data, words):
    assert words in problem_message(Problem("field", code, data))
