"""What the candidates pages of an opening show: the ranked, explained candidates as anonymised cards
with their shortlist state and, for coordinators, the ineligible candidates with the gates they fail.

Every ranking shown is audited as a read of personal data (audit_ranking), naming exactly the
candidates on the page.
"""
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from app.domain.candidate_card import CandidateCard
from app.extensions import db
from app.models import Opening, Shortlist
from app.services import candidate_cards
from app.services.audit import Actor
from app.services.candidate_codes import candidate_code
from app.services.catalogue import local_today
from app.services.ineligible_candidates import IneligiblePage, ineligible_page
from app.services.matcher.rank import CandidateRanking, RankedCandidate, audit_ranking, rank_candidates

TOP_K = 50
INELIGIBLE_PER_PAGE = 100


@dataclass(frozen=True)
class CandidateRow:
    candidate: RankedCandidate
    code: str  # names the candidate on this opening's pages, and nowhere else
    card: CandidateCard
    shortlisted: bool


@dataclass(frozen=True)
class CandidatesView:
    ranking: CandidateRanking
    rows: list[CandidateRow]
    shortlisted_elsewhere: int  # shortlisted candidates not in this list (lower down, or no longer eligible)
    ineligible: IneligiblePage | None = None


def shortlisted_ids(opening_id: int) -> set[int]:
    return set(db.session.scalars(select(Shortlist.seeker_id).where(Shortlist.opening_id == opening_id)))


def _rows(ranking: CandidateRanking, on: date) -> tuple[list[CandidateRow], int]:
    """The cards of the ranked, and how many shortlisted candidates are not among them."""
    opening_id = ranking.opening_id
    chosen = shortlisted_ids(opening_id)
    cards = candidate_cards.cards([c.seeker_id for c in ranking.candidates], on)
    rows = [CandidateRow(c, candidate_code(opening_id, c.seeker_id), cards[c.seeker_id], c.seeker_id in chosen)
            for c in ranking.candidates if c.seeker_id in cards]
    return rows, len(chosen - {c.seeker_id for c in ranking.candidates})


def ranked_candidates(opening: Opening, viewer: Actor, top_k: int = TOP_K,
                      today: date | None = None) -> CandidatesView:
    """The best `top_k` eligible candidates as cards, best first, explained; the read is audited."""
    today = today or local_today()
    ranking = rank_candidates(opening, top_k, on=today)
    audit_ranking(viewer, ranking)
    rows, elsewhere = _rows(ranking, today)
    return CandidatesView(ranking, rows, elsewhere)


def ranked_and_ineligible(opening: Opening, viewer: Actor, page: int = 1, top_k: int = TOP_K,
                          per_page: int = INELIGIBLE_PER_PAGE, today: date | None = None) -> CandidatesView:
    """The ranking as coordinators see it, with one page of the ineligible; audits exactly who is shown."""
    today = today or local_today()
    ranking = rank_candidates(opening, top_k, on=today)
    ineligible = ineligible_page(opening, page, per_page, today)
    audit_ranking(viewer, replace(ranking, ineligible=ineligible.items))
    rows, elsewhere = _rows(ranking, today)
    return CandidatesView(ranking, rows, elsewhere, ineligible)
