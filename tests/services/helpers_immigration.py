"""Factories for the Immigration tests: a seeker with a known NIK and passport, placed at a stage; API tokens."""
import itertools
from dataclasses import dataclass
from datetime import date

from flask import current_app

from app.extensions import db
from app.models import Consent, Opening, Placement, SeekerProfile
from app.security.crypto import encrypt, exchange_hash, keyed_hash
from app.services import api_clients
from app.services.audit import Actor
from tests.factories import SENSITIVE, make_employer, make_seeker_profile, nik_for
from tests.services.helpers_applications import make_opening, make_placement

_serials = itertools.count(7001)


@dataclass
class Traveller:
    seeker: SeekerProfile
    nik: str
    passport: str
    placement: Placement | None

    @property
    def nik_hash(self) -> str:
        return exchange_hash(self.nik, current_app.config["NIK_EXCHANGE_KEY"])


def make_traveller(stage: str | None = "documents_verified", consent: bool = True, departure_date: date | None = None,
                   opening: Opening | None = None) -> Traveller:
    """A seeker with a NIK and a passport, consenting to Immigration sharing unless told, placed at `stage`."""
    serial = next(_serials)
    nik = nik_for(date(1999, 3, 2), "M", serial)
    passport = f"C{serial:07d}"
    SENSITIVE.add(passport)
    seeker = make_seeker_profile(nik=nik, birth_date=date(1999, 3, 2), gender="M",
                                 passport_encrypted=encrypt(passport), passport_hash=keyed_hash(passport, "passport"))
    if consent:
        seeker.consents.append(Consent(purpose="immigration_sharing"))
        db.session.commit()
    placement = None
    if stage is not None:
        opening = opening or make_opening(employer=make_employer(legal_name="Toyama Care Ltd"))
        placement = make_placement(seeker, opening, stage)
        placement.departure_date = departure_date
        db.session.commit()
    return Traveller(seeker, nik, passport, placement)


def make_token(*scopes: str, name: str | None = None) -> str:
    """A client with these scopes (all three by default); returns its token."""
    _, token = api_clients.create_client(name or f"Kantor Imigrasi {next(_serials)}",
                                         list(scopes or api_clients.SCOPES), Actor.command_line("test"))
    return token


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
