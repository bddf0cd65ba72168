"""The fairness report: top-10 exposure and selection rates by gender and kelurahan, explained, audited."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import AuditEntry
from tests.services.helpers_matching import make_candidate, make_opening
from tests.services.helpers_models import decide

SEMABUNG_LAMA, BACANG, OPAS_INDAH = "19.71.01.1004", "19.71.01.1006", "19.71.02.1001"


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator", locale="en")


@pytest.fixture
def world(db):
    """Six women with one asked skill, six men with two: the men fill the top of the ranking.

    Of the decided applications, one woman in five and three men in five were shortlisted. One woman
    lives in Opas Indah, alone there; the others live in Semabung Lama or Bacang.
    """
    opening = make_opening()
    women = [make_candidate(skills=("welding",), gender="F", kelurahan_code=OPAS_INDAH if i == 0 else SEMABUNG_LAMA)
             for i in range(6)]
    men = [make_candidate(skills=("welding", "smaw"), gender="M", kelurahan_code=BACANG) for _ in range(6)]
    for i, woman in enumerate(women[1:]):
        decide(woman, opening, ("shortlisted",) if i == 0 else ("rejected",), None if i == 0 else "not_selected")
    for i, man in enumerate(men[1:]):
        decide(man, opening, ("shortlisted",) if i < 3 else ("rejected",), None if i < 3 else "not_selected")
    decide(women[0], opening)  # still waiting: not counted
    return opening


def row(html: str, table_label: str, group: str) -> list[str]:
    """The cells of a group's row in the table with this label."""
    table = html.split(f'aria-label="{table_label}"', 1)[1].split("</table>", 1)[0]
    cells = re.search(rf'<th scope="row">{group}</th>(.*?)</tr>', table, re.S).group(1)
    return [re.sub(r"<[^>]+>", " ", cell).split()[0] for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]


def test_the_report_shows_who_reaches_the_top_10_against_their_share_of_the_eligible(client, world, coordinator):
    html = client.get("/coordinator/fairness").get_data(as_text=True)
    # 12 eligible, half women; the 10 places go to the 6 men and 4 women: 4 places where 5 were expected.
    assert row(html, "Top 10 places by gender", "Female") == ["6", "4", "40.0%", "50.0%", "0.80"]
    assert row(html, "Top 10 places by gender", "Male") == ["6", "6", "60.0%", "50.0%", "1.20"]
    assert "ranked by the serving model default-v1" in html and "Ratio = places in the top 10" in html


def test_selection_rates_below_four_fifths_of_the_best_are_flagged(client, world, coordinator):
    html = client.get("/coordinator/fairness").get_data(as_text=True)
    assert row(html, "Selection rates by gender", "Female") == ["5", "5", "1", "20.0%", "0.33"]
    assert row(html, "Selection rates by gender", "Male") == ["5", "5", "3", "60.0%", "1.00"]
    assert html.count("Below four fifths") == 2  # women by gender, Semabung Lama (the same women) by kelurahan
    assert "are not counted (1 now)" in html


def test_groups_of_fewer_than_five_people_are_named_but_not_compared(client, world, coordinator):
    html = client.get("/coordinator/fairness").get_data(as_text=True)
    assert "Opas Indah" in html.split("Too few to compare", 1)[1].split("</p>", 1)[0]
    assert '<th scope="row">Opas Indah</th>' not in html
    assert '<th scope="row">Semabung Lama</th>' in html and '<th scope="row">Bacang</th>' in html


def test_reading_the_report_is_audited(client, world, coordinator):
    client.get("/coordinator/fairness")
    entry = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "fairness_report_read"))
    assert entry.actor_id == coordinator and entry.details["openings"] == 1 and entry.details["decided"] == 10


def test_with_nothing_to_rank_or_decide_the_report_says_so(client, db, coordinator):
    html = client.get("/coordinator/fairness").get_data(as_text=True)
    assert "No approved opening can rank anyone yet." in html and "No application has been decided yet." in html
