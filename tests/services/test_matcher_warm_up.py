"""A new process builds its matrix and openings board before the first ranking asks for them."""
from app.services.matcher.opening_board import EXTENSION
from app.services.matcher.rank import matcher
from app.services.matcher.warm import warm_up_in_background
from tests.services.helpers_matching import make_candidate, make_opening


def test_warming_up_builds_the_matrix_and_the_board_once(app, db):
    make_opening()
    make_candidate()
    warm_up_in_background(app).join(timeout=60)
    with app.app_context():
        assert matcher().full_builds == 1 and matcher().fresh().candidates() == 1
        assert app.extensions[EXTENSION][0].builds == 1
