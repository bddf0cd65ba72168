"""The seeker's view of their placement journey: where they are, and what they may see.

Pure: stages in, values out.
"""
from app.domain.vocab import ACTIVE_STAGES

DONE, CURRENT, UPCOMING = "done", "current", "upcoming"
# From acceptance on, the seeker and the employer are bound by an offer both agreed to: only then does the
# seeker see the employer's contact (before, every contact goes through Disnaker, the official channel).
_CONTACT_FROM = ACTIVE_STAGES.index("accepted")
# The steps the seeker is shown; "completed" and "returned" end the journey.
STEPS = ACTIVE_STAGES


def shows_employer_contact(stage: str) -> bool:
    return stage in ACTIVE_STAGES and ACTIVE_STAGES.index(stage) >= _CONTACT_FROM


def shows_checklist(stage: str) -> bool:
    """The pre-departure checklist matters once the seeker accepted the offer (and stays as a record)."""
    return shows_employer_contact(stage)


def progress(stage: str, reached: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Each step with done, current or upcoming. `reached` are the stages the history went through (a step
    skipped, like "completed" for an early return, stays upcoming); without it, every earlier step is done.
    A closed placement has no current step."""
    here = STEPS.index(stage) if stage in STEPS else len(STEPS)

    def state(i: int, step: str) -> str:
        if i == here:
            return CURRENT
        done = step in reached if reached else i < here
        return DONE if done and i < here else UPCOMING
    return [(step, state(i, step)) for i, step in enumerate(STEPS)]
