"""The approved openings each process keeps for the seeker's ranking follow every change at once."""
import pytest
from sqlalchemy import select

from app import create_app
from app.config import TestConfig
from app.domain.eligibility import Gate
from app.extensions import db as _db
from app.models import Employer, Opening, SeekerProfile
from app.services.audit import Actor
from app.services.matcher.opening_board import EXTENSION, forget
from app.services.matcher.rank import matcher, rank_openings
from app.services.openings import close_opening
from tests.factories import make_user
from tests.services.helpers_matching import TODAY, make_candidate, make_opening


@pytest.fixture
def other_app(app):
    """A second app instance on the same database: another gunicorn worker, another machine."""
    second = create_app(TestConfig, {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    yield second
    with second.app_context():
        matcher().forget()
        forget()
        _db.session.remove()
        _db.engine.dispose()


def matched_elsewhere(application, seeker_id: int) -> tuple[list[int], dict[int, list[str]]]:
    with application.app_context():
        matches = rank_openings(_db.session.get(SeekerProfile, seeker_id), 10, on=TODAY)
        return ([o.opening_id for o in matches.openings],
                {o.opening_id: [str(f.code) for f in o.failures] for o in matches.ineligible})


def builds(application) -> int:
    return application.extensions[EXTENSION][0].builds


def test_a_closed_opening_leaves_the_other_instances_matches_at_once(app, other_app, db):
    first, second, seeker = make_opening(), make_opening(), make_candidate()
    assert matched_elsewhere(other_app, seeker.id)[0] == sorted([first.id, second.id])
    close_opening(first, Actor.for_user(make_user("coordinator")))
    assert matched_elsewhere(other_app, seeker.id)[0] == [second.id]


def test_an_employer_losing_verification_blocks_its_openings_elsewhere_at_once(app, other_app, db):
    opening, seeker = make_opening(), make_candidate()
    assert matched_elsewhere(other_app, seeker.id)[0] == [opening.id]
    employer = db.session.get(Employer, opening.employer_id)
    employer.status = "suspended"
    db.session.commit()
    eligible, blocked = matched_elsewhere(other_app, seeker.id)
    assert eligible == [] and Gate.EMPLOYER_NOT_VERIFIED in blocked[opening.id]


def test_nothing_changed_means_nothing_is_rebuilt(app, other_app, db):
    make_opening()
    seeker = make_candidate()
    matched_elsewhere(other_app, seeker.id)
    matched_elsewhere(other_app, seeker.id)
    assert builds(other_app) == 1
    make_opening()
    assert len(matched_elsewhere(other_app, seeker.id)[0]) == 2 and builds(other_app) == 2


def test_the_kept_board_ranks_exactly_as_a_fresh_one(app, db):
    openings = [make_opening(), make_opening(min_age=30), make_opening(schemes=("BLK-CAREGIVER",))]
    seeker = make_candidate()
    kept = rank_openings(seeker, 10, on=TODAY)
    forget()
    fresh = rank_openings(_db.session.get(SeekerProfile, seeker.id), 10, on=TODAY)
    assert kept == fresh
    assert [o.opening_id for o in kept.openings] == [openings[0].id]
    assert {o.opening_id for o in kept.ineligible} == {openings[1].id, openings[2].id}
    assert db.session.scalar(select(Opening.id).where(Opening.id == openings[0].id))
