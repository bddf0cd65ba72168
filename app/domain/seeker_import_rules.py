"""Rules across the records of one import and with what is already stored."""
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.nik import normalise_nik
from app.domain.seeker_fields import Problem


@dataclass(frozen=True)
class RecordKeys:
    """What must be unique across a file and the database: the ref, the NIK (or its hash), the e-mail."""
    line: int
    ref: str | None
    nik: str | None
    email: str | None


def record_keys(line: int, raw: Mapping) -> RecordKeys:
    """The ref, NIK and e-mail of a record, even an invalid one, for the checks across records."""
    def text(name: str) -> str | None:
        value = raw.get(name)
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        return " ".join(str(value).split()) or None
    nik = normalise_nik(text("nik") or "")
    email = text("email")
    return RecordKeys(line, text("ref"), nik if len(nik) == 16 and nik.isdigit() else None,
                      email.lower() if email else None)


def check_across(keys: list[RecordKeys], taken_niks: Mapping[str, str | None], taken_emails: Mapping[str, str | None],
                 erased_refs: frozenset[str] = frozenset()) -> dict[int, list[Problem]]:
    """Problems between the records of one file, and with what is stored, by line.

    `taken_niks` and `taken_emails` map a stored NIK (or its hash) and e-mail to the ref of the seeker
    holding it (None when that seeker has no ref, or the e-mail is not a seeker's): a record may reuse
    only what its own ref already holds.
    """
    found: dict[int, list[Problem]] = defaultdict(list)
    for name in ("ref", "nik", "email"):
        _repeated(keys, name, found)
    for key in keys:
        if key.nik in taken_niks and taken_niks[key.nik] != key.ref:
            found[key.line].append(Problem("nik", "NIK_TAKEN", {"ref": taken_niks[key.nik]}))
        if key.email in taken_emails and taken_emails[key.email] != key.ref:
            found[key.line].append(Problem("email", "EMAIL_TAKEN", {"ref": taken_emails[key.email]}))
        if key.ref in erased_refs:
            found[key.line].append(Problem("ref", "REF_ERASED"))
    return dict(found)


def _repeated(keys: list[RecordKeys], name: str, found: dict[int, list[Problem]]) -> None:
    """Every line of a ref, or a NIK or e-mail under two refs, is refused: --skip-invalid never guesses which."""
    holders: dict[str, list[RecordKeys]] = defaultdict(list)
    for key in keys:
        if getattr(key, name) is not None:
            holders[getattr(key, name)].append(key)
    for group in holders.values():
        for key in group:
            others = [other.line for other in group
                      if other.line != key.line and (name == "ref" or other.ref != key.ref)]
            if others:
                found[key.line].append(Problem(name, f"{name.upper()}_REPEATED", {"lines": others}))


def imported_certificate_status(current: str, dates_changed: bool, verified: bool) -> str:
    """A verified import verifies; else a changed certificate needs a new look and an unchanged one keeps its status."""
    if verified:
        return "verified"
    return "pending" if dates_changed else current


def matching_consent_change(wanted: bool, active: bool, ever_given: bool) -> str | None:
    """What an import does to a matching consent: grant, withdraw or nothing (None).

    It never grants again a consent the seeker withdrew: their own word outranks a spreadsheet."""
    if wanted and not ever_given:
        return "grant"
    if not wanted and active:
        return "withdraw"
    return None
