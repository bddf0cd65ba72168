"""A small world for the report tests, built row by row so every figure can be counted by hand.

Today is 15 March 2026 (Asia/Jakarta, UTC+7). Kelurahan A and B are in kecamatan Bukit Intan, C in Taman Sari.

| seeker | lives in | registered (local)      | certificates                   | placements (opening)               |
|--------|----------|-------------------------|--------------------------------|------------------------------------|
| s1     | A        | 10 Jan                  | JP-SSW-CARE verified 11 Jan    | departed (care JP)                 |
| s2     | A        | 20 Jan                  | SKK-CPMI verified, expired     | —                                  |
| s3     | B        | 1 Feb 00:30 (31 Jan UTC)| JP-SSW-CARE verified 6 Feb     | —  (17 years old)                  |
| s4     | B        | 15 Feb                  | JP-SSW-CARE verified 16 Feb    | returned (care JP)                 |
| s5     | C        | 1 Mar                   | SKK-CPMI verified 2 Mar        | rejected (KR), withdrawn (JP)      |
| s6     | outside  | 2 Mar                   | LSP-CAREGIVER by training 3 Mar| —  (matching consent withdrawn)    |
| s7     | C        | 3 Mar                   | SKK-CPMI pending               | —                                  |
| s8     | A        | 12 Jan, erased          | —                              | —                                  |
"""
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import update

from app.extensions import db
from app.models import (
    Case,
    Certification,
    CheckIn,
    Cohort,
    Enrolment,
    Kelurahan,
    OpeningCertification,
    Placement,
    PlacementEvent,
    TrainingProgramme,
)
from app.services.audit import Actor
from tests.factories import make_employer, make_partner_city, make_seeker_profile
from tests.services.helpers_applications import make_opening

TODAY = date(2026, 3, 15)
A, B, C = "19.71.01.1004", "19.71.01.1006", "19.71.02.1001"
BUKIT_INTAN, TAMAN_SARI = "19.71.01", "19.71.02"
ACTOR = Actor(None, "test:reports")


def local_noon(day: date) -> datetime:
    """Noon in Pangkalpinang on `day`, as the naive UTC the database stores."""
    return datetime(day.year, day.month, day.day, 5, 0)


def seeker(kelurahan: str | None, registered: datetime, **overrides):
    fields = {"kelurahan_code": kelurahan, "created_at": registered, "updated_at": registered}
    if kelurahan is None:
        fields["regency_code"] = None
    return make_seeker_profile(**{**fields, **overrides})


def certificate(profile, scheme: str, status: str = "verified", reviewed: datetime | None = None,
                expires: date | None = None, created: datetime | None = None, source: str = "self"):
    cert = Certification(seeker_id=profile.id, scheme_code=scheme, number=f"N-{profile.id}-{scheme}",
                         issued_on=date(2025, 1, 1), expires_on=expires, status=status, reviewed_at=reviewed,
                         source=source, created_at=created or profile.created_at)
    db.session.add(cert)
    return cert


def placement(profile, opening, stage: str, applied: datetime, moves: list[tuple[str, datetime]] = ()):
    """A placement at `stage` with an event for applying and one for each move."""
    row = Placement(seeker_id=profile.id, opening_id=opening.id, stage=stage, created_at=applied, updated_at=applied)
    row.events.append(PlacementEvent(from_stage=None, to_stage="applied", actor_label="test", at=applied))
    previous = "applied"
    for to_stage, at in moves:
        row.events.append(PlacementEvent(from_stage=previous, to_stage=to_stage, actor_label="test", at=at))
        previous = to_stage
    db.session.add(row)
    db.session.flush()
    return row


def cohort(programme, capacity: int, status: str, starts: date, ends: date):
    row = Cohort(programme_id=programme.id, capacity=capacity, status=status, starts_on=starts, ends_on=ends,
                 place="BLK Pangkalpinang")
    db.session.add(row)
    db.session.flush()
    return row


