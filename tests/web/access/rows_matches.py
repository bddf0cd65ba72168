"""Rows for the seeker's matches and the human review of a ranking (seekers ask, coordinators answer)."""
from app.extensions import db
from app.models import ReviewRequest
from tests.web.access import only

ROWS = {
    "seeker.matches": ("GET", "/seeker/matches", only("seeker")),
    # No form data: nothing is filed, the page comes back with the error beside the message.
    "seeker.review_request": ("POST", "/seeker/matches/review", only("seeker")),
    "coordinator.reviews": ("GET", "/coordinator/reviews", only("coordinator")),
    "coordinator.review": ("GET", "/coordinator/reviews/{rv_review}", only("coordinator")),
    # No answer given: the request stays open and the page shows the error.
    "coordinator.review_answer": ("POST", "/coordinator/reviews/{rv_review}/answer", only("coordinator")),
}


def build(world):
    """Seeker A's open request for a person to check their ranking."""
    review = ReviewRequest(seeker_id=world.users["seeker"].seeker.id, message="Tolong cek peringkat saya.")
    db.session.add(review)
    db.session.commit()
    world.ids.update(rv_review=review.id)
