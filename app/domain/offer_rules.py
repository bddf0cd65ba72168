"""The data Cek Tawaran decides with, read from app/data/offer_rules/ (words, places, wage norms, limits).

Everything a coordinator or a lawyer may want to change is in those files, with its source; this module
only turns them into values. Reading shipped files is the one outside contact of this pure layer.
"""
import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from app.domain.offer_text import Phrases

FOLDER = Path(__file__).resolve().parent.parent / "data" / "offer_rules"


@dataclass(frozen=True)
class Signal:
    code: str
    severity: str  # amber | red
    phrases: Phrases


@dataclass(frozen=True)
class Place:
    name: str
    phrases: Phrases
    country: str
    kind: str  # hub (a scam-compound area) | crossing (the way into one) | city


@dataclass(frozen=True)
class WageNorm:
    """A reference monthly wage for a country (and a sector, or every sector when None)."""
    country: str
    sector: str | None
    currency: str
    monthly: Decimal
    monthly_idr: Decimal | None = None  # the rupiah figure the source itself quoted
    basis: str = ""
    source: str = ""  # a URL, or "openings" for the approved openings in the register


@dataclass(frozen=True)
class Escalation:
    code: str
    severity: str
    all_of: frozenset[str]
    any_of: frozenset[str]


@dataclass(frozen=True)
class OfferRules:
    signals: tuple[Signal, ...]
    places: tuple[Place, ...]
    countries: dict[str, Phrases]
    sectors: dict[str, Phrases]
    wage_cues: tuple[str, ...]
    asked_cues: tuple[str, ...]
    norms: tuple[WageNorm, ...]
    money_amber_above: Decimal
    money_red_above: Decimal
    wage_amber_ratio: Decimal
    code_wage_ratio: Decimal
    scam_region: frozenset[str]
    phone_countries: dict[str, str]
    escalations: tuple[Escalation, ...]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _words(cell: str) -> list[str]:
    return [word for word in cell.split("|") if word.strip()]


def _signals(data: dict) -> tuple[Signal, ...]:
    return tuple(Signal(code, spec["severity"], Phrases.of(spec["words"], spec.get("negations_before", ()),
                                                           spec.get("negations_after", ())))
                 for code, spec in data["signals"].items())


def _norm(row: dict) -> WageNorm:
    return WageNorm(country=row["country"], sector=row["sector"] or None, currency=row["currency"],
                    monthly=Decimal(row["monthly"]), monthly_idr=Decimal(row["monthly_idr"]) if row["monthly_idr"]
                    else None, basis=row["basis"], source=row["source"])


@lru_cache(maxsize=4)
def load_rules(folder: Path = FOLDER) -> OfferRules:
    """The rules in `folder`, read once per process."""
    signals = json.loads((folder / "signals.json").read_text(encoding="utf-8"))
    limits = json.loads((folder / "limits.json").read_text(encoding="utf-8"))
    cues = signals["money_cues"]
    return OfferRules(
        signals=_signals(signals),
        places=tuple(Place(r["place"], Phrases.of(_words(r["words"])), r["country"], r["kind"])
                     for r in _rows(folder / "places.csv")),
        countries={r["code"]: Phrases.of(_words(r["words"])) for r in _rows(folder / "countries.csv")},
        sectors={code: Phrases.of(words) for code, words in signals["sectors"].items() if code != "about"},
        wage_cues=tuple(cues["wage"]), asked_cues=tuple(cues["asked"]),
        norms=tuple(_norm(r) for r in _rows(folder / "wage_norms.csv")),
        money_amber_above=Decimal(str(limits["money_asked"]["amber_above_idr"])),
        money_red_above=Decimal(str(limits["money_asked"]["red_above_idr"])),
        wage_amber_ratio=Decimal(str(limits["wage"]["amber_ratio"])),
        code_wage_ratio=Decimal(str(limits["code_wage_ratio"]["amber_ratio"])),
        scam_region=frozenset(limits["scam_region"]["countries"]),
        phone_countries={k: v for k, v in limits["phone_countries"].items() if k != "about"},
        escalations=tuple(Escalation(e["code"], e["severity"], frozenset(e["all_of"]), frozenset(e["any_of"]))
                          for e in limits["escalations"]),
    )
