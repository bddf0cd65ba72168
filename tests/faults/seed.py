"""What the fault checks need on top of `flask demo load`, made through the app's own services.

`python -m tests.faults.seed` (in the production configuration, against the private cluster) reads the
password for the new accounts on stdin and prints one JSON line on stdout:
- `writers` and `movers`: coordinator accounts (English locale), one per load thread and one per racer,
  so that no login is ever refused or rate-limited;
- `case_id`: a case about a worker abroad, opened by phone, that the writers add notes to;
- `api_token`: a fresh API client's token (scope departures) for the API reader;
- `placement_id`, `from_stage`, `to_stage`: the demo's first placement the coordinators may move
  forward without the pre-departure gate (applied -> shortlisted with the shipped demo data).
"""
import json
import sys

from sqlalchemy import select

from app import create_app
from app.domain import placement_flow as flow
from app.domain.vocab import Role
from app.extensions import db
from app.models import Placement, User
from app.services import api_clients, cases
from app.services.accounts import create_user
from app.services.audit import Actor

# Coordinator moves that need no reason and no pre-departure gate: the race must be about the version only.
RACE_MOVES = (("applied", "shortlisted"), ("shortlisted", "interview"), ("interview", "offered"),
              ("accepted", "contract_signed"), ("contract_signed", "documents_verified"))
CASE_STAGES = ("arrived", "departed")


def coordinators(prefix: str, count: int, password: str) -> list[str]:
    emails = [f"faults-{prefix}-{n:02d}@faults.example" for n in range(1, count + 1)]
    for n, email in enumerate(emails, start=1):
        create_user(email, password, Role.COORDINATOR.value, f"Faults {prefix} {n}", locale="en")
    db.session.commit()
    return emails


def race_placement() -> tuple[Placement, str]:
    for from_stage, to_stage in RACE_MOVES:
        if flow.COORDINATOR not in flow.MOVES.get((from_stage, to_stage), ()) or \
                flow.requires_predeparture_gate(to_stage):
            continue
        found = db.session.scalar(select(Placement).where(Placement.stage == from_stage).order_by(Placement.id))
        if found is not None:
            return found, to_stage
    raise SystemExit("seed: no placement a coordinator may move forward (was `flask demo load` run?)")


def case_about_worker_abroad(owner_email: str) -> int:
    abroad = db.session.scalar(select(Placement).where(Placement.stage.in_(CASE_STAGES)).order_by(Placement.id))
    if abroad is None:
        raise SystemExit("seed: no placement abroad to open a case about (was `flask demo load` run?)")
    owner = db.session.scalar(select(User).where(User.email == owner_email))
    opened = cases.open_case(cases.origin_from_placement(abroad.id, "phone"), "other", "medium",
                             "Fault check: notes written while the database restarts.", owner.id,
                             Actor.for_user(owner, "127.0.0.1"))
    return opened.id


def main(writers: int, movers: int) -> dict:
    password = sys.stdin.readline().rstrip("\n")
    app = create_app()
    with app.app_context():
        writer_emails = coordinators("writer", writers, password)
        mover_emails = coordinators("mover", movers, password)
        placement, to_stage = race_placement()
        _client, token = api_clients.create_client("Fault check reader", ["departures"],
                                                   Actor.command_line("tests.faults.seed"))
        return {"writers": writer_emails, "movers": mover_emails, "case_id": case_about_worker_abroad(writer_emails[0]),
                "api_token": token, "placement_id": placement.id, "from_stage": placement.stage,
                "to_stage": to_stage}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))
