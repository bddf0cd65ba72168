"""In-app notifications: each person reads only their own, and can mark them read."""
from sqlalchemy import select

from app.models import Notification, User
from app.services.notifications import notify


def _notify(db, user_id, kind="document_verified", params=None):
    user = db.session.get(User, user_id)
    notify(user, kind, params or {"kind": "Paspor"})
    db.session.commit()


def test_a_seeker_reads_their_notifications_with_an_unread_count(client, login_as, db):
    user_id = login_as("seeker")
    _notify(db, user_id)
    page = client.get("/seeker/").get_data(as_text=True)
    assert "/auth/notifications" in page and "badge" in page
    listing = client.get("/auth/notifications").get_data(as_text=True)
    assert "Paspor" in listing


def test_marking_read_clears_only_ones_own(client, login_as, db, make_user):
    other = make_user("seeker")
    _notify(db, other.id)
    user_id = login_as("seeker")
    _notify(db, user_id)
    client.post("/auth/notifications/read")
    assert db.session.scalar(select(Notification.read_at).where(Notification.user_id == user_id)) is not None
    assert db.session.scalar(select(Notification.read_at).where(Notification.user_id == other.id)) is None


def test_nobody_sees_another_persons_notifications(client, login_as, db, make_user):
    other = make_user("seeker")
    _notify(db, other.id, "erasure_refused", {"reason": "secret reason for the other seeker"})
    login_as("seeker")
    assert "secret reason" not in client.get("/auth/notifications").get_data(as_text=True)
