"""A seeker's matches as the pages show them: the best openings with invitations and applications, and
the openings they cannot take yet with what would close each gap.

Nothing is ranked without the seeker's consent to matching (UU 27/2022); every ranking shown is
audited as a read of the seeker's personal data, whoever looks (the seeker or a coordinator).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.domain.matching.scoring import Factor
from app.domain.remedies import Gap, closes_for_nobody
from app.extensions import db
from app.models import Employer, Opening, Placement, SeekerProfile, Shortlist
from app.services import consents, remedies
from app.services.audit import Actor
from app.services.catalogue import local_today
from app.services.matcher.rank import audit_matches, rank_openings

TOP = 20


@dataclass(frozen=True)
class Match:
    opening: Opening
    rank: int
    percent: int
    factors: list[Factor]
    invited: bool
    application: Placement | None
    deadline_passed: bool


@dataclass(frozen=True)
class Blocked:
    opening: Opening
    gaps: list[Gap]
    closed_to_all: bool
    invited: bool


@dataclass(frozen=True)
class SeekerMatchesView:
    consented: bool
    model: str | None = None
    matches: tuple[Match, ...] = ()
    blocked: tuple[Blocked, ...] = ()  # the closest first; at most the limit asked for
    blocked_total: int = 0  # how many openings this seeker cannot take yet, shown or not

    def about(self, opening_id: int | None) -> Match | Blocked | None:
        """This opening's card, if it is among the matches or the blocked."""
        return next((card for card in self.matches + self.blocked if card.opening.id == opening_id), None)


def consents_to_matching(seeker: SeekerProfile) -> bool:
    """Asked of the database, not of a profile loaded earlier: a withdrawal counts from the next page."""
    return seeker.erased_at is None and consents.has_consent(seeker.id, "matching")


def matches_for(seeker: SeekerProfile, viewer: Actor, top_k: int = TOP, with_blocked: bool = True,
                today: date | None = None, blocked_limit: int | None = None) -> SeekerMatchesView:
    """The seeker's best `top_k` openings (and, if asked, the `blocked_limit` closest of those they cannot take
    yet); audited. Only the blocked openings kept are loaded and explained: with 1,000 approved openings the
    others would cost most of the page."""
    if not consents_to_matching(seeker):
        return SeekerMatchesView(consented=False)
    today = today or local_today()
    ranked = rank_openings(seeker, top_k, on=today)
    audit_matches(viewer, ranked)
    everyone_blocked = ranked.ineligible if with_blocked else []
    blocked = sorted(everyone_blocked, key=_nearness)[:blocked_limit]
    openings = _openings([o.opening_id for o in ranked.openings] + [b.opening_id for b in blocked])
    invited = _invited(seeker.id, list(openings))
    applications = _applications(seeker.id, [o.opening_id for o in ranked.openings])
    matches = tuple(Match(opening=openings[o.opening_id], rank=o.rank, percent=percent(o.score),
                          factors=o.explanation, invited=o.opening_id in invited,
                          application=applications.get(o.opening_id),
                          deadline_passed=_past(openings[o.opening_id].deadline, today))
                    for o in ranked.openings if o.opening_id in openings)
    return SeekerMatchesView(consented=True, model=ranked.model, matches=matches,
                             blocked=_closest(seeker.id, blocked, openings, invited, today),
                             blocked_total=len(everyone_blocked))


def _nearness(blocked) -> tuple:
    """A cheap first order of the blocked openings, before their steps are worked out: reachable ones and
    those with the fewest different gates first."""
    return (closes_for_nobody(blocked.failures), len({f.code for f in blocked.failures}), blocked.opening_id)


def percent(score: float) -> int:
    """A score (0 to 1, see app/domain/matching/scoring.py) as the whole percentage a card shows."""
    return round(min(max(score, 0.0), 1.0) * 100)


def _past(deadline: date | None, today: date) -> bool:
    return deadline is not None and deadline < today


def _closest(seeker_id: int, blocked, openings: dict[int, Opening], invited: set[int],
             today: date) -> tuple[Blocked, ...]:
    """The blocked openings with the steps to each, the ones nearest to reach first."""
    if not blocked:
        return ()
    situation = remedies.situation_of(seeker_id, today)
    cards = [Blocked(openings[b.opening_id], remedies.gaps_for(openings[b.opening_id], b.failures, situation),
                     closes_for_nobody(b.failures), b.opening_id in invited)
             for b in blocked if b.opening_id in openings]
    cards.sort(key=lambda c: (c.closed_to_all, len(c.gaps), c.opening.start_date or date.max, c.opening.id))
    return tuple(cards)


def _openings(ids: list[int]) -> dict[int, Opening]:
    if not ids:
        return {}
    rows = db.session.scalars(select(Opening).where(Opening.id.in_(ids))
                              .options(joinedload(Opening.employer).joinedload(Employer.partner_city)))
    return {o.id: o for o in rows}


def _invited(seeker_id: int, opening_ids: list[int]) -> set[int]:
    """The openings whose employer (or a coordinator) shortlisted this seeker from the ranking."""
    if not opening_ids:
        return set()
    return set(db.session.scalars(select(Shortlist.opening_id).where(Shortlist.seeker_id == seeker_id,
                                                                     Shortlist.opening_id.in_(opening_ids))))


def _applications(seeker_id: int, opening_ids: list[int]) -> dict[int, Placement]:
    if not opening_ids:
        return {}
    rows = db.session.scalars(select(Placement).where(Placement.seeker_id == seeker_id,
                                                      Placement.opening_id.in_(opening_ids)))
    return {p.opening_id: p for p in rows}
