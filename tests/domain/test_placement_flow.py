"""The placement state machine: every (from, to, role) triple against the table, and the reasons closing moves need."""
import itertools

import pytest

from app.domain import placement_flow as flow
from app.domain.vocab import ACTIVE_STAGES, CLOSED_STAGES, STAGES

S, E, C, Y = "seeker", "employer", "coordinator", "system"
BEFORE_ACCEPTED = ("applied", "shortlisted", "interview", "offered")
BEFORE_DEPARTED = BEFORE_ACCEPTED + ("accepted", "contract_signed", "documents_verified")

# The table of issue 4 and issue 6, written out independently of the module under test.
EXPECTED = {
    ("applied", "shortlisted"): {E, C},
    ("shortlisted", "interview"): {E, C},
    ("interview", "offered"): {E, C},
    ("offered", "accepted"): {S},
    ("accepted", "contract_signed"): {C},
    ("contract_signed", "documents_verified"): {C},
    ("documents_verified", "departed"): {C},
    ("departed", "arrived"): {C},
    ("arrived", "completed"): {C},
    ("completed", "returned"): {C},
    ("arrived", "returned"): {C},
    **{(stage, "rejected"): {E, C} for stage in BEFORE_ACCEPTED},
    **{(stage, "withdrawn"): {S} for stage in BEFORE_DEPARTED},
    **{(stage, "cancelled"): {C, Y} for stage in BEFORE_ACCEPTED},
    **{(stage, "cancelled"): {C} for stage in ("accepted", "contract_signed", "documents_verified")},
    **{(stage, closing): {C} for stage in ("departed", "arrived") for closing in ("terminated", "repatriated")},
}


def a_valid_reason(from_stage, to_stage):
    return flow.REASONS[to_stage][0] if flow.needs_reason(from_stage, to_stage) else None


@pytest.mark.parametrize("from_stage,to_stage,role", list(itertools.product(STAGES, STAGES, flow.ROLES)))
def test_every_move_is_allowed_exactly_for_the_roles_in_the_table(from_stage, to_stage, role):
    problems = flow.check_move(from_stage, to_stage, role, a_valid_reason(from_stage, to_stage))
    if (from_stage, to_stage) not in EXPECTED:
        assert problems == [flow.MOVE_NOT_ALLOWED]
    elif role in EXPECTED[(from_stage, to_stage)]:
        assert problems == []
    else:
        assert problems == [flow.ROLE_NOT_ALLOWED]


def test_the_module_table_is_the_expected_table():
    assert {move: set(roles) for move, roles in flow.MOVES.items()} == EXPECTED


@pytest.mark.parametrize("stage", CLOSED_STAGES)
def test_nothing_leaves_a_closed_stage(stage):
    assert all(flow.moves_for(stage, role) == [] for role in flow.ROLES)


def test_returned_is_the_end_of_the_journey():
    assert all(flow.moves_for("returned", role) == [] for role in flow.ROLES)


REASONED = [move for move in EXPECTED if move[1] in CLOSED_STAGES] + [("arrived", "returned")]


@pytest.mark.parametrize("from_stage,to_stage", REASONED)
def test_closing_moves_and_an_early_return_need_a_reason_from_their_list(from_stage, to_stage):
    role = sorted(EXPECTED[(from_stage, to_stage)])[0]
    assert flow.check_move(from_stage, to_stage, role, None) == [flow.REASON_REQUIRED]
    assert flow.check_move(from_stage, to_stage, role, "") == [flow.REASON_REQUIRED]
    assert flow.check_move(from_stage, to_stage, role, "because") == [flow.UNKNOWN_REASON]
    for reason in flow.REASONS[to_stage]:
        expected = [flow.NOTE_REQUIRED] if reason == "other" else []
        assert flow.check_move(from_stage, to_stage, role, reason) == expected
        assert flow.check_move(from_stage, to_stage, role, reason, note="told us by phone") == []


@pytest.mark.parametrize("from_stage,to_stage", [m for m in EXPECTED if not flow.needs_reason(*m)])
def test_moves_forward_take_no_reason_code(from_stage, to_stage):
    role = sorted(EXPECTED[(from_stage, to_stage)])[0]
    assert flow.check_move(from_stage, to_stage, role, "not_selected") == [flow.UNKNOWN_REASON]
    assert flow.check_move(from_stage, to_stage, role, None, note="video call on Monday") == []


def test_the_reason_lists_are_the_ones_of_the_issue():
    assert set(flow.REASONS["rejected"]) >= {"not_selected", "requirements_not_met", "position_filled", "other"}
    assert set(flow.REASONS["withdrawn"]) >= {"found_other_work", "family", "changed_mind", "other"}
    assert set(flow.REASONS) == set(CLOSED_STAGES) | {"returned"}
    assert all(reasons[-1] == "other" for reasons in flow.REASONS.values())


def test_a_wrong_role_and_a_missing_reason_are_both_reported():
    assert flow.check_move("applied", "rejected", S, None) == [flow.ROLE_NOT_ALLOWED, flow.REASON_REQUIRED]


def test_an_unknown_stage_is_not_a_move():
    assert flow.check_move("applied", "hired", C) == [flow.MOVE_NOT_ALLOWED]
    assert flow.check_move("nowhere", "applied", C) == [flow.MOVE_NOT_ALLOWED]


@pytest.mark.parametrize("stage,role,expected", [
    ("applied", E, ["shortlisted", "rejected"]),
    ("applied", S, ["withdrawn"]),
    ("applied", Y, ["cancelled"]),
    ("offered", S, ["accepted", "withdrawn"]),
    ("documents_verified", C, ["departed", "cancelled"]),
    ("arrived", C, ["completed", "returned", "terminated", "repatriated"]),
    ("accepted", E, []),
])
def test_moves_for_lists_what_a_role_may_do_next_in_journey_order(stage, role, expected):
    assert flow.moves_for(stage, role) == expected


def test_the_system_cancels_only_before_acceptance():
    assert flow.stages_that_may_move_to("cancelled", Y) == list(BEFORE_ACCEPTED)


@pytest.mark.parametrize("stage", STAGES)
def test_only_documents_verified_and_departure_wait_for_the_pre_departure_gate(stage):
    assert flow.requires_predeparture_gate(stage) is (stage in ("documents_verified", "departed"))


def test_every_active_stage_but_the_last_can_move_forward():
    for here, there in zip(ACTIVE_STAGES, ACTIVE_STAGES[1:], strict=False):
        assert (here, there) in flow.MOVES