def build_world() -> SimpleNamespace:
    """The world of the module docstring, plus openings, cohorts, check-ins and cases; returns its objects."""
    city_x, city_y = make_partner_city(country_code="JP"), make_partner_city(country_code="KR")
    care = make_opening(make_employer(city_x), sector_code="care", country_code="JP", positions=4)
    factory = make_opening(make_employer(city_y), sector_code="manufacturing", country_code="KR", positions=3)
    closed = make_opening(make_employer(city_x), sector_code="care", country_code="JP", positions=9,
                          status="closed", closed_reason="manual")
    db.session.add_all([OpeningCertification(opening_id=care.id, scheme_code="JP-SSW-CARE"),
                        OpeningCertification(opening_id=factory.id, scheme_code="SKK-CPMI"),
                        OpeningCertification(opening_id=factory.id, scheme_code="BST-F"),
                        OpeningCertification(opening_id=closed.id, scheme_code="JP-SSW-CARE")])

    s1 = seeker(A, local_noon(date(2026, 1, 10)))
    s2 = seeker(A, local_noon(date(2026, 1, 20)))
    s3 = seeker(B, datetime(2026, 1, 31, 17, 30), birth_date=date(2008, 6, 1))
    s4 = seeker(B, local_noon(date(2026, 2, 15)))
    s5 = seeker(C, local_noon(date(2026, 3, 1)))
    s6 = seeker(None, local_noon(date(2026, 3, 2)))
    s7 = seeker(C, local_noon(date(2026, 3, 3)))
    s8 = seeker(A, local_noon(date(2026, 1, 12)), erased_at=datetime(2026, 3, 1))
    s6.consents[0].withdrawn_at = datetime(2026, 3, 5)

    certificate(s1, "JP-SSW-CARE", reviewed=local_noon(date(2026, 1, 11)))
    certificate(s2, "SKK-CPMI", reviewed=local_noon(date(2025, 6, 1)), expires=date(2026, 3, 14))
    certificate(s3, "JP-SSW-CARE", reviewed=local_noon(date(2026, 2, 6)))
    certificate(s4, "JP-SSW-CARE", reviewed=local_noon(date(2026, 2, 16)))
    certificate(s5, "SKK-CPMI", reviewed=local_noon(date(2026, 3, 2)))
    certificate(s5, "BST-F", status="rejected", reviewed=local_noon(date(2026, 3, 2)))
    certificate(s6, "LSP-CAREGIVER", created=local_noon(date(2026, 3, 3)), source="training")
    certificate(s7, "SKK-CPMI", status="pending")

    p1 = placement(s1, care, "departed", local_noon(date(2026, 1, 15)),
                   [("accepted", local_noon(date(2026, 2, 10))), ("departed", local_noon(date(2026, 2, 25)))])
    placement(s4, care, "returned", local_noon(date(2026, 2, 20)),
              [("accepted", local_noon(date(2026, 2, 21))), ("departed", local_noon(date(2026, 2, 22))),
               ("arrived", local_noon(date(2026, 2, 23))), ("returned", local_noon(date(2026, 3, 10)))])
    placement(s5, factory, "rejected", local_noon(date(2026, 3, 4)), [("rejected", local_noon(date(2026, 3, 6)))])
    placement(s5, care, "withdrawn", local_noon(date(2026, 3, 5)), [("withdrawn", local_noon(date(2026, 3, 7)))])

    db.session.add_all([
        CheckIn(placement_id=p1.id, due_on=date(2026, 2, 26), answer="distress",
                answered_at=local_noon(date(2026, 2, 26))),
        CheckIn(placement_id=p1.id, due_on=date(2026, 2, 20), answer="ok", answered_at=local_noon(date(2026, 2, 20))),
        CheckIn(placement_id=p1.id, due_on=date(2026, 2, 24), overdue_at=local_noon(date(2026, 2, 27))),
        Case(seeker_id=s1.id, placement_id=p1.id, category="unpaid_wages", severity="high", status="open",
             source="checkin", summary="Wages late", created_at=local_noon(date(2026, 2, 26))),
        Case(seeker_id=s1.id, category="other", severity="low", status="resolved", source="phone", summary="Asked",
             created_at=local_noon(date(2026, 1, 20)), resolved_at=local_noon(date(2026, 2, 3))),
    ])

    care_course = TrainingProgramme(name="Kaigo course", scheme_code="JP-SSW-CARE", provider="BLK", provider_kind="BLK",
                                    hours=300)
    cpmi_course = TrainingProgramme(name="CPMI course", scheme_code="SKK-CPMI", provider="LPK", provider_kind="LPK",
                                    hours=40)
    db.session.add_all([care_course, cpmi_course])
    db.session.flush()
    current = cohort(care_course, 10, "open", date(2026, 3, 20), date(2026, 4, 30))
    january = cohort(care_course, 5, "completed", date(2026, 1, 5), date(2026, 1, 25))
    cohort(care_course, 8, "cancelled", date(2026, 1, 10), date(2026, 2, 10))
    cohort(cpmi_course, 20, "planned", date(2026, 4, 1), date(2026, 5, 1))
    db.session.add_all([Enrolment(cohort_id=current.id, seeker_id=s7.id, status="enrolled"),
                        Enrolment(cohort_id=current.id, seeker_id=s3.id, status="enrolled"),
                        Enrolment(cohort_id=current.id, seeker_id=s2.id, status="waitlisted"),
                        Enrolment(cohort_id=january.id, seeker_id=s1.id, status="completed", passed=True)])
    db.session.commit()
    return SimpleNamespace(s1=s1, s2=s2, s3=s3, s4=s4, s5=s5, s6=s6, s7=s7, s8=s8, care=care, factory=factory,
                           city_x=city_x, city_y=city_y)


def mark_binaan(*codes: str) -> None:
    db.session.execute(update(Kelurahan).where(Kelurahan.code.in_(codes)).values(is_binaan=True))
    db.session.commit()


def unmark_all_binaan() -> None:
    """Kelurahan are reference rows that outlive a test: put every mark back."""
    db.session.execute(update(Kelurahan).values(is_binaan=False))
    db.session.commit()
