"""Partner cities and the employers registered under them."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.vocab import AGREEMENT_STATUSES, EMPLOYER_STATUSES, check_in
from app.extensions import db
from app.models._base import Timestamped


class PartnerCity(Timestamped, db.Model):
    __tablename__ = "partner_cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    country_code: Mapped[str] = mapped_column(String(2))
    agreement_kind: Mapped[str | None] = mapped_column(String(120))
    agreement_signed_on: Mapped[date | None] = mapped_column(Date)
    agreement_expires_on: Mapped[date | None] = mapped_column(Date)
    agreement_status: Mapped[str] = mapped_column(String(10), default="draft")
    agreement_upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id", ondelete="SET NULL"))
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    notes: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)
    sectors: Mapped[list["PartnerCitySector"]] = relationship(cascade="all, delete-orphan")
    employers: Mapped[list["Employer"]] = relationship(back_populates="partner_city")
    __table_args__ = (
        CheckConstraint(check_in("agreement_status", AGREEMENT_STATUSES), name="agreement_status"),
        CheckConstraint("agreement_expires_on IS NULL OR agreement_signed_on IS NULL "
                        "OR agreement_expires_on >= agreement_signed_on", name="agreement_dates"),
    )

    def agreement_is_active(self, on: date) -> bool:
        if self.agreement_status != "active":
            return False
        return self.agreement_expires_on is None or self.agreement_expires_on >= on


class PartnerCitySector(db.Model):
    __tablename__ = "partner_city_sectors"
    partner_city_id: Mapped[int] = mapped_column(ForeignKey("partner_cities.id", ondelete="CASCADE"),
                                                 primary_key=True)
    sector_code: Mapped[str] = mapped_column(ForeignKey("sectors.code"), primary_key=True)


class Employer(Timestamped, db.Model):
    __tablename__ = "employers"
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_city_id: Mapped[int] = mapped_column(ForeignKey("partner_cities.id"), index=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    registration_number: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(Text)
    sector_code: Mapped[str | None] = mapped_column(ForeignKey("sectors.code"))
    contact_person: Mapped[str | None] = mapped_column(String(120))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    website: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="pending")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    status_reason: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)
    partner_city: Mapped[PartnerCity] = relationship(back_populates="employers")
    users = relationship("User", back_populates="employer", foreign_keys="User.employer_id")
    __table_args__ = (CheckConstraint(check_in("status", EMPLOYER_STATUSES), name="status"),)

    @property
    def is_verified(self) -> bool:
        return self.status == "verified"
