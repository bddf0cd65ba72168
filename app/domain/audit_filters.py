"""Reading the audit log viewer's filters: who is meant by the "actor" a coordinator typed."""
from dataclasses import dataclass


@dataclass(frozen=True)
class ActorFilter:
    """Entries match when their actor id equals `user_id`, or their label equals `label` or starts with
    one of `prefixes`. An empty filter matches everything."""
    user_id: int | None = None
    label: str | None = None
    prefixes: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.user_id is None and self.label is None


def actor_filter(text: str) -> ActorFilter:
    """"12" is user 12; "coordinator:12" that label (also "… via cli"); "cli" or "coordinator" every such label."""
    text = (text or "").strip()
    if not text:
        return ActorFilter()
    if text.isdigit():
        return ActorFilter(user_id=int(text))
    if ":" in text:
        return ActorFilter(label=text, prefixes=(text + " ",))
    return ActorFilter(label=text, prefixes=(text + ":",))
