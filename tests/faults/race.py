"""Check (b): sixteen coordinators move one placement to its next stage at the same instant.

Each coordinator is logged in on their own and opens the placement's page first, so all sixteen hold
the same version in the move form (the real form's hidden `version` and CSRF token). A barrier then
releases the sixteen POSTs to coordinator.placement_move together. Placement.version is SQLAlchemy's
version_id_col: exactly one move may win; the others must be told the placement changed (the
"warning" flash), and the database must show one move: the stage, the version one higher, one
PlacementEvent and one audit entry for it.
"""
import re
import threading
from collections import Counter

from tests.faults.client import Answer, Browser, SessionReader
from tests.faults.cluster import Cluster
from tests.faults.report import Check


def move_form(page: str, to_stage: str) -> dict:
    """The CSRF token and version from the page's form for this move."""
    for form in re.findall(r"<form[^>]*>.*?</form>", page, flags=re.S):
        if f'name="to_stage" value="{to_stage}"' in form:
            fields = dict(re.findall(r'name="(csrf_token|version)" value="([^"]*)"', form))
            return {**fields, "to_stage": to_stage, "note": ""}
    raise RuntimeError(f"the placement page offers no move to {to_stage}")


def race(movers: list[Browser], placement_id: int, to_stage: str) -> list[Answer]:
    path = f"/coordinator/placements/{placement_id}"
    forms = []
    for browser in movers:
        _token, page = browser.csrf_token(path)
        forms.append(move_form(page, to_stage))
    barrier = threading.Barrier(len(movers))
    answers: list[Answer | None] = [None] * len(movers)

    def post(n: int) -> None:
        barrier.wait()
        answers[n] = movers[n].request("POST", f"{path}/move", forms[n], keep_cookies=False)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(movers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def judge(movers: list[Browser], sessions: SessionReader, cluster: Cluster, placement_id: int, from_stage: str,
          to_stage: str) -> Check:
    check = Check(f"(b) {len(movers)} coordinators move one placement ({from_stage} -> {to_stage}) at once")
    version_before = cluster.query("SELECT version FROM placements WHERE id = %s", (placement_id,))[0][0]
    events_before, audited_before = _moves_recorded(cluster, placement_id, to_stage)
    answers = race(movers, placement_id, to_stage)
    told = Counter()
    for answer in answers:
        flashes = sessions.flashes(answer) if answer.status == 302 else []
        told[flashes[0][0] if len(flashes) == 1 else f"HTTP {answer.status} {answer.error or ''}".strip()] += 1
    stage, version = cluster.query("SELECT stage, version FROM placements WHERE id = %s", (placement_id,))[0]
    events_after, audited_after = _moves_recorded(cluster, placement_id, to_stage)
    events, audited = events_after - events_before, audited_after - audited_before
    winners, changed = told.pop("success", 0), told.pop("warning", 0)

    check.figure("answers", f"{len(answers)}: {winners} done (success), {changed} told it changed (warning)"
                 + (f", other: {dict(told)}" if told else ""))
    check.figure("placement afterwards", f"stage {stage}, version {version_before} -> {version}")
    check.figure(f"new PlacementEvents to {to_stage} / new placement_moved audit entries", f"{events} / {audited}")
    check.require(winners == 1, f"{winners} winners among {len(answers)}")
    check.require(changed == len(answers) - 1, f"only {changed} of {len(answers) - 1} losers were told it changed")
    check.require(not told, f"unexpected answers: {dict(told)}")
    check.require(stage == to_stage and version == version_before + 1, "the placement is not exactly one move on")
    check.require(events == 1 and audited == 1, "not exactly one PlacementEvent and one audit entry for the move")
    return check


def _moves_recorded(cluster: Cluster, placement_id: int, to_stage: str) -> tuple[int, int]:
    """PlacementEvents into `to_stage`, and placement_moved audit entries, of this placement."""
    events = cluster.query("SELECT count(*) FROM placement_events WHERE placement_id = %s AND to_stage = %s",
                           (placement_id, to_stage))[0][0]
    audited = cluster.query("SELECT count(*) FROM audit_entries WHERE action = 'placement_moved' AND "
                            "object_type = 'placements' AND object_id = %s", (str(placement_id),))[0][0]
    return events, audited
