"""Indonesian first, English complete: every string in code and templates is in the catalogs."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def _catalog(locale):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def _ids(catalog):
    return {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",  # noqa: S603
                    str(TRANSLATIONS / "babel.cfg"), "-k", "_l", "--ignore-dirs", ".* .venv", "-o", str(pot),
                    "."], cwd=ROOT, check=True)
    with open(pot, "rb") as handle:
        return _ids(read_po(handle))


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_string_in_the_code_is_in_the_catalog(extracted, locale):
    missing = extracted - _ids(_catalog(locale))
    assert missing == set(), f"run `flask translate update` and translate: {sorted(missing)[:10]}"


def test_every_indonesian_message_is_translated_and_none_is_fuzzy():
    untranslated = [m.id for m in _catalog("id") if m.id and (not m.string or m.fuzzy
                                                             or (isinstance(m.string, tuple) and not all(m.string)))]
    assert untranslated == []


def test_indonesian_translations_keep_every_placeholder():
    broken = []
    for message in _catalog("id"):
        if message.id and isinstance(message.id, str) and message.string:
            if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
                broken.append(message.id)
    assert broken == []


def test_indonesian_is_what_a_new_visitor_sees(client):
    page = client.get("/").get_data(as_text=True)
    assert 'lang="id"' in page and "Masuk" in page  # "Log in"


def test_wtforms_own_messages_are_indonesian_too(client):
    page = client.post("/auth/login", data={}).get_data(as_text=True)
    assert "Isian ini wajib diisi." in page  # "This field is required."
