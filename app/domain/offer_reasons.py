"""The verdict of Cek Tawaran and its reasons: codes with JSON-ready data, worded by the web layer."""
from dataclasses import dataclass, field
from decimal import Decimal

GREEN, AMBER, RED = "green", "amber", "red"
OK = "ok"  # a reason that speaks for the offer
SEVERITY_ORDER = (RED, AMBER, OK)


@dataclass(frozen=True)
class Reason:
    code: str
    severity: str  # red | amber | ok
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OfferVerdict:
    colour: str
    reasons: tuple[Reason, ...]

    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    def records(self) -> list[dict]:
        """The reasons as stored with a report."""
        return [{"code": r.code, "severity": r.severity, "data": r.data} for r in self.reasons]


def plain(value):
    """A value as stored in JSON: amounts as strings, so that nothing is rounded."""
    return str(value) if isinstance(value, Decimal) else value
