"""The audit log viewer: filters by actor, object, action and period; 50 to a page; read-only; itself audited."""
from datetime import datetime

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.models import AuditEntry


def entry(action: str, at: datetime, actor_id=None, label="system:test", object_type=None, object_id=None,
          **details) -> None:
    _db.session.add(AuditEntry(action=action, at=at, actor_id=actor_id, actor_label=label, object_type=object_type,
                               object_id=object_id, details=details))


@pytest.fixture
def coordinator(login_as):
    return login_as("coordinator", locale="en")


@pytest.fixture
def log(db, coordinator):
    """Entries from a coordinator, the command line and the system, in January and February 2026 (UTC)."""
    entry("certification_verified", datetime(2026, 1, 5, 3), coordinator, f"coordinator:{coordinator}",
          "certifications", "11")
    entry("placement_moved", datetime(2026, 1, 20, 3), coordinator, f"coordinator:{coordinator}", "placements", "7",
          to_stage="departed")
    entry("user_created", datetime(2026, 2, 2, 3), None, "cli:users create", "users", "3", role="officer")
    entry("user_created", datetime(2026, 2, 3, 3), coordinator, f"coordinator:{coordinator} via cli", "users", "4")
    entry("demo_loaded", datetime(2026, 2, 10, 3))
    # 17:30 UTC on 31 January is already 1 February in Pangkalpinang
    entry("seeker_viewed", datetime(2026, 1, 31, 17, 30), coordinator, f"coordinator:{coordinator}", "seekers", "7")
    _db.session.commit()
    return coordinator


def actions_on(html: str) -> list[str]:
    if "<tbody>" not in html:
        return []
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [a.split(">", 1)[1].split("<", 1)[0] for a in body.split('audit-log?action=')[1:]]


def view(client, query: str = "") -> str:
    response = client.get("/coordinator/audit-log" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_log_lists_entries_newest_first(client, log):
    actions = actions_on(view(client))
    assert actions[:2] == ["audit_log_viewed", "login"]  # this very view, recorded before the list is read
    assert actions[2:] == ["demo_loaded", "user_created", "user_created", "seeker_viewed", "placement_moved",
                           "certification_verified"]


@pytest.mark.parametrize(("query", "expected"), [
    ("?action=user_created", ["user_created", "user_created"]),
    ("?object_type=placements&object_id=7", ["placement_moved"]),
    ("?object_type=seekers", ["seeker_viewed"]),
    ("?actor=cli", ["user_created"]),
    ("?actor=system", ["demo_loaded"]),
    ("?from=2026-02-01&to=2026-02-05", ["user_created", "user_created", "seeker_viewed"]),
    ("?to=2026-01-31", ["placement_moved", "certification_verified"]),
    ("?from=2026-02-01&action=demo_loaded", ["demo_loaded"]),
])
def test_filters(client, log, query, expected):
    assert actions_on(view(client, query)) == expected


def test_an_actor_is_found_by_user_number_or_by_label(client, log):
    by_id = actions_on(view(client, f"?actor={log}&action=user_created"))
    by_label = actions_on(view(client, f"?actor=coordinator:{log}&action=user_created"))
    assert by_id == by_label == ["user_created"]  # the coordinator's own command, "… via cli"
    assert actions_on(view(client, f"?actor=coordinator:{log}0")) == []


def test_each_view_is_audited_with_its_filters(client, log):
    view(client, "?action=user_created&from=2026-02-01&page=1")
    seen = _db.session.scalar(select(AuditEntry).where(AuditEntry.action == "audit_log_viewed"))
    assert seen.actor_id == log and seen.object_type == "audit_log"
    assert seen.details == {"page": 1, "filters": {"action": "user_created", "from": "2026-02-01"}}


def test_fifty_entries_to_a_page(client, db, coordinator):
    for n in range(120):
        entry("seeker_viewed", datetime(2026, 1, 1, 0, n % 60, n // 60), object_type="seekers", object_id=str(n))
    _db.session.commit()
    first = view(client, "?action=seeker_viewed")
    assert "120 entries" in first and "page 1 of 3" in first and actions_on(first).count("seeker_viewed") == 50
    last = view(client, "?action=seeker_viewed&page=3")
    assert actions_on(last).count("seeker_viewed") == 20 and 'rel="prev"' in last and 'rel="next"' not in last
    assert "page 3 of 3" in view(client, "?action=seeker_viewed&page=99")


def test_an_invalid_period_is_refused_beside_the_field_and_nothing_is_listed(client, log):
    html = view(client, "?from=2026-02-10&to=2026-02-01")
    assert "The end of the period cannot be before its start." in html and "<tbody>" not in html


def test_the_log_is_read_only(client, log):
    assert client.post("/coordinator/audit-log").status_code == 405
