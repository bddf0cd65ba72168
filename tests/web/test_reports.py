"""The reports pages: figures, period filters, downloads, the binaan mark, the mayor's monthly report, the dashboard."""
import csv
import io

import pytest
from flask_babel import force_locale, format_date
from openpyxl import load_workbook
from sqlalchemy import select

from app.domain.report_tables import previous_month
from app.extensions import db as _db
from app.models import AuditEntry, Kelurahan
from app.services.catalogue import local_today
from tests.services.helpers_reports import A, B, build_world, mark_binaan, unmark_all_binaan


@pytest.fixture
def world(db):
    yield build_world()
    unmark_all_binaan()


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator", locale="en")


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_reports_page_shows_the_funnel_placements_training_and_places(client, world, coordinator):
    html = page(client, "/coordinator/reports")
    for words in ("From registration to return", "Eligible for at least one opening", "approximation",
                  "By country", "By partner city", "By sector", "Training places against demand",
                  "By kecamatan", "By kelurahan", "Semabung Lama", "Girimaya"):
        assert words in html, words
    assert html.count('class="bar-chart') >= 5 and "<svg" in html
    assert "/coordinator/reports/export/kelurahan.xlsx" in html


def test_the_period_is_applied_and_kept_in_the_download_links(client, world, coordinator):
    html = page(client, "/coordinator/reports?from=2026-02-01&to=2026-02-28")
    assert "Period: Feb 1, 2026 to Feb 28, 2026." in html
    assert "/coordinator/reports/export/funnel.csv?from=2026-02-01&amp;to=2026-02-28" in html


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_field(client, world, coordinator):
    html = page(client, "/coordinator/reports?from=2026-03-01&to=2026-02-01")
    assert "The end of the period cannot be before its start." in html
    assert "Period: all time." in html


def test_the_kelurahan_download_has_all_42_rows_and_the_period_applied(client, world, coordinator):
    response = client.get("/coordinator/reports/export/kelurahan.csv?from=2026-02-01&to=2026-02-28")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="jembatan-kelurahan-2026-02-01-2026-02-28.csv"')
    rows = read_csv(response)
    assert rows[0] == ["Kecamatan code", "Kecamatan", "Kelurahan code", "Kelurahan", "Kelurahan binaan",
                       "Registered", "Certified", "Placed", "Abroad now", "Returned", "Open cases"]
    assert len(rows) == 43
    by_code = {row[2]: row for row in rows[1:]}
    assert by_code[B][4:] == ["No", "2", "2", "1", "0", "1", "0"]
    assert by_code[A][5] == "0"  # s1 and s2 registered in January


def test_the_xlsx_download_opens_with_words_for_codes(client, world, coordinator):
    response = client.get("/coordinator/reports/export/stages.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Stage", "Placements"] and len(rows) == 17
    assert ["Departed", 1] in rows and ["Applied", 0] in rows
    assert sheet["A1"].font.bold


def test_the_funnel_download_gives_rates_as_numbers(client, world, coordinator):
    rows = read_csv(client.get("/coordinator/reports/export/funnel.csv"))
    assert rows[1] == ["Registered", "7", "", "100.0"]
    assert rows[2] == ["Have a verified certificate", "6", "85.7", "85.7"]


def test_names_typed_by_users_cannot_become_formulas_in_a_download(client, world, coordinator):
    world.city_x.name = "=HYPERLINK(\"http://evil.example\",\"click\")"
    _db.session.commit()
    rows = read_csv(client.get("/coordinator/reports/export/partner_cities.csv"))
    assert rows[1][0] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    sheet = load_workbook(io.BytesIO(client.get("/coordinator/reports/export/partner_cities.xlsx").data)).active
    assert sheet["A2"].value.startswith("'=") and sheet["A2"].data_type == "s"


def test_downloads_are_audited_with_their_period(client, world, coordinator):
    client.get("/coordinator/reports/export/kecamatan.csv?from=2026-02-01")
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "report_exported"))
    assert (entry.actor_id, entry.object_id, entry.details) == (coordinator, "kecamatan",
                                                                {"format": "csv", "from": "2026-02-01"})


@pytest.mark.parametrize(("url", "status"), [
    ("/coordinator/reports/export/kelurahan.pdf", 404),
    ("/coordinator/reports/export/seekers.csv", 404),
    ("/coordinator/reports/export/kelurahan.csv?from=2026-13-01", 400),
    ("/coordinator/reports/export/kelurahan.csv?from=2026-03-01&to=2026-02-01", 400),
])
def test_a_download_of_an_unknown_table_or_an_invalid_period_is_refused(client, db, coordinator, url, status):
    assert client.get(url).status_code == status


def test_a_coordinator_marks_and_unmarks_a_kelurahan_binaan_and_it_comes_first(client, world, coordinator):
    try:
        response = client.post(f"/coordinator/reports/kelurahan/{B}/binaan/on")
        assert response.status_code == 302 and response.headers["Location"].endswith("/coordinator/reports#places")
        assert _db.session.get(Kelurahan, B).is_binaan
        html = page(client, "/coordinator/reports")
        assert "Bacang is now a kelurahan binaan." in html
        assert html.index("Registrations per month") < html.index('id="by-kecamatan"')
        places = html[html.index('id="by-kelurahan"'):]
        assert places.index("Bacang") < places.index("Semabung Lama")
        client.post(f"/coordinator/reports/kelurahan/{B}/binaan/off")
        assert not _db.session.get(Kelurahan, B).is_binaan
        actions = _db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "kelurahan")
                                      .order_by(AuditEntry.id)).all()
        assert actions == ["kelurahan_binaan_marked", "kelurahan_binaan_unmarked"]
    finally:
        unmark_all_binaan()


def test_an_unknown_kelurahan_cannot_be_marked(client, db, coordinator):
    assert client.post("/coordinator/reports/kelurahan/19.71.99.9999/binaan/on").status_code == 404
    assert client.get(f"/coordinator/reports/kelurahan/{A}/binaan/on").status_code == 405


def test_the_monthly_report_is_in_indonesian_even_for_a_coordinator_who_reads_english(client, world, coordinator):
    html = page(client, "/coordinator/reports/monthly?month=2026-02")
    assert '<html lang="id">' in html
    assert "Februari 2026" in html
    assert "Pemerintah Kota Pangkalpinang" in html


def test_the_monthly_report_defaults_to_last_month_and_never_shows_the_future(client, db, coordinator):
    last = previous_month(local_today())
    with force_locale("id"):
        expected = format_date(last, "MMMM yyyy")
    assert f"<strong>{expected}</strong>" in page(client, "/coordinator/reports/monthly")
    assert page(client, "/coordinator/reports/monthly?month=2999-01").count("selected") == 1


def test_the_dashboard_shows_the_reports_at_a_glance_with_binaan_first(client, world, coordinator):
    mark_binaan(A)
    html = page(client, "/coordinator/")
    for words in ("From registration to return", "By country", "Certificates verified this month",
                  "Training places against demand", "Kelurahan binaan", "Semabung Lama"):
        assert words in html, words
    assert "/static/css/reports.css" in html
    assert "Mark binaan" not in html  # marking is on the reports page


@pytest.mark.parametrize("url", ["/coordinator/", "/coordinator/reports", "/coordinator/reports/monthly",
                                 "/coordinator/reports/export/binaan_trend.xlsx"])
def test_the_reports_work_on_an_empty_register(client, db, coordinator, url):
    assert client.get(url).status_code == 200
