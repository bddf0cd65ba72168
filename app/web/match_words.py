"""What the matches pages (the seeker's, and the coordinator's review of them) need to word codes."""
import math

from app.web.factor_words import explanation
from app.web.placement_words import country_name
from app.web.remedy_words import gap_texts
from app.web.review_words import STATUS_WORDS


def points(shares: list[float], percent: int) -> list[int]:
    """Each share of the score as whole points that add up to the percentage shown (largest remainder).

    Rounding each share on its own can make "+26 +15 +6 +6 +1" next to "55%"; a reader who adds them
    up should find the number on the card. Negative shares (a learned model may give them) are rounded
    one by one, since no apportionment of them reads better.
    """
    raw = [share * 100 for share in shares]
    if any(value < 0 for value in raw):
        return [round(value) for value in raw]
    floors = [math.floor(value) for value in raw]
    spare = percent - sum(floors)
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in by_remainder[:max(spare, 0)]:
        floors[i] += 1
    return floors


def reasons(match) -> list[tuple[str, int]]:
    """A match's explanation: (sentence, points of the percentage), largest first."""
    explained = explanation(match.factors)
    return list(zip([sentence for sentence, _share in explained],
                    points([share for _sentence, share in explained], match.percent), strict=True))


def page_words() -> dict:
    return {"reasons": reasons, "gap_texts": gap_texts, "country_name": country_name,
            "review_status_words": STATUS_WORDS}
